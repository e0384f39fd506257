package io.latent4j;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Autoencoder}'s encode, decode and reconstruct against DL4J's own {@code output}. */
class NetworkOutputTest {
    private static final double TOLERANCE = 1e-5;
    private static final int[] BATCH_SIZES = {1, 7, 1000};

    private static float[][] rows(int count, int width, long seed, float scale) {
        Random random = new Random(seed);
        float[][] rows = new float[count][width];
        for (float[] row : rows) {
            for (int c = 0; c < width; c++) {
                // Pixel-like: a third exactly zero, as most MNIST pixels are.
                row[c] = random.nextInt(3) == 0 ? 0f : random.nextFloat() * scale;
            }
        }
        return rows;
    }

    private static void assertClose(float[][] expected, float[][] actual, String what) {
        double max = 0;
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                max = Math.max(max, Math.abs(expected[r][c] - actual[r][c]));
            }
        }
        assertTrue(max <= TOLERANCE, what + ": max difference " + max);
    }

    /** Every public entry point of {@code ae} against its DL4J networks, at each batch size. */
    private static void assertMatchesDl4j(Autoencoder ae) {
        MultiLayerNetwork encoder = ae.encoderNetwork().clone();
        MultiLayerNetwork decoder = ae.decoderNetwork().clone();
        for (int n : BATCH_SIZES) {
            float[][] x = rows(n, ae.inputSize(), n, 1f);
            float[][] z = rows(n, ae.latentSize(), n + 1, 4f);
            float[][] codes = encoder.output(Nd4j.create(x)).toFloatMatrix();
            assertClose(codes, ae.encode(x), n + " rows, encode");
            assertClose(codes, ae.encode(Nd4j.create(x)).toFloatMatrix(), n + " rows, encode(INDArray)");
            float[][] images = decoder.output(Nd4j.create(z)).toFloatMatrix();
            assertClose(images, ae.decode(z), n + " rows, decode");
            assertClose(images, ae.decode(Nd4j.create(z)).toFloatMatrix(), n + " rows, decode(INDArray)");
            float[][] reconstructions = decoder.output(encoder.output(Nd4j.create(x))).toFloatMatrix();
            assertClose(reconstructions, ae.reconstruct(x), n + " rows, reconstruct");
            assertClose(reconstructions, ae.reconstruct(Nd4j.create(x)).toFloatMatrix(), n + " rows, reconstruct(INDArray)");
        }
    }

    @Test
    void pretrainedModelMatchesDl4jWithOneAndTwoNativeThreads() throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        assertTrue(new NetworkOutput(ae.encoderNetwork()).direct());
        assertTrue(new NetworkOutput(ae.decoderNetwork()).direct());
        assertMatchesDl4j(ae);
        int before = Nd4j.getEnvironment().maxMasterThreads();
        setNativeThreads(2);
        try {
            assertMatchesDl4j(ae);
        } finally {
            setNativeThreads(before);
        }
    }

    private static void setNativeThreads(int n) {
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    @Test
    void otherActivationsFallBackToDl4j() throws Exception {
        for (String activation : new String[] {"elu", "sigmoid", "relu"}) {
            AutoencoderConfig config = AutoencoderConfig.tutorial().withSeed(5)
                    .withArchitecture(new io.latent4j.config.ArchitectureConfig(List.of(20, 12, 3), activation));
            Autoencoder ae = Autoencoder.of(AutoencoderArchitecture.newAutoencoder(config));
            assertTrue(new NetworkOutput(ae.encoderNetwork()).direct() != activation.equals("elu"), activation);
            assertMatchesDl4j(ae);
        }
    }

    @Test
    void threadsSharingOneAutoencoderGetTheSameResultsAsOne() throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        List<float[][]> inputs = new ArrayList<>();
        for (int n : new int[] {1, 7, 100, 1000}) {
            inputs.add(rows(n, ae.inputSize(), 10 + n, 1f));
        }
        List<float[][]> codes = new ArrayList<>();
        List<float[][]> reconstructions = new ArrayList<>();
        for (float[][] x : inputs) {
            codes.add(ae.encode(x));
            reconstructions.add(ae.reconstruct(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int k = 0; k < 20; k++) {
                        int i = (k + offset) % inputs.size();
                        assertArrayEquals(codes.get(i), ae.encode(inputs.get(i)));
                        assertArrayEquals(reconstructions.get(i), ae.reconstruct(inputs.get(i)));
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
