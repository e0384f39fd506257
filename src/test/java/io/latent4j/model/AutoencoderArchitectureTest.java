package io.latent4j.model;

import io.latent4j.config.AutoencoderConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AutoencoderArchitectureTest {
    private final AutoencoderConfig tutorial = AutoencoderConfig.tutorial();

    @Test
    void layersFollowTheTutorial() {
        MultiLayerConfiguration conf = AutoencoderArchitecture.autoencoder(tutorial);
        int[][] shapes = {{784, 500}, {500, 300}, {300, 2}, {2, 300}, {300, 500}, {500, 784}};
        assertEquals(shapes.length, conf.getConfs().size());
        for (int i = 0; i < shapes.length; i++) {
            FeedForwardLayer layer = (FeedForwardLayer) conf.getConf(i).getLayer();
            assertEquals(shapes[i][0], layer.getNIn(), "nIn of layer " + i);
            assertEquals(shapes[i][1], layer.getNOut(), "nOut of layer " + i);
            boolean linear = i == 2 || i == 5;
            Class<?> expected = linear ? ActivationIdentity.class : ActivationTanH.class;
            assertEquals(expected, layer.getActivationFn().getClass(), "activation of layer " + i);
            Adam adam = assertInstanceOf(Adam.class, ((BaseLayer) layer).getIUpdater());
            assertEquals(1e-4, adam.getLearningRate());
        }
        assertInstanceOf(DenseLayer.class, conf.getConf(2).getLayer());
        OutputLayer out = assertInstanceOf(OutputLayer.class, conf.getConf(5).getLayer());
        assertInstanceOf(LossMSE.class, out.getLossFn());
        assertEquals(DataType.FLOAT, conf.getDataType());
    }

    @Test
    void encoderAndDecoderAreTheTwoHalves() {
        MultiLayerConfiguration encoder = AutoencoderArchitecture.encoder(tutorial.architecture());
        MultiLayerConfiguration decoder = AutoencoderArchitecture.decoder(tutorial.architecture());
        assertEquals(3, encoder.getConfs().size());
        assertEquals(3, decoder.getConfs().size());
        assertEquals(784, ((FeedForwardLayer) encoder.getConf(0).getLayer()).getNIn());
        assertEquals(2, ((FeedForwardLayer) encoder.getConf(2).getLayer()).getNOut());
        assertEquals(2, ((FeedForwardLayer) decoder.getConf(0).getLayer()).getNIn());
        assertInstanceOf(OutputLayer.class, decoder.getConf(2).getLayer());
    }

    @Test
    void parameterCountAndInitialisationMatchTheTutorial() {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(tutorial);
        assertEquals(1_087_586, net.numParams());
        INDArray firstWeights = net.getLayer(0).getParam(AutoencoderArchitecture.WEIGHTS);
        assertEquals(0.1, firstWeights.stdNumber().doubleValue(), 0.002);
        assertEquals(0.0, firstWeights.meanNumber().doubleValue(), 0.002);
        // All biases together: 500+300+2+300+500+784 = 2386 draws from Normal(0, 0.1).
        double sum = 0;
        double sumSquares = 0;
        long n = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            for (double b : net.getLayer(i).getParam(AutoencoderArchitecture.BIAS).toDoubleVector()) {
                sum += b;
                sumSquares += b * b;
                n++;
            }
        }
        assertEquals(2386, n);
        double mean = sum / n;
        double std = Math.sqrt(sumSquares / n - mean * mean);
        assertEquals(0.1, std, 0.006);
        assertEquals(0.0, mean, 0.008);
    }

    @Test
    void sameSeedGivesTheSameNetworkAndAnotherSeedDoesNot() {
        AutoencoderConfig small = tutorial.withEncoderSizes(List.of(16, 8, 2));
        INDArray a = AutoencoderArchitecture.newAutoencoder(small).params();
        INDArray b = AutoencoderArchitecture.newAutoencoder(small).params();
        INDArray c = AutoencoderArchitecture.newAutoencoder(small.withSeed(small.seed() + 1)).params();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }
}
