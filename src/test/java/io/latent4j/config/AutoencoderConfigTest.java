package io.latent4j.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoencoderConfigTest {

    @Test
    void tutorialPresetMatchesTheTutorial() {
        AutoencoderConfig c = Preset.TUTORIAL.config();
        assertEquals(List.of(784, 500, 300, 2, 300, 500, 784), c.layerSizes());
        assertEquals("tanh", c.activation());
        assertEquals(1e-4, c.learningRate());
        assertEquals(0.1, c.initStd());
        assertEquals(List.of(1, 5, 6), List.copyOf(c.digits()));
        assertEquals(2500, c.iterations());
        assertEquals(50, c.batchSize());
        assertEquals(250, c.logEvery());
        assertEquals(784, c.inputSize());
        assertEquals(2, c.latentSize());
        assertEquals(Sampling.WITH_REPLACEMENT, c.sampling());
        assertTrue(c.constantLearningRate());
    }

    @Test
    void everyPresetIsValidAndTrainsTheSameNetwork() {
        AutoencoderConfig tutorial = Preset.TUTORIAL.config();
        for (Preset preset : Preset.values()) {
            AutoencoderConfig c = preset.config();
            assertEquals(tutorial.layerSizes(), c.layerSizes(), preset.id());
            assertEquals(tutorial.activation(), c.activation(), preset.id());
            assertEquals(tutorial.initStd(), c.initStd(), preset.id());
            assertEquals(tutorial.digits(), c.digits(), preset.id());
            assertEquals(preset, Preset.valueOf(preset.id().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(java.util.Optional.of(preset), Preset.byId(preset.id().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals(List.of("tutorial", "fast", "best"), java.util.Arrays.stream(Preset.values()).map(Preset::id).toList());
        assertEquals(java.util.Optional.empty(), Preset.byId("fastest"));
        assertEquals(java.util.Optional.empty(), Preset.byId(null));
        assertEquals(Sampling.EPOCHS, Preset.FAST.config().sampling());
        assertTrue(Preset.FAST.config().iterations() < tutorial.iterations());
        assertTrue(Preset.BEST.config().finalLearningRateFactor() < 1);
    }

    @Test
    void learningRateDecayReachesTheFinalFactorAtTheLastIteration() {
        AutoencoderConfig c = AutoencoderConfig.tutorial().withIterations(100).withFinalLearningRateFactor(0.01);
        assertFalse(c.constantLearningRate());
        assertEquals(0.01, Math.pow(c.learningRateDecayPerIteration(), c.iterations()), 1e-12);
        assertEquals(1.0, AutoencoderConfig.tutorial().learningRateDecayPerIteration());
    }

    @Test
    void newFieldsAreCarriedByEveryWither() {
        AutoencoderConfig c = AutoencoderConfig.tutorial().withSampling(Sampling.EPOCHS).withFinalLearningRateFactor(0.5);
        AutoencoderConfig changed = c.withIterations(9).withBatchSize(3).withLearningRate(1e-3).withSeed(1)
                .withDigits(new TreeSet<>(List.of(2))).withLogEvery(4).withEncoderSizes(List.of(9, 2));
        assertEquals(Sampling.EPOCHS, changed.sampling());
        assertEquals(0.5, changed.finalLearningRateFactor());
    }

    @Test
    void decoderMirrorsAnyEncoder() {
        AutoencoderConfig c = AutoencoderConfig.tutorial().withEncoderSizes(List.of(10, 4, 3));
        assertEquals(List.of(10, 4, 3, 4, 10), c.layerSizes());
    }

    @Test
    void withersChangeOneFieldOnly() {
        AutoencoderConfig base = AutoencoderConfig.tutorial();
        AutoencoderConfig changed = base.withIterations(7).withSeed(3);
        assertEquals(7, changed.iterations());
        assertEquals(3, changed.seed());
        assertEquals(base.batchSize(), changed.batchSize());
        assertEquals(base.digits(), changed.digits());
    }

    @Test
    void digitsAreCopiedAndSorted() {
        TreeSet<Integer> digits = new TreeSet<>(List.of(9, 0));
        AutoencoderConfig c = AutoencoderConfig.tutorial().withDigits(digits);
        digits.add(5);
        assertEquals(List.of(0, 9), List.copyOf(c.digits()));
        assertThrows(UnsupportedOperationException.class, () -> c.digits().add(3));
    }

    @Test
    void rejectsInvalidValuesWithAMessageNamingThem() {
        AutoencoderConfig c = AutoencoderConfig.tutorial();
        assertMessage("iterations", () -> c.withIterations(0));
        assertMessage("batch size", () -> c.withBatchSize(-1));
        assertMessage("learning rate", () -> c.withLearningRate(0));
        assertMessage("learning rate", () -> c.withLearningRate(Double.NaN));
        assertMessage("digits must be 0-9", () -> c.withDigits(new TreeSet<>(List.of(1, 10))));
        assertMessage("at least one digit", () -> c.withDigits(new TreeSet<>()));
        assertMessage("log interval", () -> c.withLogEvery(0));
        assertMessage("positive", () -> c.withEncoderSizes(List.of(784, 0, 2)));
        assertMessage("input and a latent", () -> c.withEncoderSizes(List.of(784)));
        assertMessage("final learning rate factor", () -> c.withFinalLearningRateFactor(0));
        assertMessage("final learning rate factor", () -> c.withFinalLearningRateFactor(1.5));
        assertMessage("final learning rate factor", () -> c.withFinalLearningRateFactor(Double.NaN));
        assertThrows(NullPointerException.class, () -> c.withSampling(null));
        assertMessage("unknown activation", () -> new AutoencoderConfig(c.encoderSizes(), "wiggle",
                c.learningRate(), c.initStd(), c.seed(), c.digits(), c.iterations(), c.batchSize(), c.logEvery()));
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
