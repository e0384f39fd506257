package io.latent4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Images as rows of pixels in [0, 1] with their digit labels.
 *
 * @param pixels float matrix, one image per row
 * @param labels the digit of each row
 */
public record LabeledImages(INDArray pixels, int[] labels) {

    public LabeledImages {
        if (pixels.rank() != 2 || pixels.rows() != labels.length) {
            throw new IllegalArgumentException("need one label per row: " + pixels.rows() + " rows, "
                    + labels.length + " labels");
        }
        labels = labels.clone();
    }

    /** Builds from one-hot label rows, as DL4J's MNIST iterator yields them. */
    public static LabeledImages fromOneHot(INDArray pixels, INDArray oneHotLabels) {
        return new LabeledImages(pixels, oneHotLabels.argMax(1).toIntVector());
    }

    public int count() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The digit of row {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The given rows, in the given order (copied into a new matrix). */
    public LabeledImages select(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows selected");
        }
        INDArray picked = Nd4j.pullRows(pixels, 1, rows);
        int[] picks = Arrays.stream(rows).map(i -> labels[i]).toArray();
        return new LabeledImages(picked, picks);
    }

    /** Row indices per digit, for per-class metrics. */
    public int[] rowsOf(int digit) {
        return IntStream.range(0, labels.length).filter(i -> labels[i] == digit).toArray();
    }
}
