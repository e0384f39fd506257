package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct step against DL4J's own backpropagation and Adam, on the same networks and batches. */
class DenseAdamStepTest {
    private static final AutoencoderConfig SMALL = AutoencoderConfig.tutorial()
            .withEncoderSizes(List.of(20, 12, 6, 2)).withLearningRate(1e-2);

    private static INDArray batch(int rows, int columns, long seed) {
        Random random = new Random(seed);
        float[][] values = new float[rows][columns];
        for (float[] row : values) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextFloat();
            }
        }
        return Nd4j.create(values);
    }

    /** Largest absolute difference relative to the largest magnitude in {@code expected}. */
    private static double relativeError(INDArray expected, INDArray actual) {
        double scale = Math.max(expected.amaxNumber().doubleValue(), 1e-30);
        return expected.sub(actual).amaxNumber().doubleValue() / scale;
    }

    @Test
    void gradientEqualsDl4jBackpropagationIncludingItsScale() {
        MultiLayerNetwork reference = AutoencoderArchitecture.newAutoencoder(SMALL);
        MultiLayerNetwork direct = AutoencoderArchitecture.newAutoencoder(SMALL);
        INDArray x = batch(9, 20, 1);
        reference.setInput(x);
        reference.setLabels(x);
        reference.computeGradientAndScore();
        // DL4J's backprop sums over the batch; its updater divides by the batch size afterwards.
        INDArray expected = reference.gradient().gradient().reshape(-1).div(x.rows());
        try (DenseAdamStep step = DenseAdamStep.of(direct).orElseThrow()) {
            INDArray actual = step.gradient(x);
            assertEquals(expected.length(), actual.length());
            assertTrue(relativeError(expected, actual) < 1e-5, "gradient differs: " + relativeError(expected, actual));
        }
    }

    @Test
    void stepsMatchDl4jFitParametersIterationCountAndAdamState() {
        assertStepsMatchFit(SMALL);
    }

    @Test
    void followsALearningRateScheduleFromTheConfiguration() {
        assertStepsMatchFit(SMALL.withFinalLearningRateFactor(0.01).withIterations(4));
    }

    @Test
    void followsAdamsBeta2FromTheConfiguration() {
        assertStepsMatchFit(SMALL.withBeta2(0.9));
        assertStepsMatchFit(SMALL.withBeta2(0.5).withFinalLearningRateFactor(0.1).withIterations(4));
    }

    @Test
    void matchesDl4jOnTheTutorialNetwork() {
        assertStepsMatchFit(AutoencoderConfig.tutorial());
    }

    private static void assertStepsMatchFit(AutoencoderConfig config) {
        MultiLayerNetwork reference = AutoencoderArchitecture.newAutoencoder(config);
        MultiLayerNetwork direct = AutoencoderArchitecture.newAutoencoder(config);
        try (DenseAdamStep step = DenseAdamStep.of(direct).orElseThrow()) {
            for (int i = 0; i < 4; i++) {
                INDArray x = batch(7, config.architecture().inputSize(), 10 + i);
                reference.fit(x, x);
                double loss = step.fit(x);
                assertEquals(reference.score(), loss, 1e-5 * reference.score(), "the step's loss is DL4J's score (float rounding)");
            }
        }
        double error = relativeError(reference.params(), direct.params());
        assertTrue(error < 1e-5, "parameters differ: " + error);
        INDArray initial = AutoencoderArchitecture.newAutoencoder(config).params();
        assertTrue(relativeError(initial, direct.params()) > 1e-4, "the steps did not change the parameters");
        assertEquals(reference.getIterationCount(), direct.getIterationCount());
        INDArray referenceState = reference.getUpdater().getStateViewArray();
        INDArray directState = direct.getUpdater().getStateViewArray();
        assertTrue(relativeError(referenceState, directState) < 1e-4,
                "Adam state differs: " + relativeError(referenceState, directState));
    }

    @Test
    void twoThreadsGiveBitForBitTheParametersAndAdamStateOfOne() {
        AutoencoderConfig config = AutoencoderConfig.tutorial();
        MultiLayerNetwork one = AutoencoderArchitecture.newAutoencoder(config);
        MultiLayerNetwork two = AutoencoderArchitecture.newAutoencoder(config);
        try (DenseAdamStep sequential = DenseAdamStep.of(one, false).orElseThrow();
             DenseAdamStep overlapped = DenseAdamStep.of(two, true).orElseThrow()) {
            for (int i = 0; i < 20; i++) {
                INDArray x = batch(11, config.architecture().inputSize(), 100 + i);
                sequential.fit(x);
                overlapped.fit(x);
            }
            INDArray x = batch(5, config.architecture().inputSize(), 7);
            assertEquals(sequential.gradient(x), overlapped.gradient(x));
        }
        assertEquals(one.params(), two.params());
        assertEquals(one.getUpdater().getStateViewArray(), two.getUpdater().getStateViewArray());
        assertTrue(relativeError(AutoencoderArchitecture.newAutoencoder(config).params(), two.params()) > 1e-4,
                "the steps did not change the parameters");
    }

    @Test
    void refusesConfigurationsItDoesNotImplement() {
        assertTrue(DenseAdamStep.of(AutoencoderArchitecture.newAutoencoder(SMALL)).isPresent());
        AutoencoderConfig relu = SMALL.withArchitecture(SMALL.architecture().withActivation("relu"));
        assertFalse(DenseAdamStep.of(AutoencoderArchitecture.newAutoencoder(relu)).isPresent());

        MultiLayerNetwork sgd = AutoencoderArchitecture.newAutoencoder(SMALL);
        for (int i = 0; i < sgd.getnLayers(); i++) {
            ((BaseLayer) sgd.getLayer(i).conf().getLayer()).setIUpdater(new Sgd(0.1));
        }
        assertFalse(DenseAdamStep.of(sgd).isPresent());

        MultiLayerNetwork l2 = AutoencoderArchitecture.newAutoencoder(SMALL);
        ((BaseLayer) l2.getLayer(1).conf().getLayer()).setRegularization(List.of(new L2Regularization(1e-3)));
        assertFalse(DenseAdamStep.of(l2).isPresent());
    }
}
