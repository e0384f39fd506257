package io.latent4j;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.ModelStore;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoencoderTest {
    private static final AutoencoderConfig SMALL = AutoencoderConfig.tutorial().withEncoderSizes(List.of(16, 8, 3));

    private static MultiLayerNetwork trainedSmall() {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(SMALL);
        INDArray x = Nd4j.create(pixels(32, 1));
        for (int i = 0; i < 5; i++) {
            net.fit(x, x);
        }
        return net;
    }

    private static float[][] pixels(int rows, long seed) {
        Random random = new Random(seed);
        float[][] p = new float[rows][16];
        for (float[] row : p) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextFloat();
            }
        }
        return p;
    }

    @Test
    void encoderAndDecoderReproduceTheFullNetwork() throws Exception {
        MultiLayerNetwork net = trainedSmall();
        Autoencoder ae = Autoencoder.of(net);
        assertEquals(16, ae.inputSize());
        assertEquals(3, ae.latentSize());
        float[][] x = pixels(10, 2);
        float[][] z = ae.encode(x);
        assertEquals(3, z[0].length);
        assertArrayEquals(ae.reconstruct(x), ae.decode(z));
        INDArray full = net.output(Nd4j.create(x));
        INDArray split = ae.decode(ae.encode(Nd4j.create(x)));
        assertEquals(0.0, full.sub(split).amaxNumber().doubleValue(), 1e-6);
        // The encoder's output is the full network's latent activation.
        INDArray latent = net.feedForward(Nd4j.create(x)).get(AutoencoderArchitecture.encoderLayerCount(SMALL.architecture()));
        assertEquals(0.0, latent.sub(Nd4j.create(z)).amaxNumber().doubleValue(), 1e-6);
        assertEquals(2, ae.encoderNetwork().getnLayers());
        assertEquals(2, ae.decoderNetwork().getnLayers());
    }

    @Test
    void invalidInputIsRejectedWithTheRowAndTheProblem() throws Exception {
        Autoencoder ae = Autoencoder.of(trainedSmall());
        float[][] x = pixels(3, 3);
        float[][] narrow = {x[0], Arrays.copyOf(x[1], 15)};
        assertMessage("row 1 has 15 pixel values, expected 16", () -> ae.encode(narrow));
        x[2][4] = Float.NaN;
        assertMessage("row 2: pixel 4 is NaN", () -> ae.encode(x));
        x[2][4] = Float.POSITIVE_INFINITY;
        assertMessage("row 2: pixel 4 is Infinity", () -> ae.encode(x));
        assertMessage("empty batch", () -> ae.encode(new float[0][]));
        float[][] bytes = pixels(2, 4);
        bytes[1][7] = 255f;
        assertMessage("row 1: pixel 7 is 255.0, outside [0, 1]; the pixels look like 0-255 values: divide them by 255",
                () -> ae.encode(bytes));
        float[][] negative = pixels(1, 5);
        negative[0][0] = -0.5f;
        assertMessage("scale pixels to [0, 1]", () -> ae.encode(negative));
        assertMessage("rows have 4 latent values, expected 3", () -> ae.decode(Nd4j.zeros(2, 4)));
        assertMessage("row 0: latent 1 is NaN", () -> ae.decode(new float[][] {{0f, Float.NaN, 0f}}));
    }

    @Test
    void aLargeBatchOnTwoThreadsNamesItsFirstBadRow() throws Exception {
        Autoencoder ae = Autoencoder.of(trainedSmall());
        float[][] x = pixels(5000, 6);
        x[4500][3] = 255f;
        x[3000][9] = Float.NaN;
        int before = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(2);
        try {
            // Blocks of the batch are checked on two threads; the lowest bad row is still the one named.
            assertMessage("row 3000: pixel 9 is NaN", () -> ae.encode(x));
            x[3000][9] = 0.5f;
            assertMessage("row 4500: pixel 3 is 255.0, outside [0, 1]; the pixels look like 0-255 values",
                    () -> ae.reconstruct(x));
            x[4500][3] = 1f;
            assertEquals(5000, ae.encode(x).length);
        } finally {
            Nd4j.factory().blas().setMaxThreads(before);
        }
    }

    @Test
    void manyThreadsGetTheSameCodesAsOne() throws Exception {
        Autoencoder ae = Autoencoder.of(trainedSmall());
        float[][] x = pixels(200, 6);
        float[][] expected = ae.encode(x);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                for (int repeat = 0; repeat < 5; repeat++) {
                    results.add(pool.submit(() -> ae.encode(x)));
                }
            }
            for (Future<float[][]> result : results) {
                assertArrayEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void streamingEncodeMatchesBatchEncodeAndNumbersRowsAcrossBatches() throws Exception {
        Autoencoder ae = Autoencoder.of(trainedSmall());
        float[][] x = pixels(1000, 7);
        float[][] expected = ae.encode(x);
        Iterator<float[]> codes = ae.encodeAll(Arrays.asList(x).iterator(), 64);
        int i = 0;
        while (codes.hasNext()) {
            float[] z = codes.next();
            assertEquals(0.0, maxAbsDiff(expected[i], z), 1e-6, "row " + i);
            i++;
        }
        assertEquals(1000, i);
        x[700][0] = 2f;
        Iterator<float[]> bad = ae.encodeAll(Arrays.asList(x).iterator(), 64);
        assertMessage("row 700: pixel 0 is 2.0", () -> {
            while (bad.hasNext()) {
                bad.next();
            }
        });
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void loadExplainsMissingDamagedAndForeignFiles(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.zip");
        assertLoadMessage(missing, missing + ": no such model file");
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        assertLoadMessage(empty, empty + ": not a latent4j model (");
        Path good = dir.resolve("good.zip");
        ModelStore.save(trainedSmall(), good, false);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadMessage(truncated, truncated + ": not a latent4j model (");
        MultiLayerNetwork classifier = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(16).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        classifier.init();
        Path foreign = dir.resolve("classifier.zip");
        ModelStore.save(classifier, foreign, false);
        assertLoadMessage(foreign, foreign + ": not a latent4j autoencoder");
        assertEquals(16, Autoencoder.load(good).inputSize());
    }

    private static void assertLoadMessage(Path file, String prefix) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Autoencoder.load(file));
        assertTrue(e.getMessage().startsWith(prefix), () -> "'" + e.getMessage() + "' does not start with '" + prefix + "'");
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
