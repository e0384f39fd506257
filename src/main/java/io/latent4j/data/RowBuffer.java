package io.latent4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Rows of equal width gathered into one float array that grows with what was really read, so
 * no header's or file's claim decides an allocation up front.
 */
final class RowBuffer {
    private final int width;
    private float[] values;
    private int rows;

    RowBuffer(int width) {
        if (width < 1) {
            throw new IllegalArgumentException("rows need at least one column");
        }
        this.width = width;
        this.values = new float[Math.max(width, 1 << 12)];
    }

    void add(float[] row) {
        if (row.length != width) {
            throw new IllegalArgumentException("row of " + row.length + " values, expected " + width);
        }
        long needed = (long) (rows + 1) * width;
        if (needed > values.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " values do not fit one matrix");
            }
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * values.length)));
        }
        System.arraycopy(row, 0, values, rows * width, width);
        rows++;
    }

    int rows() {
        return rows;
    }

    /** The rows as a float matrix in 'c' order. */
    INDArray toMatrix() {
        return Nd4j.create(Arrays.copyOf(values, rows * width), new long[] {rows, width}, 'c');
    }
}
