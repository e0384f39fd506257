package io.latent4j;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.train.Trainer;
import io.latent4j.train.TrainingProgress;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public API on a small variational autoencoder trained on synthetic pixels. */
class VariationalAutoencoderTest {
    private static MultiLayerNetwork net;
    private static Autoencoder vae;
    private static float[][] rows;

    @BeforeAll
    static void train() throws ModelLoadException {
        Random random = new Random(3);
        rows = new float[60][16];
        for (int i = 0; i < rows.length; i++) {
            // Two kinds of rows: bright left half or bright right half.
            for (int j = 0; j < 16; j++) {
                rows[i][j] = ((j < 8) == (i % 2 == 0) ? 0.8f : 0.1f) + 0.1f * random.nextFloat();
            }
        }
        AutoencoderConfig c = AutoencoderConfig.tutorial().withEncoderSizes(List.of(16, 8, 2)).withIterations(150)
                .withBatchSize(20).withLearningRate(1e-2);
        AutoencoderConfig config = c.withArchitecture(c.architecture().withKind(ModelKind.VAE));
        net = AutoencoderArchitecture.newAutoencoder(config);
        new Trainer(config, TrainingProgress.NONE).train(net, Nd4j.create(rows));
        vae = Autoencoder.of(net);
    }

    private static VariationalAutoencoder layer() {
        return (VariationalAutoencoder) net.getLayer(0);
    }

    @Test
    void encodeGivesPosteriorMeansAndDecodeTheMeanOfPxz() {
        assertTrue(vae.variational());
        INDArray x = Nd4j.create(Arrays.copyOf(rows, 5));
        float[][] means = vae.encode(Arrays.copyOf(rows, 5));
        INDArray expected = layer().activate(x, false, LayerWorkspaceMgr.noWorkspaces());
        assertTrue(Nd4j.create(means).equalsWithEps(expected, 1e-5));
        assertArrayEquals(means, vae.encode(Arrays.copyOf(rows, 5)), "means are deterministic");
        float[][] decoded = vae.decode(means);
        assertTrue(Nd4j.create(decoded).equalsWithEps(layer().generateAtMeanGivenZ(expected), 1e-5));
        assertArrayEquals(decoded, vae.reconstruct(Arrays.copyOf(rows, 5)));
    }

    @Test
    void samplesFromThePriorAreDeterministicPerSeed() {
        float[][] a = vae.sample(8, 11);
        assertEquals(8, a.length);
        assertEquals(16, a[0].length);
        assertArrayEquals(a, vae.sample(8, 11));
        assertFalse(Arrays.deepEquals(a, vae.sample(8, 12)));
        for (float[] row : a) {
            for (float v : row) {
                assertTrue(v >= 0 && v <= 1, "a Bernoulli mean is a probability: " + v);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> vae.sample(0, 1));
    }

    @Test
    void reconstructionLogProbabilityIsSeededAndLowerForUnlikeRows() {
        float[][] sample = Arrays.copyOf(rows, 10);
        double[] a = vae.reconstructionLogProbability(sample, 8, 5);
        assertArrayEquals(a, vae.reconstructionLogProbability(sample, 8, 5));
        float[][] unlike = new float[10][16];
        for (float[] row : unlike) {
            Arrays.fill(row, 0, 8, 0.9f);
            Arrays.fill(row, 8, 16, 0.9f);
        }
        double[] b = vae.reconstructionLogProbability(unlike, 8, 5);
        double meanA = Arrays.stream(a).average().orElseThrow();
        double meanB = Arrays.stream(b).average().orElseThrow();
        assertTrue(Arrays.stream(a).allMatch(Double::isFinite));
        assertTrue(meanB < meanA, "unlike rows " + meanB + " vs training rows " + meanA);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vae.reconstructionLogProbability(new float[][] {new float[3]}, 1, 1));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }

    @Test
    void anomalyScoresAreMinusTheLogProbabilityWhateverTheBatching() {
        float[][] many = new float[600][];
        for (int i = 0; i < many.length; i++) {
            many[i] = rows[i % rows.length];
        }
        double[] scores = vae.anomalyScores(many);
        assertEquals("negative log-probability", vae.anomalyScoreName());
        for (int batch : new int[] {1, 100, 256, 1000}) {
            List<Double> streamed = new java.util.ArrayList<>();
            vae.anomalyScoresAll(Arrays.asList(many).iterator(), batch).forEachRemaining(streamed::add);
            assertArrayEquals(scores, streamed.stream().mapToDouble(Double::doubleValue).toArray(), "batch " + batch);
        }
        // The first block is one call of DL4J's estimate with its block's seed.
        Nd4j.getRandom().setSeed(20_151_227L);
        double[] direct = layer().reconstructionLogProbability(Nd4j.create(Arrays.copyOf(many, 256)),
                io.latent4j.train.VariationalMetrics.SCORE_SAMPLES).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .toDoubleVector();
        for (int i = 0; i < direct.length; i++) {
            assertEquals(-direct[i], scores[i], 1e-9, "row " + i);
        }
        float[][] unlike = new float[10][16];
        for (float[] row : unlike) {
            Arrays.fill(row, 0.9f);
        }
        double unlikeMean = Arrays.stream(vae.anomalyScores(unlike)).average().orElseThrow();
        assertTrue(unlikeMean > Arrays.stream(scores).average().orElseThrow(), "unlike rows score higher");
    }

    @Test
    void aSavedModelReloadsAndEncodesTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vae.zip");
        vae.save(file);
        Autoencoder loaded = Autoencoder.load(file);
        assertTrue(loaded.variational());
        assertArrayEquals(vae.encode(rows), loaded.encode(rows));
        assertArrayEquals(vae.sample(4, 1), loaded.sample(4, 1));
        assertArrayEquals(vae.reconstructionLogProbability(rows, 2, 9), loaded.reconstructionLogProbability(rows, 2, 9));
    }

    @Test
    void aPlainAutoencoderRefusesTheVariationalCalls() throws ModelLoadException {
        Autoencoder plain = Autoencoder.of(AutoencoderArchitecture.newAutoencoder(AutoencoderConfig.tutorial()
                .withEncoderSizes(List.of(16, 8, 2))));
        assertFalse(plain.variational());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> plain.sample(1, 1));
        assertEquals(1, e.getMessage().lines().count());
        assertTrue(e.getMessage().startsWith("sample needs a variational autoencoder"), e.getMessage());
        e = assertThrows(UnsupportedOperationException.class, () -> plain.reconstructionLogProbability(rows, 1, 1));
        assertTrue(e.getMessage().contains("plain autoencoder"), e.getMessage());
    }
}
