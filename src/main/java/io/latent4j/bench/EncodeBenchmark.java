package io.latent4j.bench;

import io.latent4j.Autoencoder;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Latent extraction speed through the public API ({@code encode(float[][])} and
 * {@code decode(float[][])}, validation included): the latency of one row and the throughput of a
 * batch, each the median over repeated timed calls after a warm-up.
 */
public final class EncodeBenchmark {

    /**
     * One direction's figures.
     *
     * @param singleMedianMicros median time for one row
     * @param singleP90Micros    90th percentile of the same
     * @param batchRowsPerSecond median throughput on the batch
     */
    public record Figures(double singleMedianMicros, double singleP90Micros, double batchRowsPerSecond) {
    }

    /**
     * @param encode     images to latent codes
     * @param decode     latent codes to images
     * @param batchRows  rows in the batch
     * @param singleRuns timed one-row calls per direction
     * @param batchRuns  timed batch calls per direction
     */
    public record Result(Figures encode, Figures decode, int batchRows, int singleRuns, int batchRuns) {
    }

    private EncodeBenchmark() {
    }

    /**
     * Runs the benchmark on random pixels in [0, 1) and random latent codes: no exact zeros, so the
     * direct path's skipping of zero pixels (most of a real MNIST image) does not help here.
     */
    public static Result run(Autoencoder ae, int batchRows, int singleRuns, int batchRuns) {
        Random random = new Random(1);
        float[][] images = randomRows(random, batchRows, ae.inputSize(), 1f);
        float[][] codes = randomRows(random, batchRows, ae.latentSize(), 4f);
        return new Result(figures(ae::encode, images, singleRuns, batchRuns),
                figures(ae::decode, codes, singleRuns, batchRuns), batchRows, singleRuns, batchRuns);
    }

    private static float[][] randomRows(Random random, int rows, int width, float scale) {
        float[][] out = new float[rows][width];
        for (float[] row : out) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextFloat() * scale;
            }
        }
        return out;
    }

    private static Figures figures(UnaryOperator<float[][]> call, float[][] batch, int singleRuns, int batchRuns) {
        float[][] one = {batch[0]};
        for (int i = 0; i < Math.max(200, singleRuns / 5); i++) {
            call.apply(one);
        }
        for (int i = 0; i < 3; i++) {
            call.apply(batch);
        }
        double[] single = new double[singleRuns];
        for (int i = 0; i < singleRuns; i++) {
            long start = System.nanoTime();
            call.apply(one);
            single[i] = (System.nanoTime() - start) / 1e3;
        }
        double[] rates = new double[batchRuns];
        for (int i = 0; i < batchRuns; i++) {
            long start = System.nanoTime();
            call.apply(batch);
            rates[i] = batch.length / ((System.nanoTime() - start) / 1e9);
        }
        return new Figures(quantile(single, 0.5), quantile(single, 0.9), quantile(rates, 0.5));
    }

    public static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
