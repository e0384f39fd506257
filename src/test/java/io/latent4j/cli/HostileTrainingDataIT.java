package io.latent4j.cli;

import io.latent4j.data.MnistFile;
import io.latent4j.data.RealMnist;
import io.latent4j.data.Sha256;
import io.latent4j.ModelCard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --data-dir BAD}: each damaged MNIST file gives one line naming the file and the
 * problem and exit 1; with {@code --allow-unverified} the structural checks still hold, and
 * well-formed foreign data trains with its real digests in the card.
 */
@Tag("integration")
class HostileTrainingDataIT {
    @TempDir
    static Path shared;
    private static byte[] trainImages;
    private static byte[] trainLabels;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void unpack() throws IOException {
        trainImages = gunzip(MnistFile.TRAIN_IMAGES);
        trainLabels = gunzip(MnistFile.TRAIN_LABELS);
    }

    private static byte[] gunzip(MnistFile file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(RealMnist.sourceDir().resolve(file.gzipName())))) {
            return in.readAllBytes();
        }
    }

    /** A data directory with the real files, except {@code file} replaced by {@code bytes}. */
    private Path dataDirWith(MnistFile file, String name, byte[] bytes) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (MnistFile f : MnistFile.values()) {
            if (f != file) {
                Files.createSymbolicLink(data.resolve(f.gzipName()), RealMnist.sourceDir().resolve(f.gzipName()).toAbsolutePath());
            }
        }
        if (bytes != null) {
            Files.write(data.resolve(name), bytes);
        }
        return data;
    }

    private int train(Path data, boolean allowUnverified, String... extra) {
        String[] base = {"train", "--data-dir", data.toString(), "--iterations", "3", "--no-export", "--quiet",
            "--model-out", dir.resolve("model.zip").toString()};
        String[] args = Arrays.copyOf(base, base.length + extra.length + (allowUnverified ? 1 : 0));
        System.arraycopy(extra, 0, args, base.length, extra.length);
        if (allowUnverified) {
            args[args.length - 1] = "--allow-unverified";
        }
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private void assertRejected(Path data, boolean allowUnverified, String fragment) {
        int code = train(data, allowUnverified);
        String message = err.toString().strip();
        assertEquals(1, code, message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(fragment), () -> "'" + message + "' lacks '" + fragment + "'");
        assertFalse(message.contains("\tat "), message);
        assertFalse(Files.exists(dir.resolve("model.zip")), "no model may be written");
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    @Test
    void aDamagedFileFailsVerificationWithBothDigests() throws IOException {
        byte[] damaged = trainImages.clone();
        damaged[5000] ^= 1;
        Path data = dataDirWith(MnistFile.TRAIN_IMAGES, "train-images-idx3-ubyte", damaged);
        assertRejected(data, false, "SHA-256 mismatch for train-images-idx3-ubyte (read from "
                + data.resolve("train-images-idx3-ubyte") + "): expected " + MnistFile.TRAIN_IMAGES.sha256());
    }

    @Test
    void wrongMagic() throws IOException {
        assertRejected(dataDirWith(MnistFile.TRAIN_IMAGES, "train-images-idx3-ubyte", withInt(trainImages, 0, 0x0801)), true,
                "has 1 dimensions, expected 3");
        clean();
        assertRejected(dataDirWith(MnistFile.TRAIN_LABELS, "train-labels-idx1-ubyte", withInt(trainLabels, 0, 0x1234)), true,
                "bad magic number 0x00001234");
    }

    @Test
    void sizeThatDoesNotMatchTheHeader() throws IOException {
        Path data = dataDirWith(MnistFile.TRAIN_IMAGES, "train-images-idx3-ubyte",
                Arrays.copyOf(trainImages, trainImages.length - 1000));
        assertRejected(data, true, "(truncated)");
    }

    @Test
    void paddedFile() throws IOException {
        assertRejected(dataDirWith(MnistFile.TRAIN_IMAGES, "train-images-idx3-ubyte",
                Arrays.copyOf(trainImages, trainImages.length + 1)), true, "(trailing data)");
    }

    @Test
    void headerClaimingBillionsOfImages() throws IOException {
        assertRejected(dataDirWith(MnistFile.TRAIN_IMAGES, "train-images-idx3-ubyte", withInt(trainImages, 4, 2_000_000_000)),
                true, "promises 1568000000016 bytes");
    }

    @Test
    void imageAndLabelCountsThatDiffer() throws IOException {
        byte[] fewer = withInt(Arrays.copyOf(trainLabels, trainLabels.length - 1), 4, 59_999);
        assertRejected(dataDirWith(MnistFile.TRAIN_LABELS, "train-labels-idx1-ubyte", fewer), true,
                "holds 59999 items; DL4J's MNIST reader needs exactly 60000");
    }

    @Test
    void labelsOutsideZeroToNine() throws IOException {
        byte[] labels = trainLabels.clone();
        labels[8 + 17] = 42;
        assertRejected(dataDirWith(MnistFile.TRAIN_LABELS, "train-labels-idx1-ubyte", labels), true,
                "label 17 is 42, expected a digit 0-9");
    }

    @Test
    void corruptAndEmptyAndMissingFilesAndADirectory() throws IOException {
        byte[] gz = Files.readAllBytes(RealMnist.sourceDir().resolve(MnistFile.TEST_IMAGES.gzipName()));
        assertRejected(dataDirWith(MnistFile.TEST_IMAGES, "t10k-images-idx3-ubyte.gz", Arrays.copyOf(gz, gz.length / 2)),
                false, "is not a valid gzip file");
        clean();
        assertRejected(dataDirWith(MnistFile.TEST_LABELS, "t10k-labels-idx1-ubyte", new byte[0]), true,
                "ends inside the IDX header");
        clean();
        Path data = dataDirWith(MnistFile.TEST_LABELS, null, null);
        assertRejected(data, false, "has neither t10k-labels-idx1-ubyte nor t10k-labels-idx1-ubyte.gz");
        clean();
        data = dataDirWith(MnistFile.TEST_LABELS, null, null);
        Files.createDirectory(data.resolve("t10k-labels-idx1-ubyte"));
        assertRejected(data, false, "is a directory, expected the file t10k-labels-idx1-ubyte");
    }

    private void clean() throws IOException {
        err.getBuffer().setLength(0);
        try (var walk = Files.walk(dir.resolve("data"))) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void wellFormedForeignDataTrainsWithItsRealDigestsRecorded() throws IOException {
        byte[] other = trainImages.clone();
        other[16 + 400] = (byte) 200;
        Path data = dataDirWith(MnistFile.TRAIN_IMAGES, "train-images-idx3-ubyte", other);
        assertEquals(1, train(data, false), "without the flag the data is refused");
        err.getBuffer().setLength(0);
        assertEquals(0, train(data, true), err.toString());
        ModelCard card = ModelCard.load(dir.resolve("model.json"));
        String actual = Sha256.of(data.resolve("train-images-idx3-ubyte"));
        assertTrue(card.dataFiles().contains(new ModelCard.DataFile("train", "train-images-idx3-ubyte", actual)),
                card.dataFiles().toString());
        assertTrue(card.dataFiles().contains(new ModelCard.DataFile("test", "t10k-images-idx3-ubyte",
                MnistFile.TEST_IMAGES.sha256())), card.dataFiles().toString());
        assertFalse(card.verifiedMnist(), "foreign files are never called verified");
        assertTrue(out.toString().contains("test MSE"), out.toString());
    }
}
