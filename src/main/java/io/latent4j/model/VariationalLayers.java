package io.latent4j.model;

import io.latent4j.config.ArchitectureConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.config.Reconstruction;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.ReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The variational autoencoder's side of {@link AutoencoderArchitecture}: DL4J's own
 * {@code VariationalAutoencoder} layer on the configured widths, and the dense encoder (input to
 * the posterior mean) and decoder (latent code to the mean of p(x|z)) derived from its parameters.
 */
final class VariationalLayers {
    /** The one layer's name. */
    static final String NAME = "vae";

    private VariationalLayers() {
    }

    /**
     * {@code 784-500-300-2} becomes encoder layers 500, 300, a 2-D latent code and decoder layers
     * 300, 500; {@code pzxActivationFunction} also applies to log(sigma^2), so it stays linear.
     */
    static VariationalAutoencoder layer(ArchitectureConfig architecture) {
        List<Integer> sizes = architecture.encoderSizes();
        int[] hidden = sizes.subList(1, sizes.size() - 1).stream().mapToInt(Integer::intValue).toArray();
        int[] mirrored = new int[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            mirrored[i] = hidden[hidden.length - 1 - i];
        }
        return new VariationalAutoencoder.Builder().name(NAME)
                .nIn(architecture.inputSize()).nOut(architecture.latentSize())
                .encoderLayerSizes(hidden).decoderLayerSizes(mirrored)
                .activation(Activation.fromString(architecture.activation()))
                .pzxActivationFunction(Activation.IDENTITY)
                .reconstructionDistribution(distribution(architecture.reconstruction()))
                .build();
    }

    private static ReconstructionDistribution distribution(Reconstruction reconstruction) {
        return switch (reconstruction) {
            case BERNOULLI -> new BernoulliReconstructionDistribution(Activation.SIGMOID);
            case GAUSSIAN -> new GaussianReconstructionDistribution(Activation.IDENTITY);
        };
    }

    /** The mean's activation of each distribution: what {@code generateAtMean} applies. */
    private static Activation meanActivation(Reconstruction reconstruction) {
        return reconstruction == Reconstruction.BERNOULLI ? Activation.SIGMOID : Activation.IDENTITY;
    }

    /**
     * The architecture of a network whose only layer is a variational autoencoder exactly as
     * {@link #layer} builds it, recovered from its widths.
     */
    static ArchitectureConfig architectureOf(VariationalAutoencoder vae, String activationName)
            throws NotAnAutoencoderException {
        int[] encoder = vae.getEncoderLayerSizes();
        int[] decoder = vae.getDecoderLayerSizes();
        if (encoder == null || decoder == null || encoder.length == 0) {
            throw new NotAnAutoencoderException("the variational autoencoder has no encoder layers");
        }
        Reconstruction reconstruction = reconstructionOf(vae.getOutputDistribution());
        List<Integer> sizes = new ArrayList<>();
        sizes.add((int) vae.getNIn());
        Arrays.stream(encoder).forEach(sizes::add);
        sizes.add((int) vae.getNOut());
        ArchitectureConfig architecture;
        try {
            architecture = new ArchitectureConfig(sizes, activationName, ModelKind.VAE, reconstruction);
        } catch (IllegalArgumentException e) {
            throw new NotAnAutoencoderException(e.getMessage());
        }
        VariationalAutoencoder expected = layer(architecture);
        if (!Arrays.equals(expected.getDecoderLayerSizes(), decoder) || vae.getNumSamples() != 1
                || vae.getNIn() != expected.getNIn() || !(vae.getPzxActivationFn() instanceof ActivationIdentity)) {
            throw new NotAnAutoencoderException("variational layers " + sizes + " decoding through "
                    + Arrays.toString(decoder) + " (" + vae.getNumSamples() + " samples, p(z|x) activation "
                    + vae.getPzxActivationFn() + ") are not the mirrored network latent4j builds");
        }
        return architecture;
    }

    private static Reconstruction reconstructionOf(ReconstructionDistribution d) throws NotAnAutoencoderException {
        if (d instanceof BernoulliReconstructionDistribution b && b.getActivationFn() instanceof ActivationSigmoid) {
            return Reconstruction.BERNOULLI;
        }
        if (d instanceof GaussianReconstructionDistribution g && g.getActivationFn() instanceof ActivationIdentity) {
            return Reconstruction.GAUSSIAN;
        }
        throw new NotAnAutoencoderException("unsupported reconstruction distribution " + d);
    }

    /**
     * The parameter count of a variational layer, in longs and refused as soon as it passes
     * {@code limit} (DL4J's own count sums in an int, which a hostile configuration overflows).
     */
    static long parameterCount(VariationalAutoencoder vae, long limit) {
        int[] encoder = vae.getEncoderLayerSizes();
        int[] decoder = vae.getDecoderLayerSizes();
        long nIn = vae.getNIn();
        long nOut = vae.getNOut();
        if (encoder == null || decoder == null || encoder.length == 0 || decoder.length == 0
                || vae.getOutputDistribution() == null || nIn < 1 || nOut < 1 || nIn > limit || nOut > limit) {
            return -1;
        }
        long distributionWidth = vae.getOutputDistribution() instanceof GaussianReconstructionDistribution ? 2 * nIn : nIn;
        long total = 0;
        long previous = nIn;
        for (int size : encoder) {
            total = add(total, previous, size, limit);
            previous = size;
        }
        total = add(total, previous, 2 * nOut, limit);
        previous = nOut;
        for (int size : decoder) {
            total = add(total, previous, size, limit);
            previous = size;
        }
        return add(total, previous, distributionWidth, limit);
    }

    /** {@code total + (in + 1) * out}, or -1 when a size is out of range or the sum passes {@code limit}. */
    private static long add(long total, long in, long out, long limit) {
        if (total < 0 || in < 1 || out < 1 || in > limit || out > limit) {
            return -1;
        }
        long sum = total + (in + 1) * out;
        return sum > limit ? -1 : sum;
    }

    /** The dense encoder: the VAE's encoder layers, then the posterior mean (linear). */
    static List<Layer> encoderLayers(ArchitectureConfig architecture) {
        List<Integer> sizes = architecture.encoderSizes();
        Activation hidden = Activation.fromString(architecture.activation());
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < sizes.size() - 1; i++) {
            boolean mean = i == sizes.size() - 2;
            layers.add(new DenseLayer.Builder().name(mean ? "posterior-mean" : "encoder" + (i + 1))
                    .nIn(sizes.get(i)).nOut(sizes.get(i + 1)).activation(mean ? Activation.IDENTITY : hidden).build());
        }
        return layers;
    }

    /** The dense decoder: the VAE's decoder layers, then the mean of p(x|z). */
    static List<Layer> decoderLayers(ArchitectureConfig architecture) {
        List<Integer> sizes = architecture.layerSizes().subList(architecture.encoderSizes().size() - 1,
                architecture.layerSizes().size());
        Activation hidden = Activation.fromString(architecture.activation());
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < sizes.size() - 1; i++) {
            boolean mean = i == sizes.size() - 2;
            layers.add(new DenseLayer.Builder().name(mean ? "reconstruction-mean" : "decoder" + (i + 1))
                    .nIn(sizes.get(i)).nOut(sizes.get(i + 1))
                    .activation(mean ? meanActivation(architecture.reconstruction()) : hidden).build());
        }
        return layers;
    }

    /**
     * Copies the VAE's parameters into the dense halves: encoder {@code e0..}, {@code pZXMean};
     * decoder {@code d0..}, and of {@code pXZ} the columns of the distribution's mean (a Gaussian's
     * first half; its second half is the log-variance).
     */
    static void copyInto(MultiLayerNetwork vaeNet, MultiLayerNetwork encoder, MultiLayerNetwork decoder) {
        org.deeplearning4j.nn.api.Layer vae = vaeNet.getLayer(0);
        int e = encoder.getnLayers();
        for (int i = 0; i < e; i++) {
            String prefix = i == e - 1 ? VariationalAutoencoderParamInitializer.PZX_MEAN_PREFIX
                    : VariationalAutoencoderParamInitializer.ENCODER_PREFIX + i;
            copy(vae, prefix, encoder.getLayer(i), -1);
        }
        int d = decoder.getnLayers();
        for (int i = 0; i < d; i++) {
            boolean last = i == d - 1;
            String prefix = last ? VariationalAutoencoderParamInitializer.PXZ_PREFIX
                    : VariationalAutoencoderParamInitializer.DECODER_PREFIX + i;
            copy(vae, prefix, decoder.getLayer(i), last ? decoder.getLayer(i).getParam(AutoencoderArchitecture.BIAS).length() : -1);
        }
    }

    private static void copy(org.deeplearning4j.nn.api.Layer vae, String prefix, org.deeplearning4j.nn.api.Layer dense,
                             long columns) {
        INDArray w = vae.getParam(prefix + VariationalAutoencoderParamInitializer.WEIGHT_KEY_SUFFIX);
        INDArray b = vae.getParam(prefix + VariationalAutoencoderParamInitializer.BIAS_KEY_SUFFIX);
        if (columns > 0) {
            w = w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, columns));
            b = b.reshape(1, b.length()).get(NDArrayIndex.all(), NDArrayIndex.interval(0, columns));
        }
        dense.getParam(AutoencoderArchitecture.WEIGHTS).assign(w);
        dense.getParam(AutoencoderArchitecture.BIAS).assign(b.reshape(dense.getParam(AutoencoderArchitecture.BIAS).shape()));
    }
}
