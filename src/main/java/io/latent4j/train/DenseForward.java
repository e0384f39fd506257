package io.latent4j.train;

import io.latent4j.data.FloatRows;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code MultiLayerNetwork.output} for a stack of dense layers, computed directly: the inference
 * counterpart of {@link DenseAdamStep}, beside it because both compute DL4J's dense layers
 * themselves and share {@link Tanh}. DL4J spends ~200 µs per call on its own machinery around
 * three small products; this path copies the weights once and does only the arithmetic.
 *
 * <ul>
 *   <li>Small batches: Java loops in blocks of {@value #ROW_BLOCK} rows, each weight row used by
 *   the whole block ({@code out += x[i] * W[i, :]}, which C2 vectorises: every array has its own
 *   row so indices match), skipping inputs that are zero in all rows of the block (most MNIST
 *   pixels). A lone row takes {@value #INPUT_GROUP} inputs per pass over its output instead,
 *   which saves loads and stores of the output (~25% faster on the 784x500 layer).</li>
 *   <li>From {@value #GEMM_MIN_ROWS} rows: OpenBLAS sgemm ({@code Nd4j.gemm}) on per-thread
 *   arrays of up to {@value #GEMM_CHUNK} rows, bias and activation in Java.</li>
 *   <li>With {@value #PARALLEL_MIN_ROWS} rows or more for each of ND4J's BLAS threads: the batch
 *   is split into one part per BLAS thread, each part run on a Java thread of its own with
 *   single-threaded sgemm (see {@link BlasThreads}), so the Java work runs in parallel too.</li>
 * </ul>
 *
 * <p>Thread safety: the weights are read-only after construction and every thread has its own
 * buffers, so one instance serves any number of threads, and a call gives the same result on any
 * of them. Rounding differs from DL4J's (a different summation order, tanh by {@link Tanh}):
 * tests hold every path within 1e-5 of {@code output}.
 */
public final class DenseForward {
    static final int ROW_BLOCK = 4;
    static final int INPUT_GROUP = 4;
    static final int GEMM_MIN_ROWS = 64;
    static final int GEMM_CHUNK = 2048;
    static final int PARALLEL_MIN_ROWS = 1024;
    /** Threads for the parts of a split batch beyond the caller's; idle ones end, and their buffers with them. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "latent4j-forward");
        thread.setDaemon(true);
        return thread;
    });

    /** The activations DL4J's {@code output} applies here, computed as libnd4j does within float rounding. */
    enum Activation {
        IDENTITY, TANH, SIGMOID, RELU;

        static Optional<Activation> of(IActivation fn) {
            if (fn instanceof ActivationIdentity) {
                return Optional.of(IDENTITY);
            }
            if (fn instanceof ActivationTanH) {
                return Optional.of(TANH);
            }
            if (fn instanceof ActivationSigmoid) {
                return Optional.of(SIGMOID);
            }
            if (fn instanceof ActivationReLU relu && relu.getMax() == null && zeroOrUnset(relu.getThreshold())
                    && zeroOrUnset(relu.getNegativeSlope())) {
                return Optional.of(RELU);
            }
            return Optional.empty();
        }

        private static boolean zeroOrUnset(Double value) {
            return value == null || value == 0.0;
        }

        /** Adds {@code bias} and applies the activation to {@code values} in place. */
        void applyWithBias(float[] values, float[] bias) {
            int n = values.length;
            switch (this) {
                case IDENTITY -> {
                    for (int j = 0; j < n; j++) {
                        values[j] += bias[j];
                    }
                }
                case TANH -> {
                    for (int j = 0; j < n; j++) {
                        values[j] = Tanh.of(values[j] + bias[j]);
                    }
                }
                case SIGMOID -> {
                    for (int j = 0; j < n; j++) {
                        values[j] = (float) (1 / (1 + Math.exp(-(values[j] + bias[j]))));
                    }
                }
                case RELU -> {
                    for (int j = 0; j < n; j++) {
                        values[j] = Math.max(0f, values[j] + bias[j]);
                    }
                }
            }
        }
    }

    /** Layer {@code l}'s weights, one array per input unit: {@code weightRows[l][i][j]} = W[i, j]. */
    private final float[][][] weightRows;
    /** The same weights as [nIn, nOut] 'c'-order arrays for sgemm. */
    private final INDArray[] weightMatrices;
    private final float[][] biases;
    private final Activation[] activations;
    private final int[] sizes;
    private final ThreadLocal<GemmBuffers> gemmBuffers = ThreadLocal.withInitial(this::newGemmBuffers);

    private DenseForward(float[][][] weightRows, float[][] biases, Activation[] activations, int[] sizes) {
        this.weightRows = weightRows;
        this.biases = biases;
        this.activations = activations;
        this.sizes = sizes;
        this.weightMatrices = new INDArray[weightRows.length];
        for (int l = 0; l < weightRows.length; l++) {
            weightMatrices[l] = Nd4j.create(weightRows[l]);
        }
    }

    /**
     * A copy of {@code net}'s weights for direct inference, or empty when the network has anything
     * this class does not compute as DL4J does (then use {@code net.output}): layers other than
     * {@code DenseLayer}/{@code OutputLayer}, activations other than identity, tanh, sigmoid and
     * plain ReLU, no bias, layer normalisation, input preprocessors, non-float32 parameters.
     * Dropout and weight noise do not apply at inference, so they do not matter.
     */
    public static Optional<DenseForward> of(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = net.getnLayers();
        if (n == 0 || conf.getInputPreProcessors().values().stream().anyMatch(DenseForward::notNull)
                || net.params().dataType() != DataType.FLOAT) {
            return Optional.empty();
        }
        float[][][] weights = new float[n][][];
        float[][] biases = new float[n][];
        Activation[] activations = new Activation[n];
        int[] sizes = new int[n + 1];
        for (int l = 0; l < n; l++) {
            org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(l).getLayer();
            if (!(layer instanceof BaseLayer base) || !supported(layer)) {
                return Optional.empty();
            }
            Optional<Activation> activation = Activation.of(base.getActivationFn());
            if (activation.isEmpty()) {
                return Optional.empty();
            }
            activations[l] = activation.get();
            INDArray w = net.getLayer(l).getParam("W");
            weights[l] = FloatRows.of(w);
            biases[l] = net.getLayer(l).getParam("b").toFloatVector();
            sizes[l] = (int) w.rows();
            sizes[l + 1] = (int) w.columns();
            if (l > 0 && sizes[l] != weights[l - 1][0].length) {
                return Optional.empty();
            }
        }
        return Optional.of(new DenseForward(weights, biases, activations, sizes));
    }

    private static boolean notNull(InputPreProcessor p) {
        return p != null;
    }

    private static boolean supported(org.deeplearning4j.nn.conf.layers.Layer layer) {
        if (layer.getClass() == DenseLayer.class) {
            DenseLayer dense = (DenseLayer) layer;
            return dense.hasBias() && !dense.hasLayerNorm();
        }
        return layer.getClass() == OutputLayer.class && ((OutputLayer) layer).hasBias();
    }

    /** Checks input rows {@code [from, to)} just before they are computed; throws to stop. */
    @FunctionalInterface
    public interface RowCheck {
        /** Accepts every row. */
        RowCheck NONE = (from, to) -> {
        };

        void rows(int from, int to);
    }

    /** The network's output for {@code rows} (each as wide as the first layer's input; not checked here). */
    public float[][] output(float[][] rows) {
        return output(rows, RowCheck.NONE);
    }

    /**
     * The network's output for {@code rows}, each block of rows passed to {@code check} before
     * it is read, so that checking and computing take one pass over the input. The first failing
     * block in row order decides what is thrown.
     */
    public float[][] output(float[][] rows, RowCheck check) {
        float[][] out = new float[rows.length][];
        int parts = Math.min(BlasThreads.configured(), rows.length / PARALLEL_MIN_ROWS);
        if (parts < 2) {
            outputRange(rows, 0, rows.length, out, check);
            return out;
        }
        try (BlasThreads.Section single = BlasThreads.single()) {
            int perPart = (rows.length + parts - 1) / parts;
            List<Future<?>> others = new ArrayList<>(parts - 1);
            for (int from = perPart; from < rows.length; from += perPart) {
                int start = from;
                int end = Math.min(rows.length, from + perPart);
                others.add(WORKERS.submit(() -> outputRange(rows, start, end, out, check)));
            }
            Throwable failure = null;
            try {
                outputRange(rows, 0, perPart, out, check);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            // Every part must finish before the BLAS count is restored, whatever happened.
            failure = awaitAll(others, failure);
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure != null) {
                throw (Error) failure;
            }
        }
        return out;
    }

    /** Waits for every part; returns {@code failure}, else the first part's failure, else null. */
    private static Throwable awaitAll(List<Future<?>> parts, Throwable failure) {
        boolean interrupted = false;
        for (Future<?> part : parts) {
            while (true) {
                try {
                    part.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    /** Rows {@code [from, to)} on this thread: sgemm in chunks of at most {@value #GEMM_CHUNK} rows, the rest by loops. */
    private void outputRange(float[][] rows, int from, int to, float[][] out, RowCheck check) {
        int start = from;
        int count = to - from;
        if (count >= GEMM_MIN_ROWS) {
            GemmBuffers buffers = gemmBuffers.get();
            int chunks = (count + GEMM_CHUNK - 1) / GEMM_CHUNK;
            int chunk = (count + chunks - 1) / chunks;
            for (; start + GEMM_MIN_ROWS <= to; start += chunk) {
                int chunkRows = Math.min(chunk, to - start);
                check.rows(start, start + chunkRows);
                outputByGemm(rows, start, chunkRows, out, buffers);
            }
        }
        for (; start < to; start += ROW_BLOCK) {
            int end = Math.min(to, start + ROW_BLOCK);
            check.rows(start, end);
            outputByLoops(rows, start, end - start, out);
        }
    }

    /** Rows {@code [start, start + count)} through every layer with Java loops, {@code count <= ROW_BLOCK}. */
    private void outputByLoops(float[][] rows, int start, int count, float[][] out) {
        float[][] in = new float[count][];
        System.arraycopy(rows, start, in, 0, count);
        float[] block = new float[count];
        for (int l = 0; l < weightRows.length; l++) {
            float[][] next = new float[count][sizes[l + 1]];
            float[][] w = weightRows[l];
            if (count == ROW_BLOCK) {
                for (int i = 0; i < w.length; i++) {
                    boolean allZero = true;
                    for (int r = 0; r < count; r++) {
                        block[r] = in[r][i];
                        allZero &= block[r] == 0f;
                    }
                    if (!allZero) {
                        addScaledRow(next, block, w[i]);
                    }
                }
            } else {
                for (int r = 0; r < count; r++) {
                    addProduct(next[r], in[r], w);
                }
            }
            for (float[] row : next) {
                activations[l].applyWithBias(row, biases[l]);
            }
            in = next;
        }
        System.arraycopy(in, 0, out, start, count);
    }

    /** {@code out[r] += scale[r] * weights} for the {@value #ROW_BLOCK} rows r, each weight loaded once. */
    private static void addScaledRow(float[][] out, float[] scale, float[] weights) {
        float[] o0 = out[0], o1 = out[1], o2 = out[2], o3 = out[3];
        float s0 = scale[0], s1 = scale[1], s2 = scale[2], s3 = scale[3];
        for (int j = 0; j < weights.length; j++) {
            float w = weights[j];
            o0[j] += s0 * w;
            o1[j] += s1 * w;
            o2[j] += s2 * w;
            o3[j] += s3 * w;
        }
    }

    /** {@code out += x W} for one row, {@value #INPUT_GROUP} inputs per pass; groups of zero inputs are skipped. */
    private static void addProduct(float[] out, float[] x, float[][] w) {
        int i = 0;
        for (; i + INPUT_GROUP <= x.length; i += INPUT_GROUP) {
            float a = x[i], b = x[i + 1], c = x[i + 2], d = x[i + 3];
            if (a == 0f && b == 0f && c == 0f && d == 0f) {
                continue;
            }
            float[] wa = w[i], wb = w[i + 1], wc = w[i + 2], wd = w[i + 3];
            for (int j = 0; j < out.length; j++) {
                out[j] += (a * wa[j] + b * wb[j]) + (c * wc[j] + d * wd[j]);
            }
        }
        for (; i < x.length; i++) {
            float a = x[i];
            float[] wa = w[i];
            for (int j = 0; j < out.length; j++) {
                out[j] += a * wa[j];
            }
        }
    }

    /** One thread's sgemm arrays: each layer's input and output for {@value #GEMM_CHUNK} rows, and a heap row per layer for the element-wise work. */
    private record GemmBuffers(INDArray[] activations, float[][] heapRows) {
    }

    private GemmBuffers newGemmBuffers() {
        INDArray[] arrays = new INDArray[sizes.length];
        float[][] heapRows = new float[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            arrays[l] = Nd4j.createUninitialized(DataType.FLOAT, GEMM_CHUNK, sizes[l]);
            heapRows[l] = new float[sizes[l]];
        }
        return new GemmBuffers(arrays, heapRows);
    }

    /** Rows {@code [start, start + count)} through every layer: sgemm, then bias and activation on heap copies of the rows. */
    private void outputByGemm(float[][] rows, int start, int count, float[][] out, GemmBuffers buffers) {
        FloatBuffer input = buffers.activations[0].data().asNioFloat();
        for (int r = 0; r < count; r++) {
            input.put(r * sizes[0], rows[start + r]);
        }
        int last = weightRows.length - 1;
        for (int l = 0; l <= last; l++) {
            int width = sizes[l + 1];
            INDArray in = buffers.activations[l];
            INDArray result = buffers.activations[l + 1];
            if (count < GEMM_CHUNK) {
                in = in.get(NDArrayIndex.interval(0, count));
                result = result.get(NDArrayIndex.interval(0, count));
            }
            Nd4j.gemm(in, weightMatrices[l], result, false, false, 1.0, 0.0);
            FloatBuffer values = buffers.activations[l + 1].data().asNioFloat();
            for (int r = 0; r < count; r++) {
                float[] row = l == last ? new float[width] : buffers.heapRows[l + 1];
                values.get(r * width, row);
                activations[l].applyWithBias(row, biases[l]);
                if (l == last) {
                    out[start + r] = row;
                } else {
                    values.put(r * width, row);
                }
            }
        }
    }
}
