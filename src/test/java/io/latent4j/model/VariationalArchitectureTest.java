package io.latent4j.model;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.config.Preset;
import io.latent4j.config.Reconstruction;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.GaussianReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.LossFunctionWrapper;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInitDistribution;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The variational autoencoder: built from the same config record, split, saved, and hostile variants refused. */
class VariationalArchitectureTest {
    @TempDir
    Path dir;

    static AutoencoderConfig vae(List<Integer> sizes, Reconstruction reconstruction) {
        AutoencoderConfig c = AutoencoderConfig.tutorial().withEncoderSizes(sizes);
        return c.withArchitecture(c.architecture().withKind(ModelKind.VAE).withReconstruction(reconstruction));
    }

    @Test
    void theTutorialRecordBuildsDl4jsVariationalLayer() throws NotAnAutoencoderException {
        AutoencoderConfig tutorial = Preset.TUTORIAL.config();
        AutoencoderConfig config = tutorial.withArchitecture(tutorial.architecture().withKind(ModelKind.VAE));
        assertEquals(Reconstruction.BERNOULLI, config.architecture().reconstruction());
        MultiLayerConfiguration conf = AutoencoderArchitecture.autoencoder(config);
        assertEquals(1, conf.getConfs().size());
        VariationalAutoencoder layer = assertInstanceOf(VariationalAutoencoder.class, conf.getConf(0).getLayer());
        assertEquals(784, layer.getNIn());
        assertEquals(2, layer.getNOut());
        assertArrayEquals(new int[] {500, 300}, layer.getEncoderLayerSizes());
        assertArrayEquals(new int[] {300, 500}, layer.getDecoderLayerSizes());
        assertInstanceOf(ActivationTanH.class, layer.getActivationFn());
        assertInstanceOf(ActivationIdentity.class, layer.getPzxActivationFn());
        BernoulliReconstructionDistribution d = assertInstanceOf(BernoulliReconstructionDistribution.class,
                layer.getOutputDistribution());
        assertInstanceOf(ActivationSigmoid.class, d.getActivationFn());
        // Adam and the initial weights as the plain network has them.
        BaseLayer plain = (BaseLayer) AutoencoderArchitecture.autoencoder(tutorial).getConf(0).getLayer();
        assertEquals(((Adam) plain.getIUpdater()).getLearningRate(), ((Adam) layer.getIUpdater()).getLearningRate());
        assertEquals(new WeightInitDistribution(new NormalDistribution(0, 0.1)), layer.getWeightInitFn());
        assertEquals(plain.getWeightInitFn(), layer.getWeightInitFn());
        assertEquals(config.architecture(), AutoencoderArchitecture.architectureOf(AutoencoderArchitecture.newAutoencoder(
                vae(List.of(12, 6, 2), Reconstruction.BERNOULLI))).withEncoderSizes(List.of(784, 500, 300, 2)));
    }

    @Test
    void theHalvesComputeThePosteriorMeanAndTheMeanOfPxz() throws NotAnAutoencoderException {
        for (Reconstruction r : Reconstruction.values()) {
            MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(vae(List.of(12, 6, 2), r));
            EncoderDecoder halves = EncoderDecoder.split(net);
            assertEquals(r, halves.architecture().reconstruction());
            INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 12);
            var layer = (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) net.getLayer(0);
            INDArray mean = layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces());
            assertTrue(mean.equalsWithEps(halves.encoder().output(x), 1e-5), r.id());
            INDArray z = Nd4j.randn(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 2);
            assertTrue(layer.generateAtMeanGivenZ(z).equalsWithEps(halves.decoder().output(z), 1e-5), r.id());
        }
    }

    @Test
    void aSavedVariationalModelReloadsWithItsArchitectureAndParameters() throws IOException, NotAnAutoencoderException {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(vae(List.of(12, 6, 2), Reconstruction.GAUSSIAN));
        Path file = dir.resolve("vae.zip");
        ModelStore.save(net, file, true);
        MultiLayerNetwork loaded = ModelStore.load(file);
        assertEquals(net.params(), loaded.params());
        assertEquals(net.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
        assertEquals(AutoencoderArchitecture.architectureOf(net), AutoencoderArchitecture.architectureOf(loaded));
    }

    @Test
    void variationalNetworksLatent4jDoesNotBuildAreRefused() throws IOException {
        VariationalAutoencoder.Builder base = new VariationalAutoencoder.Builder().nIn(12).nOut(2).encoderLayerSizes(6)
                .decoderLayerSizes(6).activation(Activation.TANH).pzxActivationFunction(Activation.IDENTITY);
        assertNotLatent4j(base.reconstructionDistribution(new LossFunctionWrapper(Activation.SIGMOID, new LossMSE())),
                "unsupported reconstruction distribution");
        assertNotLatent4j(base.reconstructionDistribution(new BernoulliReconstructionDistribution()).decoderLayerSizes(7),
                "are not the mirrored network");
        assertNotLatent4j(base.decoderLayerSizes(6).pzxActivationFunction(Activation.TANH), "are not the mirrored network");
        assertNotLatent4j(base.pzxActivationFunction(Activation.IDENTITY)
                .reconstructionDistribution(new GaussianReconstructionDistribution(Activation.TANH)),
                "unsupported reconstruction distribution");
    }

    private void assertNotLatent4j(VariationalAutoencoder.Builder layer, String reason) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list().layer(layer.build()).build());
        net.init();
        NotAnAutoencoderException e = assertThrows(NotAnAutoencoderException.class,
                () -> AutoencoderArchitecture.architectureOf(net));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aVariationalLayerClaimingHugeOrOverflowingSizesIsRefusedBeforeAllocating() throws IOException {
        MultiLayerNetwork small = AutoencoderArchitecture.newAutoencoder(vae(List.of(12, 6, 2), Reconstruction.BERNOULLI));
        Path good = dir.resolve("good.zip");
        ModelStore.save(small, good, true);
        byte[] model = Files.readAllBytes(good);
        // DL4J counts these parameters in an int, which 2^31+ overflows to a small number.
        int[] wide = new int[64];
        java.util.Arrays.fill(wide, 60_000);
        for (VariationalAutoencoder.Builder hostile : List.of(
                new VariationalAutoencoder.Builder().nIn(12).nOut(2).encoderLayerSizes(wide).decoderLayerSizes(6),
                new VariationalAutoencoder.Builder().nIn(1_000_000).nOut(2).encoderLayerSizes(1_000).decoderLayerSizes(6))) {
            String json = new NeuralNetConfiguration.Builder().list()
                    .layer(hostile.reconstructionDistribution(new BernoulliReconstructionDistribution()).build())
                    .build().toJson();
            Path file = Files.write(dir.resolve("huge.zip"), HostileFiles.withEntry(model,
                    ModelSerializer.CONFIGURATION_JSON, json.getBytes(StandardCharsets.UTF_8)));
            IOException e = assertThrows(IOException.class, () -> ModelStore.load(file));
            ModelZipTest.assertOneLine(e.getMessage(), file + ": not a latent4j model (",
                    "a variational autoencoder, has layer sizes out of range or more than 134217728 parameters");
        }
    }
}
