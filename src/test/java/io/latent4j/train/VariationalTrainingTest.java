package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.config.Sampling;
import io.latent4j.model.AutoencoderArchitecture;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training a variational autoencoder on tiny synthetic data: DL4J's step, exact resume, the ELBO. */
class VariationalTrainingTest {
    @TempDir
    Path dir;

    static AutoencoderConfig config() {
        AutoencoderConfig c = AutoencoderConfig.tutorial().withIterations(30).withBatchSize(10).withLearningRate(1e-2)
                .withLogEvery(10).withEncoderSizes(List.of(16, 8, 2));
        return c.withArchitecture(c.architecture().withKind(ModelKind.VAE));
    }

    @Test
    void stepsAreDl4jsPretrainStepsWithTheSameNoise() {
        AutoencoderConfig config = config();
        INDArray batch = TrainerTest.data().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
        MultiLayerNetwork dl4j = AutoencoderArchitecture.newAutoencoder(config);
        MultiLayerNetwork ours = AutoencoderArchitecture.newAutoencoder(config);
        assertEquals(dl4j.params(), ours.params());
        VariationalStep step = VariationalStep.of(ours, config.seed(), true).orElseThrow();
        for (int it = 0; it < 5; it++) {
            Nd4j.getRandom().setSeed(VariationalStep.noiseSeed(config.seed(), it));
            dl4j.pretrainLayer(0, batch);
            step.fit(batch, it);
        }
        assertEquals(dl4j.params(), ours.params());
    }

    @Test
    void trainingLowersTheNegativeElboAndIsRepeatable() {
        AutoencoderConfig config = config().withIterations(200);
        MultiLayerNetwork a = AutoencoderArchitecture.newAutoencoder(config);
        INDArray data = TrainerTest.data();
        double before = -VariationalMetrics.measure(a, data, 4, 1).elbo();
        Trainer.Result result = new Trainer(config, TrainingProgress.NONE).train(a, data);
        double after = -VariationalMetrics.measure(a, data, 4, 1).elbo();
        assertTrue(after < before, "negative ELBO " + before + " -> " + after);
        assertEquals(200, result.stepLosses().length);
        MultiLayerNetwork b = AutoencoderArchitecture.newAutoencoder(config);
        // Noise drawn in between must not change the run: each step seeds its own.
        Nd4j.getRandom().setSeed(99);
        Nd4j.randn(3, 3);
        new Trainer(config, TrainingProgress.NONE).train(b, data);
        assertEquals(a.params(), b.params());
    }

    @Test
    void elboTermsAreConsistent() {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(config());
        VariationalMetrics m = VariationalMetrics.measure(net, TrainerTest.data(), 2, 5);
        assertTrue(m.kl() >= 0, "KL " + m.kl());
        assertTrue(m.reconstructionLogLikelihood() < 0, "log-likelihood " + m.reconstructionLogLikelihood());
        assertEquals(m.reconstructionLogLikelihood() - m.kl(), m.elbo(), 1e-9);
        assertEquals(m, VariationalMetrics.measure(net, TrainerTest.data(), 2, 5));
    }

    @Test
    void stopAndResumeEndWithTheParametersOfAnUninterruptedRun() throws IOException {
        for (Sampling sampling : Sampling.values()) {
            AutoencoderConfig config = config().withSampling(sampling);
            MultiLayerNetwork uninterrupted = AutoencoderArchitecture.newAutoencoder(config);
            new Trainer(config, TrainingProgress.NONE).train(uninterrupted, TrainerTest.data());

            Path file = dir.resolve(sampling + ".checkpoint.zip");
            AtomicBoolean stop = new AtomicBoolean();
            MultiLayerNetwork stopped = AutoencoderArchitecture.newAutoencoder(config);
            Trainer.Result first = new Trainer(config, new TrainingProgress() {
                @Override
                public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
                }

                @Override
                public void step(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
                    stop.set(iteration + 1 == 13);
                }
            }).train(stopped, TrainerTest.data(), null, new Checkpointing(file, 0, stop));
            assertEquals(13, first.stoppedAt());
            assertNotEquals(uninterrupted.params(), stopped.params());

            Checkpoint.Loaded loaded = Checkpoint.load(file);
            assertEquals(ModelKind.VAE, loaded.checkpoint().config().architecture().kind());
            new Trainer(loaded.checkpoint().config(), TrainingProgress.NONE).train(loaded.network(), TrainerTest.data(),
                    loaded.checkpoint(), Checkpointing.none());
            assertEquals(uninterrupted.params(), loaded.network().params(), sampling.name());
        }
    }
}
