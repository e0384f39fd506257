package io.latent4j;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-row and per-feature reconstruction errors, the anomaly score. */
class ReconstructionErrorsTest {
    private static float[][] pixels(int n, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][784];
        for (float[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextFloat() < 0.2f ? random.nextFloat() : 0;
            }
        }
        return rows;
    }

    @Test
    void errorsAreTheMeanSquaredDifferenceToTheReconstruction() throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        float[][] x = pixels(37, 1);
        float[][] back = ae.reconstruct(x);
        double[] errors = ae.reconstructionErrors(x);
        float[][] perFeature = ae.featureErrors(x);
        for (int r = 0; r < x.length; r++) {
            double sum = 0;
            for (int c = 0; c < 784; c++) {
                double d = back[r][c] - x[r][c];
                sum += d * d;
                assertEquals(d * d, perFeature[r][c], 1e-6);
            }
            assertEquals(sum / 784, errors[r], 1e-6, "row " + r);
        }
        assertArrayEquals(errors, ae.reconstructionErrors(Nd4j.create(x)), 1e-12);
    }

    @Test
    void streamingEqualsBatchAndThreadsDoNotChangeTheErrors() throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        float[][] x = pixels(1000, 2);
        double[] batch = ae.reconstructionErrors(x);
        List<Double> streamed = new ArrayList<>();
        ae.reconstructionErrorsAll(Arrays.asList(x).iterator(), 64).forEachRemaining(streamed::add);
        // Batches below 64 rows take the Java loops, larger ones OpenBLAS: equal within float rounding.
        assertArrayEquals(batch, streamed.stream().mapToDouble(Double::doubleValue).toArray(), 1e-6);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> parallel = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                parallel.add(pool.submit(() -> ae.reconstructionErrors(x)));
            }
            for (Future<double[]> f : parallel) {
                assertArrayEquals(batch, f.get(), 0.0, "the same errors on any thread");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noiseReconstructsWorseThanWhatTheModelWasTrainedOnAndBadRowsAreNamed() throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        float[][] noise = new float[20][784];
        Random random = new Random(3);
        for (float[] row : noise) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextFloat();
            }
        }
        float[][] blank = new float[20][784];
        double noisy = Arrays.stream(ae.reconstructionErrors(noise)).average().orElseThrow();
        double empty = Arrays.stream(ae.reconstructionErrors(blank)).average().orElseThrow();
        assertTrue(noisy > 3 * empty, "uniform noise " + noisy + " against blank images " + empty);
        float[][] bad = pixels(3, 4);
        bad[2][5] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ae.reconstructionErrorsAll(Arrays.asList(bad).iterator(), 2).forEachRemaining(v -> { }));
        assertTrue(e.getMessage().startsWith("row 2"), e.getMessage());
    }
}
