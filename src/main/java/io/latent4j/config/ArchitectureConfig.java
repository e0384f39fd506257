package io.latent4j.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The network: a dense encoder from the input to the latent code, mirrored by the decoder.
 * Immutable and validated on construction.
 *
 * @param encoderSizes   layer widths from input to latent (the tutorial's {@code [784, 500, 300, 2]}),
 *                       at least two entries
 * @param activation     the hidden layers' activation as DL4J names it (e.g. {@code tanh}); the latent
 *                       and output layers are linear
 * @param kind           a plain or a variational autoencoder
 * @param reconstruction the variational autoencoder's p(x|z); null for a plain autoencoder
 */
public record ArchitectureConfig(List<Integer> encoderSizes, String activation, ModelKind kind,
                                 Reconstruction reconstruction) {

    /** The TensorFlow tutorial's network: 784-500-300-2, tanh. */
    public static ArchitectureConfig tutorial() {
        return new ArchitectureConfig(List.of(784, 500, 300, 2), "tanh");
    }

    /** A plain autoencoder. */
    public ArchitectureConfig(List<Integer> encoderSizes, String activation) {
        this(encoderSizes, activation, ModelKind.AE, null);
    }

    public ArchitectureConfig {
        Objects.requireNonNull(encoderSizes, "encoderSizes");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(kind, "kind");
        if (kind == ModelKind.AE && reconstruction != null) {
            throw new IllegalArgumentException("a plain autoencoder has no reconstruction distribution; it is for --kind vae");
        }
        if (kind == ModelKind.VAE && reconstruction == null) {
            throw new IllegalArgumentException("a variational autoencoder needs a reconstruction distribution "
                    + "(bernoulli or gaussian)");
        }
        encoderSizes = List.copyOf(encoderSizes);
        if (encoderSizes.size() < 2) {
            throw new IllegalArgumentException("the encoder needs an input and a latent size, got " + encoderSizes);
        }
        for (int size : encoderSizes) {
            if (size < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + encoderSizes);
            }
        }
        if (kind == ModelKind.VAE && encoderSizes.size() < 3) {
            throw new IllegalArgumentException("a variational autoencoder needs a hidden layer between input and latent, got "
                    + encoderSizes);
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
        return new ArchitectureConfig(value, activation, kind, reconstruction);
    }

    public ArchitectureConfig withActivation(String value) {
        return new ArchitectureConfig(encoderSizes, value, kind, reconstruction);
    }

    /** This network as {@code value}: a variational one reconstructs through Bernoulli unless told otherwise. */
    public ArchitectureConfig withKind(ModelKind value) {
        Reconstruction r = value == ModelKind.AE ? null : reconstruction != null ? reconstruction : Reconstruction.BERNOULLI;
        return new ArchitectureConfig(encoderSizes, activation, value, r);
    }

    /** This variational network reconstructing through {@code value}. */
    public ArchitectureConfig withReconstruction(Reconstruction value) {
        return new ArchitectureConfig(encoderSizes, activation, kind, value);
    }
}
