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
 * @param beta2                   Adam's decay rate of its squared-gradient average, in (0, 1); lower
 *                                adapts the per-weight step sizes to recent gradients sooner
 */
public record OptimizerSchedule(double learningRate, double finalLearningRateFactor, int iterations, int batchSize,
                                Sampling sampling, double beta2) {

    /** Adam's usual (and DL4J's default) {@link #beta2}, which every schedule had before it could be set. */
    public static final double DEFAULT_BETA2 = 0.999;

    /** The TensorFlow tutorial's schedule: 2500 steps of 50 rows drawn with replacement, Adam 1e-4. */
    public static OptimizerSchedule tutorial() {
        return new OptimizerSchedule(1e-4, 1.0, 2500, 50, Sampling.WITH_REPLACEMENT);
    }

    /** A schedule with Adam's default {@link #DEFAULT_BETA2}. */
    public OptimizerSchedule(double learningRate, double finalLearningRateFactor, int iterations, int batchSize,
                             Sampling sampling) {
        this(learningRate, finalLearningRateFactor, iterations, batchSize, sampling, DEFAULT_BETA2);
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
        if (!(beta2 > 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam beta2 must be in (0, 1), got " + beta2);
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
        return new OptimizerSchedule(value, finalLearningRateFactor, iterations, batchSize, sampling, beta2);
    }

    public OptimizerSchedule withFinalLearningRateFactor(double value) {
        return new OptimizerSchedule(learningRate, value, iterations, batchSize, sampling, beta2);
    }

    public OptimizerSchedule withIterations(int value) {
        return new OptimizerSchedule(learningRate, finalLearningRateFactor, value, batchSize, sampling, beta2);
    }

    public OptimizerSchedule withBatchSize(int value) {
        return new OptimizerSchedule(learningRate, finalLearningRateFactor, iterations, value, sampling, beta2);
    }

    public OptimizerSchedule withSampling(Sampling value) {
        return new OptimizerSchedule(learningRate, finalLearningRateFactor, iterations, batchSize, value, beta2);
    }

    public OptimizerSchedule withBeta2(double value) {
        return new OptimizerSchedule(learningRate, finalLearningRateFactor, iterations, batchSize, sampling, value);
    }
}
