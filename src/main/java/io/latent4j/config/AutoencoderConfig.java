package io.latent4j.config;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything that defines one autoencoder training run: the architecture, the optimiser and the
 * data selection. Immutable and validated on construction, so a config that exists is usable.
 *
 * <p>{@code encoderSizes} lists the encoder from the input to the latent layer (the tutorial's
 * {@code [784, 500, 300, 2]}); the decoder mirrors it back to the input size.
 *
 * @param encoderSizes   layer widths from input to latent, at least two entries
 * @param activation     hidden-layer activation name as DL4J spells it (e.g. {@code tanh})
 * @param learningRate   Adam learning rate
 * @param initStd        standard deviation of the Normal(0, initStd) draw for weights and biases
 * @param seed           seed for initialisation and batch sampling
 * @param digits         the MNIST digits to train and evaluate on
 * @param iterations     number of Adam steps
 * @param batchSize      rows per step
 * @param logEvery       report the batch loss every this many iterations
 * @param sampling       how each step draws its rows
 * @param finalLearningRateFactor the learning rate decays exponentially, step by step, from
 *                       {@code learningRate} to this fraction of it at the last iteration; 1 keeps
 *                       it constant (the tutorial)
 */
public record AutoencoderConfig(
        List<Integer> encoderSizes,
        String activation,
        double learningRate,
        double initStd,
        long seed,
        SortedSet<Integer> digits,
        int iterations,
        int batchSize,
        int logEvery,
        Sampling sampling,
        double finalLearningRateFactor) {

    /** The settings of the TensorFlow tutorial this project follows. */
    public static AutoencoderConfig tutorial() {
        return new AutoencoderConfig(List.of(784, 500, 300, 2), "tanh", 1e-4, 0.1, 42L,
                new TreeSet<>(List.of(1, 5, 6)), 2500, 50, 250);
    }

    /** A constant learning rate and batches drawn with replacement, as in the tutorial. */
    public AutoencoderConfig(List<Integer> encoderSizes, String activation, double learningRate, double initStd,
                             long seed, SortedSet<Integer> digits, int iterations, int batchSize, int logEvery) {
        this(encoderSizes, activation, learningRate, initStd, seed, digits, iterations, batchSize, logEvery,
                Sampling.WITH_REPLACEMENT, 1.0);
    }

    public AutoencoderConfig {
        Objects.requireNonNull(encoderSizes, "encoderSizes");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(digits, "digits");
        Objects.requireNonNull(sampling, "sampling");
        encoderSizes = List.copyOf(encoderSizes);
        if (encoderSizes.size() < 2) {
            throw new IllegalArgumentException("encoder needs an input and a latent size, got " + encoderSizes);
        }
        for (int size : encoderSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + encoderSizes);
            }
        }
        try {
            org.nd4j.linalg.activations.Activation.fromString(activation);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown activation '" + activation + "' (try tanh, relu, sigmoid)");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(initStd > 0) || Double.isInfinite(initStd)) {
            throw new IllegalArgumentException("init std must be a positive number, got " + initStd);
        }
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("choose at least one digit");
        }
        for (int d : digits) {
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("digits must be 0-9, got " + d);
            }
        }
        digits = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(digits));
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (logEvery < 1) {
            throw new IllegalArgumentException("log interval must be at least 1, got " + logEvery);
        }
        if (!(finalLearningRateFactor > 0 && finalLearningRateFactor <= 1)) {
            throw new IllegalArgumentException("final learning rate factor must be in (0, 1], got " + finalLearningRateFactor);
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

    /** Width of the input and of the reconstruction. */
    public int inputSize() {
        return encoderSizes.get(0);
    }

    /** Width of the latent code. */
    public int latentSize() {
        return encoderSizes.get(encoderSizes.size() - 1);
    }

    /** All layer widths, input to output: the encoder followed by its mirror. */
    public List<Integer> layerSizes() {
        List<Integer> all = new java.util.ArrayList<>(encoderSizes);
        for (int i = encoderSizes.size() - 2; i >= 0; i--) {
            all.add(encoderSizes.get(i));
        }
        return List.copyOf(all);
    }

    public AutoencoderConfig withIterations(int value) {
        return new AutoencoderConfig(encoderSizes, activation, learningRate, initStd, seed, digits, value, batchSize, logEvery, sampling, finalLearningRateFactor);
    }

    public AutoencoderConfig withBatchSize(int value) {
        return new AutoencoderConfig(encoderSizes, activation, learningRate, initStd, seed, digits, iterations, value, logEvery, sampling, finalLearningRateFactor);
    }

    public AutoencoderConfig withLearningRate(double value) {
        return new AutoencoderConfig(encoderSizes, activation, value, initStd, seed, digits, iterations, batchSize, logEvery, sampling, finalLearningRateFactor);
    }

    public AutoencoderConfig withSeed(long value) {
        return new AutoencoderConfig(encoderSizes, activation, learningRate, initStd, value, digits, iterations, batchSize, logEvery, sampling, finalLearningRateFactor);
    }

    public AutoencoderConfig withDigits(SortedSet<Integer> value) {
        return new AutoencoderConfig(encoderSizes, activation, learningRate, initStd, seed, value, iterations, batchSize, logEvery, sampling, finalLearningRateFactor);
    }

    public AutoencoderConfig withLogEvery(int value) {
        return new AutoencoderConfig(encoderSizes, activation, learningRate, initStd, seed, digits, iterations, batchSize, value, sampling, finalLearningRateFactor);
    }

    public AutoencoderConfig withSampling(Sampling value) {
        return new AutoencoderConfig(encoderSizes, activation, learningRate, initStd, seed, digits, iterations, batchSize, logEvery, value, finalLearningRateFactor);
    }

    public AutoencoderConfig withFinalLearningRateFactor(double value) {
        return new AutoencoderConfig(encoderSizes, activation, learningRate, initStd, seed, digits, iterations, batchSize, logEvery, sampling, value);
    }

    public AutoencoderConfig withEncoderSizes(List<Integer> value) {
        return new AutoencoderConfig(value, activation, learningRate, initStd, seed, digits, iterations, batchSize, logEvery, sampling, finalLearningRateFactor);
    }
}
