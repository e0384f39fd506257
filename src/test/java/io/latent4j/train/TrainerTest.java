package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.Sampling;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.ModelCard.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    static final AutoencoderConfig SMALL = AutoencoderConfig.tutorial()
            .withEncoderSizes(List.of(16, 8, 2)).withIterations(60).withBatchSize(10).withLogEvery(20)
            .withLearningRate(1e-2);

    static INDArray data() {
        java.util.Random random = new java.util.Random(7);
        float[][] rows = new float[100][16];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextFloat();
            }
        }
        return Nd4j.create(rows);
    }

    private static INDArray trainedParams(AutoencoderConfig config) {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(config);
        new Trainer(config, TrainingProgress.NONE).train(net, data());
        return net.params().dup();
    }

    @Test
    void sameSeedGivesTheSameParameters() {
        assertEquals(trainedParams(SMALL), trainedParams(SMALL));
        assertNotEquals(trainedParams(SMALL), trainedParams(SMALL.withSeed(SMALL.seed() + 1)));
    }

    @Test
    void reportsEveryLogIntervalAndTheLastIterationAndTheLossFalls() {
        List<Integer> reported = new ArrayList<>();
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(SMALL);
        Trainer.Result result = new Trainer(SMALL, (it, total, loss, seconds) -> reported.add(it)).train(net, data());
        assertEquals(List.of(0, 20, 40, 59), reported);
        List<LossPoint> log = result.lossLog();
        assertEquals(reported, log.stream().map(LossPoint::iteration).toList());
        assertTrue(log.get(log.size() - 1).loss() < log.get(0).loss() / 2, "loss should fall: " + log);
        assertTrue(result.seconds() > 0);
    }

    @Test
    void anExplodingLossCountsAsDivergenceAndTheLastGoodCheckpointSurvives(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir) throws Exception {
        AutoencoderConfig wild = SMALL.withLearningRate(1e3).withLogEvery(1);
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(wild);
        java.nio.file.Path file = dir.resolve("c.zip");
        Checkpointing every = new Checkpointing(file, 1, new java.util.concurrent.atomic.AtomicBoolean());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(wild, TrainingProgress.NONE).train(net, data(), null, every));
        assertTrue(e.getMessage().startsWith("training diverged at iteration "), e.getMessage());
        int diverged = Integer.parseInt(e.getMessage().replaceAll("^training diverged at iteration (\\d+).*$", "$1"));
        if (diverged > 0) {
            Checkpoint.Loaded last = Checkpoint.load(file);
            assertEquals(diverged, last.checkpoint().nextIteration(), "the checkpoint before the bad step is kept");
        } else {
            assertTrue(!java.nio.file.Files.exists(file), "no checkpoint of a diverged network");
        }
    }

    @Test
    void bothEnginesTrainTheSameParametersAndReportWhichRan() {
        for (Sampling sampling : Sampling.values()) {
            AutoencoderConfig config = SMALL.withSampling(sampling).withFinalLearningRateFactor(0.1);
            MultiLayerNetwork direct = AutoencoderArchitecture.newAutoencoder(config);
            MultiLayerNetwork dl4j = AutoencoderArchitecture.newAutoencoder(config);
            assertEquals(Trainer.Engine.DIRECT,
                    new Trainer(config, TrainingProgress.NONE, Trainer.Engine.DIRECT).train(direct, data()).engine());
            assertEquals(Trainer.Engine.DL4J,
                    new Trainer(config, TrainingProgress.NONE, Trainer.Engine.DL4J).train(dl4j, data()).engine());
            double scale = dl4j.params().amaxNumber().doubleValue();
            double error = dl4j.params().sub(direct.params()).amaxNumber().doubleValue() / scale;
            assertTrue(error < 1e-4, sampling + ": engines differ by " + error);
            assertEquals(dl4j.getUpdater().getStateViewArray().length(), direct.getUpdater().getStateViewArray().length());
        }
    }

    @Test
    void fallsBackToDl4jFitForNetworksTheDirectStepDoesNotCover() {
        AutoencoderConfig sigmoid = SMALL.withArchitecture(SMALL.architecture().withActivation("sigmoid"));
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(sigmoid);
        assertEquals(Trainer.Engine.DL4J, new Trainer(sigmoid, TrainingProgress.NONE).train(net, data()).engine());
    }

    @Test
    void everyStepIsReportedWithDl4jsScoreOfItsBatch() {
        List<Integer> steps = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
            }

            @Override
            public void step(int iteration, int iterations, double batchScore, double elapsedSeconds) {
                assertEquals(SMALL.schedule().iterations(), iterations);
                steps.add(iteration);
                scores.add(batchScore);
            }
        };
        new Trainer(SMALL, progress, Trainer.Engine.DL4J).train(AutoencoderArchitecture.newAutoencoder(SMALL), data());
        assertEquals(java.util.stream.IntStream.range(0, SMALL.schedule().iterations()).boxed().toList(), steps);
        assertTrue(scores.stream().allMatch(s -> s > 0 && Double.isFinite(s)), scores.toString());
        assertTrue(scores.get(scores.size() - 1) < scores.get(0) / 2, "score should fall: " + scores);
    }

    @Test
    void aNonFiniteLossStopsTrainingWithAClearMessage() {
        AutoencoderConfig everyStep = SMALL.withLogEvery(1);
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(everyStep);
        INDArray poisoned = data().muli(Float.POSITIVE_INFINITY);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(everyStep, TrainingProgress.NONE).train(net, poisoned));
        assertTrue(e.getMessage().startsWith("training diverged at iteration 0"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    }
}
