package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.data.IdxImages;
import io.latent4j.data.IdxLabels;
import io.latent4j.data.RealMnist;
import io.latent4j.viz.Pngs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encode and decode commands on real MNIST test images with the shipped model. */
@Tag("integration")
class EncodeDecodeIT {
    private static Autoencoder ae;
    private static float[][] first;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void loadModel() throws Exception {
        ae = Autoencoder.pretrained();
        List<float[]> rows = new ArrayList<>();
        try (IdxImages images = IdxImages.open(images())) {
            while (images.hasNext() && rows.size() < 20) {
                rows.add(images.next());
            }
        }
        first = rows.toArray(new float[0][]);
    }

    private static Path images() {
        return RealMnist.sourceDir().resolve("t10k-images-idx3-ubyte.gz");
    }

    private static Path labels() {
        return RealMnist.sourceDir().resolve("t10k-labels-idx1-ubyte.gz");
    }

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void encodesTheTestSetToCsvWithLabels() throws IOException {
        Path csv = dir.resolve("z.csv");
        assertEquals(0, run("encode", "--model", "pretrained", "--input", images().toString(), "--labels",
                labels().toString(), "--out", csv.toString()), err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("z1,z2,label", lines.get(0));
        assertEquals(10_001, lines.size());
        int[] labels = IdxLabels.read(labels());
        float[][] expected = ae.encode(first);
        for (int i = 0; i < first.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertArrayEquals(expected[i], new float[] {Float.parseFloat(cells[0]), Float.parseFloat(cells[1])}, 1e-5f);
            assertEquals(labels[i], Integer.parseInt(cells[2]));
        }
        assertTrue(out.toString().contains("Encoded 10,000 rows"), out.toString());
    }

    @Test
    void writesTheEmbeddingProjectorPair() throws IOException {
        Path tsv = dir.resolve("z.tsv");
        assertEquals(0, run("encode", "--model", "pretrained", "--input", images().toString(), "--labels",
                labels().toString(), "--out", tsv.toString()), err.toString());
        List<String> vectors = Files.readAllLines(tsv);
        List<String> metadata = Files.readAllLines(dir.resolve("z-metadata.tsv"));
        assertEquals(10_000, vectors.size());
        assertEquals(10_000, metadata.size());
        float[][] expected = ae.encode(first);
        int[] labels = IdxLabels.read(labels());
        for (int i = 0; i < first.length; i++) {
            String[] cells = vectors.get(i).split("\t");
            assertArrayEquals(expected[i], new float[] {Float.parseFloat(cells[0]), Float.parseFloat(cells[1])}, 1e-5f);
            assertEquals(Integer.toString(labels[i]), metadata.get(i));
        }
    }

    @Test
    void encodesCsvAndPngFolderInputsLikeTheSameImagesFromIdx() throws IOException {
        Path pngs = Files.createDirectory(dir.resolve("pngs"));
        StringBuilder csvInput = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            Pngs.write(Pngs.grey(first[i], 28), pngs.resolve(String.format(Locale.ROOT, "img-%02d.png", i)));
            List<String> cells = new ArrayList<>();
            for (float v : first[i]) {
                cells.add(Float.toString(v));
            }
            csvInput.append(String.join(",", cells)).append('\n');
        }
        Path csvIn = Files.writeString(dir.resolve("pixels.csv"), csvInput);
        float[][] expected = ae.encode(java.util.Arrays.copyOf(first, 5));
        for (Path input : new Path[] {pngs, csvIn}) {
            Path result = dir.resolve("from-" + input.getFileName() + ".csv");
            assertEquals(0, run("encode", "--model", "pretrained", "--input", input.toString(), "--out",
                    result.toString()), err.toString());
            List<String> lines = Files.readAllLines(result);
            assertEquals("z1,z2", lines.get(0));
            assertEquals(6, lines.size());
            for (int i = 0; i < 5; i++) {
                String[] cells = lines.get(i + 1).split(",");
                // PNG pixels are exact bytes, so the codes match the IDX images' codes.
                assertArrayEquals(expected[i], new float[] {Float.parseFloat(cells[0]), Float.parseFloat(cells[1])}, 1e-5f);
            }
        }
    }

    @Test
    void decodeWritesOneImagePerRow() throws IOException {
        Path latents = Files.writeString(dir.resolve("latents.csv"), "z1,z2\n0,0\n-1,2\n3,-4\n");
        Path pngs = dir.resolve("decoded");
        assertEquals(0, run("decode", "--model", "pretrained", "--input", latents.toString(), "--out", pngs.toString()),
                err.toString());
        float[][] expected = ae.decode(new float[][] {{0, 0}, {-1, 2}, {3, -4}});
        for (int i = 0; i < 3; i++) {
            BufferedImage image = ImageIO.read(pngs.resolve(String.format(Locale.ROOT, "row-%06d.png", i)).toFile());
            assertEquals(28, image.getWidth());
            assertEquals(28, image.getHeight());
            assertEquals(Pngs.toByte(expected[i][14 * 28 + 14]), image.getRaster().getSample(14, 14, 0));
        }
    }

    @Test
    void badInputsGiveOneLineAndExitOne() throws IOException {
        Path trainLabels = RealMnist.sourceDir().resolve("train-labels-idx1-ubyte.gz");
        assertEquals(1, run("encode", "--model", "pretrained", "--input", images().toString(), "--labels",
                trainLabels.toString(), "--out", dir.resolve("z.csv").toString()));
        assertTrue(err.toString().contains("holds 10000 images but " + trainLabels + " holds 60000 labels"), err.toString());
        assertTrue(!Files.exists(dir.resolve("z.csv")), "no output on failure");

        Path bytes = Files.writeString(dir.resolve("bytes.csv"),
                String.join(",", java.util.Collections.nCopies(784, "255")) + "\n");
        assertEquals(1, run("encode", "--model", "pretrained", "--input", bytes.toString(), "--out",
                dir.resolve("b.csv").toString()));
        assertTrue(err.toString().contains(bytes + ": row 0: pixel 0 is 255.0"), err.toString());
        assertTrue(err.toString().contains("divide them by 255"), err.toString());

        Path missingModel = dir.resolve("nope.zip");
        assertEquals(1, run("encode", "--model", missingModel.toString(), "--input", images().toString(), "--out",
                dir.resolve("c.csv").toString()));
        assertTrue(err.toString().contains(missingModel + ": no such model file"), err.toString());
        assertEquals(3, err.toString().strip().lines().count(), err.toString());
    }
}
