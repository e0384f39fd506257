package io.latent4j.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines one training run apart from its data: the network, the optimiser's
 * schedule, the initial weights, the seed and how often to log. Immutable and validated on construction, so a config
 * that exists is usable. Which rows to train on is the data's business (see
 * {@code io.latent4j.data.TrainingData}), not the config's.
 *
 * @param architecture the network
 * @param schedule     how Adam trains it
 * @param initStd      initial weights and biases are drawn from Normal(0, initStd)
 * @param seed         seed for initialisation and batch sampling
 * @param logEvery     report the batch loss every this many iterations
 */
public record AutoencoderConfig(ArchitectureConfig architecture, OptimizerSchedule schedule, double initStd, long seed,
                                int logEvery) {

    /** The settings of the TensorFlow tutorial this project follows. */
    public static AutoencoderConfig tutorial() {
        return new AutoencoderConfig(ArchitectureConfig.tutorial(), OptimizerSchedule.tutorial(), 0.1, 42L, 250);
    }

    public AutoencoderConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(schedule, "schedule");
        if (!(initStd > 0) || Double.isInfinite(initStd)) {
            throw new IllegalArgumentException("init std must be a positive number, got " + initStd);
        }
        if (logEvery < 1) {
            throw new IllegalArgumentException("log interval must be at least 1, got " + logEvery);
        }
    }

    /**
     * Reads this record's JSON, or the single flat object earlier versions stored in checkpoints
     * (with the MNIST digits among the settings; they are the data's now and are left to the caller).
     * Schedules written before Adam's beta2 could be set trained with its default.
     */
    @JsonCreator
    static AutoencoderConfig fromJson(JsonNode json) {
        if (json.has("architecture")) {
            JsonNode a = json.get("architecture");
            JsonNode s = json.get("schedule");
            return new AutoencoderConfig(architecture(a),
                    new OptimizerSchedule(s.path("learningRate").asDouble(), s.path("finalLearningRateFactor").asDouble(),
                            s.path("iterations").asInt(), s.path("batchSize").asInt(), Sampling.valueOf(s.path("sampling").asText()),
                            s.path("beta2").asDouble(OptimizerSchedule.DEFAULT_BETA2)),
                    json.path("initStd").asDouble(), json.path("seed").asLong(), json.path("logEvery").asInt());
        }
        return new AutoencoderConfig(
                new ArchitectureConfig(ints(json.path("encoderSizes")), json.path("activation").asText()),
                new OptimizerSchedule(json.path("learningRate").asDouble(), json.path("finalLearningRateFactor").asDouble(1.0),
                        json.path("iterations").asInt(), json.path("batchSize").asInt(),
                        Sampling.valueOf(json.path("sampling").asText(Sampling.WITH_REPLACEMENT.name()))),
                json.path("initStd").asDouble(), json.path("seed").asLong(), json.path("logEvery").asInt());
    }

    /** Configs written before the variational autoencoder name no kind: they are plain autoencoders. */
    private static ArchitectureConfig architecture(JsonNode a) {
        String kind = a.path("kind").asText(ModelKind.AE.name());
        JsonNode reconstruction = a.path("reconstruction");
        return new ArchitectureConfig(ints(a.path("encoderSizes")), a.path("activation").asText(),
                ModelKind.valueOf(kind),
                reconstruction.isMissingNode() || reconstruction.isNull() ? null : Reconstruction.valueOf(reconstruction.asText()));
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    public AutoencoderConfig withArchitecture(ArchitectureConfig value) {
        return new AutoencoderConfig(value, schedule, initStd, seed, logEvery);
    }

    public AutoencoderConfig withSchedule(OptimizerSchedule value) {
        return new AutoencoderConfig(architecture, value, initStd, seed, logEvery);
    }

    public AutoencoderConfig withSeed(long value) {
        return new AutoencoderConfig(architecture, schedule, initStd, value, logEvery);
    }

    public AutoencoderConfig withLogEvery(int value) {
        return new AutoencoderConfig(architecture, schedule, initStd, seed, value);
    }

    /** This config with {@code value} Adam steps. */
    public AutoencoderConfig withIterations(int value) {
        return withSchedule(schedule.withIterations(value));
    }

    /** This config with {@code value} rows per step. */
    public AutoencoderConfig withBatchSize(int value) {
        return withSchedule(schedule.withBatchSize(value));
    }

    /** This config with Adam's learning rate starting at {@code value}. */
    public AutoencoderConfig withLearningRate(double value) {
        return withSchedule(schedule.withLearningRate(value));
    }

    /** This config with the encoder's widths {@code value}, input to latent. */
    public AutoencoderConfig withEncoderSizes(java.util.List<Integer> value) {
        return withArchitecture(architecture.withEncoderSizes(value));
    }

    /** This config with steps drawing their rows by {@code value}. */
    public AutoencoderConfig withSampling(Sampling value) {
        return withSchedule(schedule.withSampling(value));
    }

    /** This config with the learning rate decaying to {@code value} of its start by the last step. */
    public AutoencoderConfig withFinalLearningRateFactor(double value) {
        return withSchedule(schedule.withFinalLearningRateFactor(value));
    }

    /** This config with Adam's beta2 {@code value}. */
    public AutoencoderConfig withBeta2(double value) {
        return withSchedule(schedule.withBeta2(value));
    }
}
