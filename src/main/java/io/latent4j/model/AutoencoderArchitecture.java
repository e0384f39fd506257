package io.latent4j.model;

import io.latent4j.config.ArchitectureConfig;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.config.OptimizerSchedule;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The one definition of the autoencoder's layers. The full network, the encoder-only network and
 * the decoder-only network are all slices of the same layer list, so they cannot drift apart.
 *
 * <p>Layer {@code i} maps {@code layerSizes[i]} to {@code layerSizes[i+1]}. Hidden layers use the
 * configured activation; the latent layer and the reconstruction layer are linear, as in the
 * tutorial. The reconstruction layer is an {@code OutputLayer} with MSE loss.
 */
public final class AutoencoderArchitecture {
    /** Name of the bias parameter in DL4J's dense layers. */
    static final String BIAS = "b";
    /** Name of the weight parameter in DL4J's dense layers. */
    static final String WEIGHTS = "W";

    private AutoencoderArchitecture() {
    }

    /** Number of layers (weight matrices) in the full autoencoder. */
    public static int layerCount(ArchitectureConfig architecture) {
        return architecture.layerSizes().size() - 1;
    }

    /** Number of layers in the encoder half; the decoder holds the rest. */
    public static int encoderLayerCount(ArchitectureConfig architecture) {
        return architecture.encoderSizes().size() - 1;
    }

    /** The full autoencoder, as trained: input to reconstruction, with Adam and the initial weights. */
    public static MultiLayerConfiguration autoencoder(AutoencoderConfig config) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(adam(config))
                .weightInit(new NormalDistribution(0, config.initStd()))
                .list();
        if (config.architecture().kind() == ModelKind.VAE) {
            list.layer(VariationalLayers.layer(config.architecture()));
        } else {
            layers(config.architecture()).forEach(list::layer);
        }
        return list.build();
    }

    /** The encoder alone, for inference: input to latent code (a variational one's posterior mean). */
    public static MultiLayerConfiguration encoder(ArchitectureConfig architecture) {
        if (architecture.kind() == ModelKind.VAE) {
            return inference(VariationalLayers.encoderLayers(architecture));
        }
        return inference(architecture, 0, encoderLayerCount(architecture));
    }

    /** The decoder alone, for inference: latent code to reconstruction (a variational one's mean of p(x|z)). */
    public static MultiLayerConfiguration decoder(ArchitectureConfig architecture) {
        if (architecture.kind() == ModelKind.VAE) {
            return inference(VariationalLayers.decoderLayers(architecture));
        }
        return inference(architecture, encoderLayerCount(architecture), layerCount(architecture));
    }

    /**
     * A freshly initialised autoencoder: weights from DL4J's Normal(0, initStd) initialiser and,
     * since DL4J only offers constant bias initialisation, biases drawn from the same distribution
     * afterwards (seeded, so the same config gives the same network).
     */
    public static MultiLayerNetwork newAutoencoder(AutoencoderConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(autoencoder(config));
        net.init();
        Random random = new Random(config.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < net.getnLayers(); i++) {
            // A dense layer has one bias "b"; the variational layer one per sub-layer ("e0b", "pZXMeanb", ...).
            for (var param : net.getLayer(i).paramTable().entrySet()) {
                if (param.getKey().endsWith(BIAS)) {
                    INDArray bias = param.getValue();
                    float[] values = new float[(int) bias.length()];
                    for (int j = 0; j < values.length; j++) {
                        values[j] = (float) (random.nextGaussian() * config.initStd());
                    }
                    bias.assign(Nd4j.create(values, bias.shape()));
                }
            }
        }
        return net;
    }

    /**
     * Recovers the architecture of a saved autoencoder from its layers: dense layers whose widths
     * mirror around the latent layer, ending in an output layer as wide as the input.
     *
     * @throws NotAnAutoencoderException when the network does not have that shape
     */
    public static ArchitectureConfig architectureOf(MultiLayerNetwork net) throws NotAnAutoencoderException {
        MultiLayerConfiguration actual = net.getLayerWiseConfigurations();
        int n = actual.getConfs().size();
        if (n == 1 && actual.getConf(0).getLayer() instanceof VariationalAutoencoder vae) {
            return VariationalLayers.architectureOf(vae, activationName(vae.getActivationFn()));
        }
        if (n < 2 || n % 2 != 0) {
            throw new NotAnAutoencoderException("has " + n + " layers; an autoencoder has an even number, at least 2");
        }
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(actual.getConf(i).getLayer() instanceof FeedForwardLayer layer)) {
                throw new NotAnAutoencoderException("layer " + i + " is not a dense layer");
            }
            if (i == 0) {
                sizes.add((int) layer.getNIn());
            }
            sizes.add((int) layer.getNOut());
        }
        FeedForwardLayer first = (FeedForwardLayer) actual.getConf(0).getLayer();
        ArchitectureConfig architecture;
        try {
            architecture = new ArchitectureConfig(sizes.subList(0, n / 2 + 1), activationName(first.getActivationFn()));
        } catch (IllegalArgumentException e) {
            throw new NotAnAutoencoderException(e.getMessage());
        }
        // The network must be exactly what this architecture builds from the recovered sizes.
        List<Layer> expected = layers(architecture);
        for (int i = 0; i < n; i++) {
            FeedForwardLayer w = (FeedForwardLayer) expected.get(i);
            FeedForwardLayer g = (FeedForwardLayer) actual.getConf(i).getLayer();
            if (w.getClass() != g.getClass() || w.getNIn() != g.getNIn() || w.getNOut() != g.getNOut()
                    || w.getActivationFn().getClass() != g.getActivationFn().getClass()) {
                throw new NotAnAutoencoderException("layers " + sizes + " do not form a mirrored autoencoder: layer " + i
                        + " is " + describe(g) + ", expected " + describe(w));
            }
        }
        return architecture;
    }

    private static String describe(FeedForwardLayer layer) {
        return layer.getClass().getSimpleName() + " " + layer.getNIn() + "->" + layer.getNOut() + " " + layer.getActivationFn();
    }

    private static String activationName(IActivation fn) throws NotAnAutoencoderException {
        for (Activation a : Activation.values()) {
            try {
                if (a.getActivationFunction().getClass() == fn.getClass()) {
                    return a.name().toLowerCase(java.util.Locale.ROOT);
                }
            } catch (RuntimeException e) {
                // Some enum entries have no standalone function object; they cannot match.
            }
        }
        throw new NotAnAutoencoderException("unsupported activation " + fn);
    }

    /** Layers {@code from} to {@code to} of the network, to be given trained parameters (never updated). */
    private static MultiLayerConfiguration inference(ArchitectureConfig architecture, int from, int to) {
        return inference(layers(architecture).subList(from, to));
    }

    private static MultiLayerConfiguration inference(List<Layer> layers) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .list();
        layers.forEach(list::layer);
        return list.build();
    }

    /** Adam at the config's learning rate, with DL4J's exponential schedule when it decays. */
    private static Adam adam(AutoencoderConfig config) {
        OptimizerSchedule schedule = config.schedule();
        Adam adam = schedule.constantLearningRate() ? new Adam(schedule.learningRate())
                : new Adam(new ExponentialSchedule(ScheduleType.ITERATION, schedule.learningRate(),
                        schedule.learningRateDecayPerIteration()));
        adam.setBeta2(schedule.beta2());
        return adam;
    }

    private static List<Layer> layers(ArchitectureConfig architecture) {
        List<Integer> sizes = architecture.layerSizes();
        int latentLayer = encoderLayerCount(architecture) - 1;
        int last = sizes.size() - 2;
        Activation hidden = Activation.fromString(architecture.activation());
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            int nIn = sizes.get(i);
            int nOut = sizes.get(i + 1);
            if (i == last) {
                layers.add(new OutputLayer.Builder(LossFunction.MSE).name("reconstruction")
                        .nIn(nIn).nOut(nOut).activation(Activation.IDENTITY).build());
            } else {
                // Names follow the tutorial's weight dictionary: encoder1, encoder2, latent, decoder1, ...
                String name = i < latentLayer ? "encoder" + (i + 1)
                        : i == latentLayer ? "latent" : "decoder" + (i - latentLayer);
                layers.add(new DenseLayer.Builder().name(name).nIn(nIn).nOut(nOut)
                        .activation(i == latentLayer ? Activation.IDENTITY : hidden).build());
            }
        }
        return layers;
    }
}
