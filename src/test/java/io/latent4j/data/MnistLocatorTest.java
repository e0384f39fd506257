package io.latent4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The locator's failure paths, on small synthetic files (the real-data path is in {@link RealMnistIT}). */
class MnistLocatorTest {
    @TempDir
    Path data;
    @TempDir
    Path staging;

    private final List<String> log = new ArrayList<>();

    private MnistLocator locator(Path explicit) {
        return MnistLocator.of(explicit, staging, false, false, log::add);
    }

    private void writeSyntheticSet(Path dir) throws IOException {
        IdxFiles.write(dir.resolve(MnistFile.TRAIN_IMAGES.fileName()), IdxFiles.images(3, 28, 28));
        IdxFiles.write(dir.resolve(MnistFile.TRAIN_LABELS.fileName()), IdxFiles.idx(new int[] {3}, new byte[] {1, 5, 6}));
        IdxFiles.write(dir.resolve(MnistFile.TEST_IMAGES.fileName()), IdxFiles.images(2, 28, 28));
        IdxFiles.write(dir.resolve(MnistFile.TEST_LABELS.fileName()), IdxFiles.idx(new int[] {2}, new byte[] {1, 5}));
    }

    @Test
    void checksumMismatchNamesTheFileAndBothDigests() throws IOException {
        writeSyntheticSet(data);
        Path file = data.resolve(MnistFile.TRAIN_IMAGES.fileName());
        String actual = Sha256.of(file);
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, () -> locator(data).locate());
        assertTrue(e.getMessage().contains("SHA-256 mismatch for train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + MnistFile.TRAIN_IMAGES.sha256()), e.getMessage());
        assertTrue(e.getMessage().contains("got " + actual), e.getMessage());
        assertFalse(Files.exists(staging.resolve(MnistFile.TRAIN_IMAGES.fileName())), "a bad file must not be staged");
        assertNoTemporaryFiles();
    }

    @Test
    void checksumIsOfTheUncompressedBytesOfAGzip() throws IOException {
        byte[] bytes = IdxFiles.images(3, 28, 28);
        Path plain = IdxFiles.write(staging.resolve("plain"), bytes);
        IdxFiles.writeGzip(data.resolve(MnistFile.TRAIN_IMAGES.gzipName()), bytes);
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, () -> locator(data).locate());
        assertTrue(e.getMessage().contains("got " + Sha256.of(plain)), e.getMessage());
    }

    @Test
    void corruptGzipIsReportedAsSuch() throws IOException {
        IdxFiles.write(data.resolve(MnistFile.TRAIN_IMAGES.gzipName()), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, () -> locator(data).locate());
        assertTrue(e.getMessage().contains("not a valid gzip file"), e.getMessage());
        assertNoTemporaryFiles();
    }

    @Test
    void missingFileInAnExplicitDirectoryIsNamed() {
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, () -> locator(data).locate());
        assertTrue(e.getMessage().contains("has neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz"),
                e.getMessage());
    }

    @Test
    void explicitPathThatIsNotADirectoryIsRejected() throws IOException {
        Path file = Files.writeString(data.resolve("not-a-dir"), "x");
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, () -> locator(file).locate());
        assertTrue(e.getMessage().endsWith("is not a directory"), e.getMessage());
    }

    @Test
    void damagedCacheIsReportedWithWhatToDoWhenNoOtherSourceHasTheFile() throws IOException {
        writeSyntheticSet(staging);
        MnistUnavailableException e = assertThrows(MnistUnavailableException.class, () -> locator(null).locate());
        assertTrue(e.getMessage().contains("SHA-256 mismatch for train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("--data-dir DIR or MNIST_DIR=DIR"), e.getMessage());
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (var files = Files.list(staging)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left behind");
        }
    }
}
