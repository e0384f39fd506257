package io.latent4j.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseForwardTest {
    /** DL4J's output is the definition; the direct path may differ by float rounding only. */
    static final double TOLERANCE = 1e-5;

    private static MultiLayerNetwork net(Activation hidden, Activation last, int... sizes) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .weightInit(new NormalDistribution(0, 0.1)).list();
        for (int i = 0; i + 1 < sizes.length; i++) {
            boolean isLast = i + 2 == sizes.length;
            list.layer(isLast
                    ? new OutputLayer.Builder(LossFunction.MSE).nIn(sizes[i]).nOut(sizes[i + 1]).activation(last).build()
                    : new DenseLayer.Builder().nIn(sizes[i]).nOut(sizes[i + 1]).activation(hidden).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        // Non-zero biases, so that a forgotten bias shows.
        net.getLayer(0).getParam("b").assign(Nd4j.rand(DataType.FLOAT, net.getLayer(0).getParam("b").shape()).subi(0.5));
        net.getLayer(sizes.length - 2).getParam("b").assign(0.25);
        return net;
    }

    /** Pixel-like rows: values in [0, 1), a third of them exactly zero, some rows all zero. */
    static float[][] rows(int count, int width, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[count][width];
        for (int r = 0; r < count; r++) {
            if (r % 5 == 4) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                rows[r][c] = random.nextInt(3) == 0 ? 0f : random.nextFloat();
            }
        }
        return rows;
    }

    static double maxDifference(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        double max = 0;
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length);
            for (int c = 0; c < expected[r].length; c++) {
                max = Math.max(max, Math.abs(expected[r][c] - actual[r][c]));
            }
        }
        return max;
    }

    private static void assertMatchesDl4j(MultiLayerNetwork net, int width, int... batchSizes) {
        DenseForward direct = DenseForward.of(net).orElseThrow();
        for (int rows : batchSizes) {
            float[][] x = rows(rows, width, rows);
            float[][] expected = net.output(Nd4j.create(x)).toFloatMatrix();
            double difference = maxDifference(expected, direct.output(x));
            assertTrue(difference <= TOLERANCE, rows + " rows: max difference " + difference);
        }
    }

    @Test
    void everySupportedActivationMatchesDl4jAtEveryBatchSize() {
        // 1, a partial and a full row block, the loop path's largest batch, one sgemm chunk, a full
        // chunk and a remainder for the loops, two chunks.
        int chunk = DenseForward.GEMM_CHUNK;
        int[] batchSizes = {1, 3, 4, 7, DenseForward.GEMM_MIN_ROWS - 1, DenseForward.GEMM_MIN_ROWS, 1000, chunk + 10,
                chunk + DenseForward.GEMM_MIN_ROWS + 6};
        for (Activation hidden : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.RELU, Activation.IDENTITY}) {
            assertMatchesDl4j(net(hidden, Activation.IDENTITY, 30, 20, 3), 30, batchSizes);
        }
        assertMatchesDl4j(net(Activation.TANH, Activation.SIGMOID, 30, 20, 10, 30), 30, 1, 7, 1000);
    }

    @Test
    void tanhOfLargePreActivationsMatchesDl4j() {
        MultiLayerNetwork net = net(Activation.TANH, Activation.TANH, 50, 40, 5);
        net.getLayer(0).getParam("W").muli(20);
        assertMatchesDl4j(net, 50, 1, 7, 1000);
    }

    /** Runs {@code body} with ND4J's BLAS (and op) threads at {@code threads}, restoring them after. */
    private static void withNativeThreads(int threads, Runnable body) {
        int before = Nd4j.getEnvironment().maxMasterThreads();
        int blasBefore = Nd4j.factory().blas().getMaxThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        try {
            body.run();
        } finally {
            Nd4j.getEnvironment().setMaxMasterThreads(before);
            Nd4j.getEnvironment().setMaxThreads(before);
            Nd4j.factory().blas().setMaxThreads(blasBefore);
        }
    }

    @Test
    void twoNativeThreadsGiveTheSameOutputs() {
        MultiLayerNetwork net = net(Activation.TANH, Activation.IDENTITY, 100, 60, 2);
        int split = 2 * DenseForward.PARALLEL_MIN_ROWS;
        // Below the split, exactly at it, an odd split, and parts of several sgemm chunks each.
        withNativeThreads(2, () -> {
            assertMatchesDl4j(net, 100, 1, 7, 1000, split, split + 5, 3 * DenseForward.GEMM_CHUNK + 17);
            assertEquals(2, Nd4j.factory().blas().getMaxThreads(), "the BLAS thread count is restored");
        });
    }

    @Test
    void aSplitBatchChecksEveryRowOnceOnTwoThreads() {
        DenseForward direct = DenseForward.of(net(Activation.TANH, Activation.IDENTITY, 20, 10, 2)).orElseThrow();
        int rows = 2 * DenseForward.PARALLEL_MIN_ROWS + 3 * DenseForward.ROW_BLOCK + 1;
        float[][] x = rows(rows, 20, 5);
        int[] seen = new int[rows];
        Set<String> threads = ConcurrentHashMap.newKeySet();
        withNativeThreads(2, () -> direct.output(x, (from, to) -> {
            threads.add(Thread.currentThread().getName());
            for (int r = from; r < to; r++) {
                synchronized (seen) {
                    seen[r]++;
                }
            }
        }));
        for (int r = 0; r < rows; r++) {
            assertEquals(1, seen[r], "row " + r + " checks");
        }
        assertEquals(2, threads.size(), threads.toString());
        withNativeThreads(1, () -> {
            threads.clear();
            direct.output(x, (from, to) -> threads.add(Thread.currentThread().getName()));
            assertEquals(Set.of(Thread.currentThread().getName()), threads, "one BLAS thread: no split");
        });
    }

    @Test
    void theFirstFailingBlockInRowOrderIsThrownAndThreadsAreRestored() {
        DenseForward direct = DenseForward.of(net(Activation.TANH, Activation.IDENTITY, 20, 10, 2)).orElseThrow();
        int rows = 4 * DenseForward.PARALLEL_MIN_ROWS;
        float[][] x = rows(rows, 20, 6);
        int early = 10;
        int late = rows - 10;
        withNativeThreads(2, () -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> direct.output(x, (from, to) -> {
                    for (int bad : new int[] {late, early}) {
                        if (from <= bad && bad < to) {
                            throw new IllegalArgumentException("row " + bad);
                        }
                    }
                }));
                assertEquals("row " + early, e.getMessage());
                assertEquals(2, Nd4j.factory().blas().getMaxThreads());
            }
        });
    }

    @Test
    void whatItDoesNotComputeIsRefused() {
        assertTrue(DenseForward.of(net(Activation.ELU, Activation.IDENTITY, 6, 4, 2)).isEmpty());
        assertTrue(DenseForward.of(net(Activation.TANH, Activation.SOFTMAX, 6, 4, 2)).isEmpty());
        assertTrue(DenseForward.of(twoLayers(DataType.FLOAT, new DenseLayer.Builder().nIn(6).nOut(6)
                .activation(new ActivationReLU(null, null, 0.1)).build())).isEmpty());
        assertTrue(DenseForward.of(twoLayers(DataType.FLOAT, new ElementWiseMultiplicationLayer.Builder().nIn(6).nOut(6)
                .activation(Activation.IDENTITY).build())).isEmpty());
        assertTrue(DenseForward.of(twoLayers(DataType.DOUBLE, new DenseLayer.Builder().nIn(6).nOut(6)
                .activation(Activation.TANH).build())).isEmpty());
    }

    /** {@code first}, 6 wide, then a linear output layer. */
    private static MultiLayerNetwork twoLayers(DataType type, Layer first) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(type).list()
                .layer(first)
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(6).nOut(2).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }
}
