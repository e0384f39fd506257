package io.latent4j.data;

import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Set;

/**
 * Loads verified MNIST through DL4J's {@code MnistDataSetIterator} (pixels scaled to [0, 1], not
 * binarized, original order) and keeps the chosen digits.
 *
 * @param train the training images of the chosen digits
 * @param test  the test images of the chosen digits
 */
public record MnistDigits(LabeledRows train, LabeledRows test) {
    /**
     * Images per batch from the iterator. DL4J builds each batch through a {@code float[][]}, a
     * flattened copy of it and native buffers: for a whole split in one batch that is 0.75 GB of
     * new memory for the training images, and new memory is slow here (about 3 ms per MB, one
     * page fault per 4 KB). In batches the heap copies stay small and are reused: loading both
     * splits takes 2.3 s of CPU instead of 3.6 s, and the process peaks 0.44 GB lower.
     */
    static final int BATCH = 1000;
    /**
     * Batches between garbage collections. The iterator's native buffers are freed only when the
     * collector finds them dead, and with few heap objects it seldom runs: every batch then takes
     * new memory. Collecting every 10,000 images lets later batches reuse freed memory: DL4J's
     * fetches of the training split took 0.75 s instead of 1.5 s (6 collections, 0.09 s in all),
     * and loading both splits peaks 0.2 GB lower.
     */
    static final int BATCHES_PER_COLLECTION = 10;

    /** Loads both splits from {@code files} and keeps {@code digits}. */
    public static MnistDigits load(MnistFiles files, Set<Integer> digits) throws IOException {
        return new MnistDigits(loadTrain(files, digits), loadTest(files, digits));
    }

    /** Loads only the training split from {@code files} and keeps {@code digits}. */
    public static LabeledRows loadTrain(MnistFiles files, Set<Integer> digits) throws IOException {
        return loadSplit(files, true, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS, digits);
    }

    /** Loads only the test split from {@code files} and keeps {@code digits}. */
    public static LabeledRows loadTest(MnistFiles files, Set<Integer> digits) throws IOException {
        return loadSplit(files, false, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS, digits);
    }

    /**
     * The kept rows are copied once, straight into a matrix sized from the verified label file;
     * gathering them batch by batch and joining the pieces cost two more copies' worth of new
     * memory (0.3 s for both splits). The labels themselves come from the iterator.
     */
    private static LabeledRows loadSplit(MnistFiles files, boolean train, MnistFile images, MnistFile labelFile,
                                           Set<Integer> digits) throws IOException {
        int count = images.count();
        int keep = (int) Arrays.stream(IdxLabels.read(files.directory().resolve(labelFile.fileName())))
                .filter(digits::contains).count();
        if (keep == 0) {
            throw new IllegalArgumentException("no images of digits " + digits);
        }
        MnistDataSetIterator iterator = new MnistDataSetIterator(BATCH, count, false, train, false, 0L,
                files.directory().toFile());
        int columns = iterator.inputColumns();
        INDArray pixels = Nd4j.createUninitialized(DataType.FLOAT, keep, columns);
        FloatBuffer into = pixels.data().asNioFloat();
        int[] labels = new int[keep];
        int kept = 0;
        int read = 0;
        int batches = 0;
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            INDArray features = batch.getFeatures().isView() || batch.getFeatures().ordering() != 'c'
                    ? batch.getFeatures().dup('c') : batch.getFeatures();
            FloatBuffer from = features.data().asNioFloat();
            int[] batchLabels = batch.getLabels().argMax(1).toIntVector();
            for (int i = 0; i < batchLabels.length; i++) {
                if (digits.contains(batchLabels[i])) {
                    if (kept == keep) {
                        throw new IOException(mismatch(files, labelFile, keep));
                    }
                    into.put(kept * columns, from, i * columns, columns);
                    labels[kept++] = batchLabels[i];
                }
            }
            Reference.reachabilityFence(features);
            read += batchLabels.length;
            if (++batches % BATCHES_PER_COLLECTION == 0) {
                System.gc();
            }
        }
        if (read != count) {
            throw new IOException("DL4J read " + read + " MNIST " + (train ? "training" : "test")
                    + " images from " + files.directory() + ", expected " + count);
        }
        if (kept != keep) {
            throw new IOException(mismatch(files, labelFile, keep));
        }
        Reference.reachabilityFence(pixels);
        return new LabeledRows(pixels, labels);
    }

    private static String mismatch(MnistFiles files, MnistFile labelFile, int keep) {
        return "DL4J's labels disagree with " + files.directory().resolve(labelFile.fileName()) + ", which has " + keep
                + " images of the chosen digits";
    }
}
