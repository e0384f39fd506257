package io.latent4j.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Mean squared reconstruction error over all pixels of a set of images, overall and per digit.
 * Sums run in double: DL4J's own {@code score()} sums in float32, which drifts on large sets.
 *
 * @param mse      mean of (reconstruction - input)^2 over all rows and columns
 * @param perDigit the same mean restricted to each digit's rows
 */
public record ReconstructionMetrics(double mse, Map<Integer, Double> perDigit) {
    private static final int CHUNK_ROWS = 2048;

    public ReconstructionMetrics {
        perDigit = Map.copyOf(perDigit);
    }

    /** Squared error summed over the columns of each row, in double. */
    public static double[] rowSquaredErrors(INDArray pixels, UnaryOperator<INDArray> reconstruct) {
        long rows = pixels.rows();
        double[] sums = new double[(int) rows];
        for (long start = 0; start < rows; start += CHUNK_ROWS) {
            long end = Math.min(rows, start + CHUNK_ROWS);
            INDArray x = pixels.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray diff = reconstruct.apply(x).castTo(DataType.DOUBLE).subi(x.castTo(DataType.DOUBLE));
            double[] chunk = diff.muli(diff).sum(1).toDoubleVector();
            System.arraycopy(chunk, 0, sums, (int) start, chunk.length);
        }
        return sums;
    }

    /** Measures {@code reconstruct} on {@code pixels} whose rows carry {@code labels}. */
    public static ReconstructionMetrics measure(INDArray pixels, int[] labels, UnaryOperator<INDArray> reconstruct) {
        double[] rowErrors = rowSquaredErrors(pixels, reconstruct);
        long columns = pixels.columns();
        Map<Integer, double[]> sums = new TreeMap<>();
        double total = 0;
        for (int i = 0; i < rowErrors.length; i++) {
            total += rowErrors[i];
            double[] acc = sums.computeIfAbsent(labels[i], k -> new double[2]);
            acc[0] += rowErrors[i];
            acc[1] += 1;
        }
        Map<Integer, Double> perDigit = new TreeMap<>();
        sums.forEach((digit, acc) -> perDigit.put(digit, acc[0] / (acc[1] * columns)));
        return new ReconstructionMetrics(total / ((double) rowErrors.length * columns), perDigit);
    }
}
