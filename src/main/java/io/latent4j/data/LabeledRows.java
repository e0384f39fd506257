package io.latent4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Rows of features (an image's pixels, a table's numeric columns) with a class label each; the
 * labels of unlabelled data are all 0.
 *
 * @param features float matrix, one example per row
 * @param labels   the class index of each row
 */
public record LabeledRows(INDArray features, int[] labels) {

    public LabeledRows {
        if (features.rank() != 2 || features.rows() != labels.length) {
            throw new IllegalArgumentException("need one label per row: " + features.rows() + " rows, "
                    + labels.length + " labels");
        }
        labels = labels.clone();
    }

    public int count() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The class of row {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The given rows, in the given order (copied into a new matrix). */
    public LabeledRows select(int[] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows selected");
        }
        INDArray picked = Nd4j.pullRows(features, 1, rows);
        int[] picks = Arrays.stream(rows).map(i -> labels[i]).toArray();
        return new LabeledRows(picked, picks);
    }

    /** Row indices of one class, for per-class metrics. */
    public int[] rowsOf(int label) {
        return IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
    }
}
