package io.latent4j.bench;

import io.latent4j.Autoencoder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Random;

/**
 * Latent extraction speed: the latency of encoding one image and the throughput of encoding a
 * batch, each as the median over repeated timed runs after a warm-up.
 */
public final class EncodeBenchmark {

    /**
     * @param singleMedianMicros  median time to encode one image through {@code encode(float[][])}
     * @param singleP90Micros     90th percentile of the same
     * @param batchRowsPerSecond  median throughput of {@code encode(INDArray)} on the batch
     * @param batchRows           rows in the batch
     * @param singleRuns          timed single-image calls
     * @param batchRuns           timed batch calls
     */
    public record Result(double singleMedianMicros, double singleP90Micros, double batchRowsPerSecond,
                         int batchRows, int singleRuns, int batchRuns) {
    }

    private EncodeBenchmark() {
    }

    /** Runs the benchmark on random images (the network's cost does not depend on pixel values). */
    public static Result run(Autoencoder ae, int batchRows, int singleRuns, int batchRuns) {
        Random random = new Random(1);
        float[][] one = new float[1][ae.inputSize()];
        for (int j = 0; j < one[0].length; j++) {
            one[0][j] = random.nextFloat();
        }
        INDArray batch = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, batchRows, ae.inputSize());
        for (int i = 0; i < Math.max(200, singleRuns / 5); i++) {
            ae.encode(one);
        }
        for (int i = 0; i < 3; i++) {
            ae.encode(batch);
        }
        double[] single = new double[singleRuns];
        for (int i = 0; i < singleRuns; i++) {
            long start = System.nanoTime();
            ae.encode(one);
            single[i] = (System.nanoTime() - start) / 1e3;
        }
        double[] rates = new double[batchRuns];
        for (int i = 0; i < batchRuns; i++) {
            long start = System.nanoTime();
            ae.encode(batch);
            rates[i] = batchRows / ((System.nanoTime() - start) / 1e9);
        }
        return new Result(quantile(single, 0.5), quantile(single, 0.9), quantile(rates, 0.5), batchRows, singleRuns,
                batchRuns);
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
