package io.latent4j.train;

import io.latent4j.Autoencoder;
import io.latent4j.ErrorDistribution;
import io.latent4j.ModelCard;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.data.FloatRows;
import io.latent4j.data.TrainingData;
import io.latent4j.data.TrainingSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The card's training error distribution is that of the saved model's errors on its training rows. */
class TrainingErrorsTest {
    /** Pixel rows of 16 values near a 2-D pattern, two classes. */
    static float[][] pixels(int n, long seed, List<String> labels) {
        Random random = new Random(seed);
        float[][] rows = new float[n][16];
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble();
            double b = random.nextDouble();
            for (int c = 0; c < 16; c++) {
                double v = 0.5 + 0.3 * (a - 0.5) * Math.cos(c) + 0.3 * (b - 0.5) * Math.sin(c) + 0.02 * random.nextGaussian();
                rows[i][c] = (float) Math.max(0, Math.min(1, v));
            }
            labels.add(a < 0.5 ? "left" : "right");
        }
        return rows;
    }

    private static final AutoencoderConfig SMALL = AutoencoderConfig.tutorial().withEncoderSizes(List.of(16, 8, 2))
            .withIterations(200).withLearningRate(1e-2).withLogEvery(100);

    @Test
    void cardRecordsTheQuantilesOfTheTrainingRowsErrors(@TempDir Path dir) throws Exception {
        assertCardRecordsTheTrainingScores(SMALL, dir, ae -> data -> ae.reconstructionErrors(data));
    }

    @Test
    void aVariationalCardRecordsTheQuantilesOfItsNegativeLogProbabilities(@TempDir Path dir) throws Exception {
        AutoencoderConfig vae = SMALL.withArchitecture(SMALL.architecture().withKind(io.latent4j.config.ModelKind.VAE));
        assertCardRecordsTheTrainingScores(vae, dir, ae -> data -> {
            double[] logProbability = ae.anomalyScores(data);
            assertTrue(Arrays.stream(logProbability).allMatch(v -> Double.isFinite(v)), "finite scores");
            return logProbability;
        });
    }

    private static void assertCardRecordsTheTrainingScores(AutoencoderConfig config, Path dir,
            java.util.function.Function<Autoencoder, java.util.function.Function<float[][], double[]>> scores)
            throws Exception {
        List<String> labels = new ArrayList<>();
        TrainingData data = TrainingSources.rows(pixels(300, 3, labels), labels, true, 0.2, 7);
        Path model = dir.resolve("small.zip");
        List<String> lines = new ArrayList<>();
        TrainingRun.Outcome outcome = new TrainingRun(lines::add, TrainingProgress.NONE)
                .run(new TrainingRun.Options(config, "tutorial", model, 1, false), data);
        ErrorDistribution recorded = outcome.card().trainErrors();
        assertEquals(recorded, ModelCard.load(ModelCard.fileFor(model)).trainErrors(), "saved in the card file");

        Autoencoder ae = Autoencoder.load(model);
        double[] errors = scores.apply(ae).apply(FloatRows.of(data.train().features()));
        assertEquals(errors.length, recorded.count());
        double[] sorted = errors.clone();
        Arrays.sort(sorted);
        assertEquals(Arrays.stream(errors).average().orElseThrow(), recorded.mean(), 1e-6 * recorded.mean());
        assertEquals(sorted[sorted.length - 1], recorded.max(), 1e-6 * recorded.max());
        for (ErrorDistribution.Quantile q : recorded.quantiles()) {
            // Type 7, recomputed here: h = (n - 1) q, linear between the two sorted errors around h.
            double h = (sorted.length - 1) * q.level();
            int low = (int) h;
            double expected = sorted[low] + (h - low) * (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]);
            assertEquals(expected, q.value(), 1e-6 * expected, "q" + q.level());
        }
        assertEquals(recorded.quantile(0.99).orElseThrow(), ae.anomalyThreshold().orElseThrow());
        assertTrue(recorded.quantile(0.5).orElseThrow() < recorded.quantile(0.99).orElseThrow());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Anomaly threshold ")), lines.toString());
    }
}
