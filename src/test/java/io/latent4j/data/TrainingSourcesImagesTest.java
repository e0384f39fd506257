package io.latent4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSourcesImagesTest {
    @TempDir
    Path dir;

    /** A grey image of one shade. */
    static Path grey(Path file, int width, int height, int shade, String format) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, shade);
            }
        }
        assertTrue(ImageIO.write(image, format, file.toFile()));
        return file;
    }

    @Test
    void labelledFolderOfPngAndJpegIsResizedAndLabelledBySubFolder() throws IOException {
        Path root = dir.resolve("shapes");
        grey(root.resolve("dark/a.png"), 16, 12, 0, "png");
        grey(root.resolve("dark/b.jpg"), 20, 20, 0, "jpg");
        grey(root.resolve("light/c.png"), 8, 8, 255, "png");
        grey(root.resolve("light/d.jpeg"), 10, 30, 255, "jpg");
        Files.writeString(root.resolve("light/notes.txt"), "not an image");
        Path test = dir.resolve("held-out");
        grey(test.resolve("light/e.png"), 5, 5, 255, "png");
        TrainingData data = TrainingSources.imageFolder(root, test, 4, 3, 0.5, 1);
        assertEquals(List.of("dark", "light"), data.classNames());
        assertEquals(12, data.columns());
        assertArrayEquals(new int[] {0, 0, 1, 1}, data.train().labels());
        float[][] rows = FloatRows.of(data.train().features());
        for (int r = 0; r < 4; r++) {
            float expected = r < 2 ? 0 : 1;
            for (float v : rows[r]) {
                assertEquals(expected, v, 0.02f, "row " + r);
            }
        }
        assertArrayEquals(new int[] {1}, data.test().labels());
        DataProvenance p = data.provenance();
        assertEquals("image-folder", p.kind());
        assertEquals("shapes: 4 images, held-out: 1 images, resized to 4x3 grey, labels from sub-folder names (2 classes)",
                p.description());
        assertEquals("images decoded", p.verification());
        assertEquals("test files", p.split());
        StringBuilder listing = new StringBuilder();
        for (String name : List.of("dark/a.png", "dark/b.jpg", "light/c.png", "light/d.jpeg")) {
            listing.append(name).append(' ').append(TestDigests.sha256(Files.readAllBytes(root.resolve(name)))).append('\n');
        }
        assertEquals(new DataProvenance.SourceFile("train", root.toString(),
                TestDigests.sha256(listing.toString().getBytes(StandardCharsets.UTF_8))), p.files().get(0));
    }

    @Test
    void aFolderWithoutSubFoldersIsUnlabelledAndSplitBySeed() throws IOException {
        for (int i = 0; i < 10; i++) {
            grey(dir.resolve("flat/img" + i + ".png"), 6, 6, i * 25, "png");
        }
        TrainingData data = TrainingSources.imageFolder(dir.resolve("flat"), null, 6, 6, 0.3, 5);
        assertEquals(List.of(), data.classNames());
        assertEquals(7, data.train().count());
        assertEquals(3, data.test().count());
        assertArrayEquals(new int[7], data.train().labels());
        assertEquals("30% of the rows, seed 5", data.provenance().split());
        // Grey PNG pixels arrive exactly: every shade i * 25 is one row, in train or test.
        float[] firsts = new float[10];
        int k = 0;
        for (LabeledRows rows : List.of(data.train(), data.test())) {
            for (float[] row : FloatRows.of(rows.features())) {
                firsts[k++] = row[0] * 255;
            }
        }
        Arrays.sort(firsts);
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 25, firsts[i], 1e-3f);
        }
    }

    @Test
    void emptyFoldersAndUndecodableImagesAreNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty/sub"));
        assertEquals(dir.resolve("empty") + ": no PNG or JPEG images in this folder or its sub-folders",
                assertThrows(IOException.class, () -> TrainingSources.imageFolder(dir.resolve("empty"), null, 4, 4, 0.5, 1))
                        .getMessage());
        assertTrue(Files.isDirectory(empty));

        Path good = grey(dir.resolve("bad/ok.png"), 8, 8, 100, "png");
        Path truncated = dir.resolve("bad/truncated.png");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class,
                () -> TrainingSources.imageFolder(dir.resolve("bad"), null, 4, 4, 0.5, 1));
        assertTrue(e.getMessage().startsWith(truncated + ": "), e.getMessage());

        Files.delete(truncated);
        Path garbage = Files.writeString(dir.resolve("bad/garbage.jpg"), "this is no JPEG");
        e = assertThrows(IOException.class, () -> TrainingSources.imageFolder(dir.resolve("bad"), null, 4, 4, 0.5, 1));
        assertEquals(garbage + ": is not a readable PNG or JPEG image", e.getMessage());
    }

    /** A noisy 28x28 grey PNG whose zlib stream stops halfway, inside chunks that are themselves well formed. */
    private static byte[] pngWithHalfItsImageData() throws IOException {
        java.util.Random random = new java.util.Random(2);
        byte[] raw = new byte[28 * 29];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i % 29 == 0 ? 0 : (byte) random.nextInt(256);
        }
        java.io.ByteArrayOutputStream zlib = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(zlib)) {
            out.write(raw);
        }
        byte[] data = zlib.toByteArray();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", java.nio.ByteBuffer.allocate(13).putInt(28).putInt(28).put((byte) 8).array());
        chunk(png, "IDAT", Arrays.copyOf(data, data.length / 2));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(java.io.ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        java.io.DataOutputStream out = new java.io.DataOutputStream(png);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    private void assertRefused(Path root, String message) {
        IOException e = assertThrows(IOException.class, () -> TrainingSources.imageFolder(root, null, 4, 4, 0.5, 1));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void imagesCutShortAndEntriesNamedLikeImagesThatAreNoneAreNamedNeverSkippedOrZeroFilled() throws IOException {
        Path root = dir.resolve("odd");
        grey(root.resolve("ok.png"), 8, 8, 100, "png");
        Path halfData = Files.write(root.resolve("half-data.png"), pngWithHalfItsImageData());
        assertRefused(root, halfData + ": is not a readable PNG or JPEG image (Error reading PNG image data)");
        Files.delete(halfData);

        Path jpeg = grey(dir.resolve("j/full.jpg"), 64, 64, 90, "jpg");
        byte[] bytes = Files.readAllBytes(jpeg);
        Path cut = Files.write(root.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertRefused(root, cut + ": ");
        Files.delete(cut);

        Path folder = Files.createDirectories(root.resolve("x.png"));
        assertRefused(root, folder + ": is a folder named like an image; rename or remove it");
        Files.delete(folder);
        Path dangling = Files.createSymbolicLink(root.resolve("gone.png"), dir.resolve("nowhere.png"));
        assertRefused(root, dangling + ": is a symbolic link to no readable file (dangling or looping); rename or remove it");
        Files.delete(dangling);
        Path loop = Files.createSymbolicLink(root.resolve("loop.png"), Path.of("loop.png"));
        assertRefused(root, loop + ": is a symbolic link to no readable file (dangling or looping); rename or remove it");
        Files.delete(loop);

        Path huge = Files.write(root.resolve("huge.png"), java.nio.ByteBuffer.allocate(33)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put("IHDR".getBytes(
                        StandardCharsets.US_ASCII)).putInt(40000).putInt(40000).put((byte) 8).array());
        assertRefused(root, huge + ": is 40000x40000 pixels, more than the ");
    }
}
