package io.latent4j.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoencoderConfigTest {

    @Test
    void tutorialPresetMatchesTheTutorial() {
        AutoencoderConfig c = Preset.TUTORIAL.config();
        assertEquals(List.of(784, 500, 300, 2, 300, 500, 784), c.architecture().layerSizes());
        assertEquals("tanh", c.architecture().activation());
        assertEquals(1e-4, c.schedule().learningRate());
        assertEquals(0.1, c.initStd());
        assertEquals(2500, c.schedule().iterations());
        assertEquals(50, c.schedule().batchSize());
        assertEquals(250, c.logEvery());
        assertEquals(784, c.architecture().inputSize());
        assertEquals(2, c.architecture().latentSize());
        assertEquals(Sampling.WITH_REPLACEMENT, c.schedule().sampling());
        assertTrue(c.schedule().constantLearningRate());
    }

    @Test
    void everyPresetIsValidAndTrainsTheSameNetwork() {
        AutoencoderConfig tutorial = Preset.TUTORIAL.config();
        for (Preset preset : Preset.values()) {
            AutoencoderConfig c = preset.config();
            assertEquals(tutorial.architecture(), c.architecture(), preset.id());
            assertEquals(tutorial.initStd(), c.initStd(), preset.id());
            assertEquals(preset, Preset.valueOf(preset.id().toUpperCase(java.util.Locale.ROOT)));
            assertEquals(java.util.Optional.of(preset), Preset.byId(preset.id().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals(List.of("tutorial", "fast", "best"), java.util.Arrays.stream(Preset.values()).map(Preset::id).toList());
        assertEquals(java.util.Optional.empty(), Preset.byId("fastest"));
        assertEquals(java.util.Optional.empty(), Preset.byId(null));
        assertEquals(Sampling.EPOCHS, Preset.FAST.config().schedule().sampling());
        assertTrue(Preset.FAST.config().schedule().iterations() < tutorial.schedule().iterations());
        assertTrue(Preset.BEST.config().schedule().finalLearningRateFactor() < 1);
    }

    @Test
    void learningRateDecayReachesTheFinalFactorAtTheLastIteration() {
        OptimizerSchedule s = OptimizerSchedule.tutorial().withIterations(100).withFinalLearningRateFactor(0.01);
        assertFalse(s.constantLearningRate());
        assertEquals(0.01, Math.pow(s.learningRateDecayPerIteration(), s.iterations()), 1e-12);
        assertEquals(1.0, OptimizerSchedule.tutorial().learningRateDecayPerIteration());
    }

    @Test
    void everyWitherChangesOneFieldOnly() {
        AutoencoderConfig base = AutoencoderConfig.tutorial()
                .withSchedule(OptimizerSchedule.tutorial().withSampling(Sampling.EPOCHS).withFinalLearningRateFactor(0.5));
        AutoencoderConfig changed = base.withIterations(9).withBatchSize(3).withLearningRate(1e-3).withSeed(1)
                .withLogEvery(4).withEncoderSizes(List.of(9, 2));
        assertEquals(Sampling.EPOCHS, changed.schedule().sampling());
        assertEquals(0.5, changed.schedule().finalLearningRateFactor());
        assertEquals(new OptimizerSchedule(1e-3, 0.5, 9, 3, Sampling.EPOCHS), changed.schedule());
        assertEquals(OptimizerSchedule.DEFAULT_BETA2, changed.schedule().beta2());
        assertEquals(new OptimizerSchedule(1e-3, 0.5, 9, 3, Sampling.EPOCHS, 0.9), changed.withBeta2(0.9).schedule());
        assertEquals(new ArchitectureConfig(List.of(9, 2), "tanh"), changed.architecture());
        assertEquals(1, changed.seed());
        assertEquals(4, changed.logEvery());
        assertEquals(base.initStd(), changed.initStd());
    }

    @Test
    void decoderMirrorsAnyEncoder() {
        assertEquals(List.of(10, 4, 3, 4, 10), new ArchitectureConfig(List.of(10, 4, 3), "relu").layerSizes());
    }

    @Test
    void readsItsOwnJsonAndTheFlatFormOfEarlierCheckpoints() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        AutoencoderConfig best = Preset.BEST.config().withSeed(7);
        assertEquals(best, json.readValue(json.writeValueAsString(best), AutoencoderConfig.class));
        String flat = "{\"encoderSizes\":[16,8,2],\"activation\":\"tanh\",\"learningRate\":0.01,\"initStd\":0.1,"
                + "\"seed\":3,\"digits\":[1,5,6],\"iterations\":60,\"batchSize\":5,\"logEvery\":10,"
                + "\"sampling\":\"EPOCHS\",\"finalLearningRateFactor\":1.0}";
        AutoencoderConfig old = json.readValue(flat, AutoencoderConfig.class);
        assertEquals(new AutoencoderConfig(new ArchitectureConfig(List.of(16, 8, 2), "tanh"),
                new OptimizerSchedule(0.01, 1.0, 60, 5, Sampling.EPOCHS), 0.1, 3, 10), old);
    }

    @Test
    void beta2RoundTripsAndSchedulesWrittenWithoutItReadAsAdamsDefault() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        AutoencoderConfig tuned = AutoencoderConfig.tutorial().withBeta2(0.95);
        String written = json.writeValueAsString(tuned);
        assertTrue(written.contains("\"beta2\":0.95"), written);
        assertEquals(tuned, json.readValue(written, AutoencoderConfig.class));
        // A config as written before beta2 existed: the same JSON without the field.
        String before = written.replace(",\"beta2\":0.95", "");
        assertFalse(before.contains("beta2"), before);
        assertEquals(OptimizerSchedule.DEFAULT_BETA2,
                json.readValue(before, AutoencoderConfig.class).schedule().beta2());
    }

    @Test
    void rejectsInvalidValuesWithAMessageNamingThem() {
        AutoencoderConfig c = AutoencoderConfig.tutorial();
        OptimizerSchedule s = c.schedule();
        assertMessage("iterations", () -> c.withIterations(0));
        assertMessage("batch size", () -> c.withBatchSize(-1));
        assertMessage("learning rate", () -> c.withLearningRate(0));
        assertMessage("learning rate", () -> c.withLearningRate(Double.NaN));
        assertMessage("log interval", () -> c.withLogEvery(0));
        assertMessage("positive", () -> c.withEncoderSizes(List.of(784, 0, 2)));
        assertMessage("input and a latent", () -> c.withEncoderSizes(List.of(784)));
        assertMessage("final learning rate factor", () -> s.withFinalLearningRateFactor(0));
        assertMessage("final learning rate factor", () -> s.withFinalLearningRateFactor(1.5));
        assertMessage("final learning rate factor", () -> s.withFinalLearningRateFactor(Double.NaN));
        assertMessage("beta2", () -> s.withBeta2(0));
        assertMessage("beta2", () -> s.withBeta2(1));
        assertMessage("beta2", () -> s.withBeta2(Double.NaN));
        assertMessage("init std", () -> new AutoencoderConfig(c.architecture(), s, 0, 1, 1));
        assertThrows(NullPointerException.class, () -> s.withSampling(null));
        assertMessage("unknown activation", () -> c.architecture().withActivation("wiggle"));
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
