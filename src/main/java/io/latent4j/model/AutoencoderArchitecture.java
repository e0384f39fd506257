package io.latent4j.model;

import io.latent4j.config.AutoencoderConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
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
    public static int layerCount(AutoencoderConfig config) {
        return config.layerSizes().size() - 1;
    }

    /** Number of layers in the encoder half; the decoder holds the rest. */
    public static int encoderLayerCount(AutoencoderConfig config) {
        return config.encoderSizes().size() - 1;
    }

    /** The full autoencoder: input to reconstruction. */
    public static MultiLayerConfiguration autoencoder(AutoencoderConfig config) {
        return build(config, 0, layerCount(config));
    }

    /** The encoder alone: input to latent code (no loss; for inference). */
    public static MultiLayerConfiguration encoder(AutoencoderConfig config) {
        return build(config, 0, encoderLayerCount(config));
    }

    /** The decoder alone: latent code to reconstruction. */
    public static MultiLayerConfiguration decoder(AutoencoderConfig config) {
        return build(config, encoderLayerCount(config), layerCount(config));
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
            INDArray bias = net.getLayer(i).getParam(BIAS);
            float[] values = new float[(int) bias.length()];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) (random.nextGaussian() * config.initStd());
            }
            bias.assign(Nd4j.create(values, bias.shape()));
        }
        return net;
    }

    private static MultiLayerConfiguration build(AutoencoderConfig config, int from, int to) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(adam(config))
                .weightInit(new NormalDistribution(0, config.initStd()))
                .list();
        List<Layer> layers = layers(config);
        for (int i = from; i < to; i++) {
            list.layer(layers.get(i));
        }
        return list.build();
    }

    /** Adam at the config's learning rate, with DL4J's exponential schedule when it decays. */
    private static Adam adam(AutoencoderConfig config) {
        if (config.constantLearningRate()) {
            return new Adam(config.learningRate());
        }
        return new Adam(new ExponentialSchedule(ScheduleType.ITERATION, config.learningRate(),
                config.learningRateDecayPerIteration()));
    }

    private static List<Layer> layers(AutoencoderConfig config) {
        List<Integer> sizes = config.layerSizes();
        int latentLayer = encoderLayerCount(config) - 1;
        int last = sizes.size() - 2;
        Activation hidden = Activation.fromString(config.activation());
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
