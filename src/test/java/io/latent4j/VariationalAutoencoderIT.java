package io.latent4j;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.config.Preset;
import io.latent4j.data.FloatRows;
import io.latent4j.data.MnistSource;
import io.latent4j.data.RealMnist;
import io.latent4j.data.TrainingData;
import io.latent4j.train.TrainingProgress;
import io.latent4j.train.TrainingRun;
import io.latent4j.viz.ReportExporter;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short variational training on real MNIST digits 1, 5 and 6: card, reload, log-probability, report. */
@Tag("integration")
class VariationalAutoencoderIT {

    @Test
    void aShortRunSavesACardReloadsAndScoresNoiseBelowDigits(@TempDir Path dir) throws Exception {
        AutoencoderConfig fast = Preset.FAST.config().withIterations(200).withLogEvery(100);
        AutoencoderConfig config = fast.withArchitecture(fast.architecture().withKind(ModelKind.VAE));
        TrainingData data = MnistSource.load(RealMnist.files(), MnistSource.TUTORIAL_DIGITS);
        Path model = dir.resolve("vae.zip");
        List<String> lines = new ArrayList<>();
        TrainingRun.Outcome outcome = new TrainingRun(lines::add, TrainingProgress.NONE)
                .run(new TrainingRun.Options(config, "fast", model, 1, true), data);

        ModelCard card = outcome.card();
        assertEquals("vae", card.kind());
        assertEquals("bernoulli", card.variational().reconstruction());
        assertTrue(card.variational().testKl() > 0, card.variational().toString());
        assertEquals(card.variational().testReconstructionLogLikelihood() - card.variational().testKl(),
                card.variational().testElbo(), 1e-9);
        List<ModelCard.LossPoint> log = card.lossLog();
        assertTrue(-card.variational().testElbo() < log.get(0).loss() / 2, "negative ELBO " + log + " vs test "
                + card.variational());
        assertTrue(card.testMse() < card.pcaTestMse() * 1.5, "mean reconstruction MSE " + card.testMse());

        Autoencoder vae = Autoencoder.load(model);
        assertTrue(vae.variational());
        assertEquals(card, vae.card().orElseThrow());
        float[][] digits = Arrays.copyOf(FloatRows.of(data.test().features()), 200);
        assertTrue(Arrays.deepEquals(vae.encode(digits), Autoencoder.of(outcome.network()).encode(digits)));
        float[][] noise = new float[200][784];
        Random random = new Random(1);
        for (float[] row : noise) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextFloat();
            }
        }
        double[] digitScores = vae.reconstructionLogProbability(digits, 4, 7);
        double[] noiseScores = vae.reconstructionLogProbability(noise, 4, 7);
        assertTrue(Arrays.stream(digitScores).allMatch(Double::isFinite), "finite for real test images");
        double worstDigit = Arrays.stream(digitScores).min().orElseThrow();
        double bestNoise = Arrays.stream(noiseScores).max().orElseThrow();
        assertTrue(bestNoise < worstDigit, "noise up to " + bestNoise + ", digits down to " + worstDigit);

        ReportExporter.Export export = ReportExporter.afterTraining(vae, data, card, outcome.training().stepLossPoints(),
                ReportExporter.Options.defaults(dir.resolve("report"), model));
        for (String figure : ReportExporter.VARIATIONAL_FIGURES) {
            assertTrue(Files.size(dir.resolve("report").resolve(figure)) > 0, figure);
        }
        String readme = Files.readString(dir.resolve("report/README.md"));
        assertTrue(readme.startsWith("# Variational autoencoder"), readme.lines().findFirst().orElse(""));
        assertTrue(readme.contains(String.format(java.util.Locale.ROOT, "| ELBO | %.2f |", card.variational().testElbo())));
        for (String figure : ReportExporter.VARIATIONAL_FIGURES) {
            assertTrue(export.files().contains(dir.resolve("report").resolve(figure)), export.files().toString());
        }
    }
}
