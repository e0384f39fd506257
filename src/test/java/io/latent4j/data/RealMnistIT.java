package io.latent4j.data;

import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("integration")
class RealMnistIT {

    @Test
    void filteredCountsAndPixelRangeMatchTheOriginalData() throws IOException {
        MnistDigits digits = MnistDigits.load(RealMnist.files(), Set.of(1, 5, 6));
        assertEquals(18081, digits.train().count());
        assertEquals(2985, digits.test().count());
        assertEquals(784, digits.train().features().columns());
        for (LabeledRows split : new LabeledRows[] {digits.train(), digits.test()}) {
            INDArray pixels = split.features();
            assertEquals(0.0, pixels.minNumber().doubleValue());
            assertEquals(1.0, pixels.maxNumber().doubleValue(), 1e-6);
            assertTrue(Arrays.stream(split.labels()).allMatch(d -> d == 1 || d == 5 || d == 6));
        }
        // Per-digit counts of the original test set: 1135 ones, 892 fives, 958 sixes.
        assertEquals(1135, digits.test().rowsOf(1).length);
        assertEquals(892, digits.test().rowsOf(5).length);
        assertEquals(958, digits.test().rowsOf(6).length);
    }

    @Test
    void batchesGiveTheRowsOfTheWholeSplitInOrder() throws IOException {
        MnistFiles files = RealMnist.files();
        assertTrue(MnistDigits.BATCH * MnistDigits.BATCHES_PER_COLLECTION < MnistFile.TRAIN_IMAGES.count(),
                "the training split spans several batches and collections");
        assertSameRows(wholeSplit(files, true), MnistDigits.loadTrain(files, Set.of(1, 5, 6)));
        assertSameRows(wholeSplit(files, false), MnistDigits.loadTest(files, Set.of(1, 5, 6)));
    }

    /** Digits 1, 5 and 6 of a split read by DL4J's iterator in one batch. */
    private static LabeledRows wholeSplit(MnistFiles files, boolean train) throws IOException {
        int count = (train ? MnistFile.TRAIN_IMAGES : MnistFile.TEST_IMAGES).count();
        DataSet whole = new MnistDataSetIterator(count, count, false, train, false, 0L, files.directory().toFile()).next();
        LabeledRows all = new LabeledRows(whole.getFeatures(), whole.getLabels().argMax(1).toIntVector());
        int[] labels = all.labels();
        return all.select(IntStream.range(0, labels.length)
                .filter(i -> labels[i] == 1 || labels[i] == 5 || labels[i] == 6).toArray());
    }

    private static void assertSameRows(LabeledRows expected, LabeledRows loaded) {
        assertArrayEquals(expected.labels(), loaded.labels());
        assertEquals(expected.features(), loaded.features());
    }

    @Test
    void stagedFilesCarryThePublishedDigests() throws IOException {
        MnistFiles files = RealMnist.files();
        for (MnistFile file : MnistFile.values()) {
            assertEquals(file.sha256(), Sha256.of(files.directory().resolve(file.fileName())));
            assertEquals(file.sha256(), files.sha256ByName().get(file.fileName()));
        }
    }

    @Test
    void gzipCopiesInTheStagingDirectoryAreUnpackedAndVerified(@TempDir Path staging) throws IOException {
        for (MnistFile file : MnistFile.values()) {
            Path gz = RealMnist.sourceDir().resolve(file.gzipName());
            Files.createSymbolicLink(staging.resolve(file.gzipName()), gz.toAbsolutePath());
        }
        MnistFiles files = MnistLocator.of(null, staging, false, false, line -> { }).locate();
        for (MnistFile file : MnistFile.values()) {
            assertEquals(file.sha256(), Sha256.of(staging.resolve(file.fileName())));
            assertTrue(files.origins().get(file).endsWith(".gz"));
        }
        // A second search finds the verified plain files already in place.
        MnistFiles again = MnistLocator.of(null, staging, false, false, line -> { }).locate();
        assertEquals(staging.resolve(MnistFile.TEST_LABELS.fileName()).toString(),
                again.origins().get(MnistFile.TEST_LABELS));
    }
}
