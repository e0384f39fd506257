package io.latent4j.data;

import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.util.Set;

/**
 * Loads verified MNIST through DL4J's {@code MnistDataSetIterator} (pixels scaled to [0, 1], not
 * binarized, original order) and keeps the chosen digits.
 *
 * @param train the training images of the chosen digits
 * @param test  the test images of the chosen digits
 */
public record MnistDigits(LabeledImages train, LabeledImages test) {

    /** Loads both splits from {@code files} and keeps {@code digits}. */
    public static MnistDigits load(MnistFiles files, Set<Integer> digits) throws IOException {
        return new MnistDigits(
                loadSplit(files, true, MnistFile.TRAIN_IMAGES.count()).keepDigits(digits),
                loadSplit(files, false, MnistFile.TEST_IMAGES.count()).keepDigits(digits));
    }

    /** Loads only the test split from {@code files} and keeps {@code digits}. */
    public static LabeledImages loadTest(MnistFiles files, Set<Integer> digits) throws IOException {
        return loadSplit(files, false, MnistFile.TEST_IMAGES.count()).keepDigits(digits);
    }

    private static LabeledImages loadSplit(MnistFiles files, boolean train, int count) throws IOException {
        MnistDataSetIterator iterator = new MnistDataSetIterator(count, count, false, train, false, 0L,
                files.directory().toFile());
        DataSet all = iterator.next();
        if (all.numExamples() != count) {
            throw new IOException("DL4J read " + all.numExamples() + " MNIST " + (train ? "training" : "test")
                    + " images from " + files.directory() + ", expected " + count);
        }
        return LabeledImages.fromOneHot(all.getFeatures(), all.getLabels());
    }
}
