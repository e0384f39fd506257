package io.latent4j.config;

import java.util.Objects;

/**
 * How Adam trains: the steps, their batches and the learning rate over time. Immutable and
 * validated on construction.
 *
 * @param learningRate            Adam's learning rate at the first step
 * @param finalLearningRateFactor the rate decays exponentially, step by step, to this fraction of
 *                                {@code learningRate} at the last step; 1 keeps it constant (the tutorial)
 * @param iterations              Adam steps
 * @param batchSize               rows per step
 * @param sampling                how each step draws its rows
 */
public record OptimizerSchedule(double learningRate, double finalLearningRateFactor, int iterations, int batchSize,
                                Sampling sampling) {

    /** The TensorFlow tutorial's schedule: 2500 steps of 50 rows drawn with replacement, Adam 1e-4. */
    public static OptimizerSchedule tutorial() {
        return new OptimizerSchedule(1e-4, 1.0, 2500, 50, Sampling.WITH_REPLACEMENT);
    }

    public OptimizerSchedule {
        Objects.requireNonNull(sampling, "sampling");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(finalLearningRateFactor > 0 && finalLearningRateFactor <= 1)) {
            throw new IllegalArgumentException("final learning rate factor must be in (0, 1], got " + finalLearningRateFactor);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /** True when the learning rate stays at {@code learningRate} for the whole run. */
    public boolean constantLearningRate() {
        return finalLearningRateFactor == 1.0;
    }

    /** The per-iteration decay of the learning rate: {@code factor^(1/iterations)}. */
    public double learningRateDecayPerIteration() {
        return Math.pow(finalLearningRateFactor, 1.0 / iterations);
    }

    public OptimizerSchedule withLearningRate(double value) {
        return new OptimizerSchedule(value, finalLearningRateFactor, iterations, batchSize, sampling);
    }

    public OptimizerSchedule withFinalLearningRateFactor(double value) {
        return new OptimizerSchedule(learningRate, value, iterations, batchSize, sampling);
    }

    public OptimizerSchedule withIterations(int value) {
        return new OptimizerSchedule(learningRate, finalLearningRateFactor, value, batchSize, sampling);
    }

    public OptimizerSchedule withBatchSize(int value) {
        return new OptimizerSchedule(learningRate, finalLearningRateFactor, iterations, value, sampling);
    }

    public OptimizerSchedule withSampling(Sampling value) {
        return new OptimizerSchedule(learningRate, finalLearningRateFactor, iterations, batchSize, value);
    }
}
