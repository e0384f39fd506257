package io.latent4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network: a dense encoder from the input to the latent code, mirrored by the decoder.
 * Immutable and validated on construction.
 *
 * @param encoderSizes layer widths from input to latent (the tutorial's {@code [784, 500, 300, 2]}),
 *                     at least two entries
 * @param activation   the hidden layers' activation as DL4J names it (e.g. {@code tanh}); the latent
 *                     and output layers are linear
 */
public record ArchitectureConfig(List<Integer> encoderSizes, String activation) {

    /** The TensorFlow tutorial's network: 784-500-300-2, tanh. */
    public static ArchitectureConfig tutorial() {
        return new ArchitectureConfig(List.of(784, 500, 300, 2), "tanh");
    }

    public ArchitectureConfig {
        Objects.requireNonNull(encoderSizes, "encoderSizes");
        Objects.requireNonNull(activation, "activation");
        encoderSizes = List.copyOf(encoderSizes);
        if (encoderSizes.size() < 2) {
            throw new IllegalArgumentException("the encoder needs an input and a latent size, got " + encoderSizes);
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
        List<Integer> all = new ArrayList<>(encoderSizes);
        for (int i = encoderSizes.size() - 2; i >= 0; i--) {
            all.add(encoderSizes.get(i));
        }
        return List.copyOf(all);
    }

    public ArchitectureConfig withEncoderSizes(List<Integer> value) {
        return new ArchitectureConfig(value, activation);
    }

    public ArchitectureConfig withActivation(String value) {
        return new ArchitectureConfig(encoderSizes, value);
    }
}
