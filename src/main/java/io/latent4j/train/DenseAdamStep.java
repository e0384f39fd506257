package io.latent4j.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;

/**
 * One training step of {@link MultiLayerNetwork#fit(INDArray, INDArray)} for the networks this
 * project builds (dense layers, tanh or identity, MSE output, Adam, float32), computed with the
 * same math but without DL4J's per-step overheads. Measured on the tutorial net (see
 * docs/performance.md), {@code fit} spends about 9 of its 20 ms in libnd4j's {@code adam_updater}
 * (a scalar loop over 1.09M parameters) and recomputes every layer's pre-activation during
 * backpropagation. Here the forward pass is computed once into preallocated arrays, the backward
 * pass reuses it, and the Adam update runs as one JIT-vectorised Java loop over heap copies of
 * the parameters and the Adam moments.
 *
 * <p>The network's configuration stays the definition: sizes, activations, loss and Adam's
 * hyperparameters (including a learning-rate schedule) are read from it, {@link #of} refuses any
 * network whose configuration holds something this step does not implement, and the step
 * writes the parameters, the iteration count and the Adam state back into the network, so a
 * saved model is the same as one trained with {@code fit}. While a step object is in use the
 * network's parameters must not be changed by anyone else; call {@link #close()} at the end.
 */
final class DenseAdamStep implements AutoCloseable {
    private final MultiLayerNetwork net;
    private final Adam adam;
    private final int layerCount;
    private final long[] sizes;
    private final boolean[] tanh;
    private final INDArray[] weights;
    private final INDArray[] weightGradients;
    private final INDArray gradient;
    private final FloatBuffer gradientBuffer;
    private final FloatBuffer paramsBuffer;
    private final float[] params;
    private final float[] grad;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private final INDArray adamState;

    private final int[] biasOffsets;
    /** Runs the weight gradients and Adam beside the input-gradient chain; null: all on the caller's thread. */
    private final ExecutorService weightWorker;
    /** Single-threaded BLAS while the weight worker runs its own products; null with one thread. */
    private final BlasThreads.Section singleBlas;
    /** Per {@link Stage}, the lowest layer the backward pass has reached in the current step. */
    private final AtomicIntegerArray reached = new AtomicIntegerArray(Stage.values().length);
    /** Per layer, 1 once a thread has taken its Adam update in the current step. */
    private final AtomicIntegerArray updateTaken;
    private volatile boolean abandoned;
    /** Layers with fewer output columns run their whole forward GEMM on the caller's thread. */
    static final int MIN_SPLIT_COLUMNS = 64;
    /** Two-thread forward: per half, the layers whose columns it has computed in this step. */
    private final AtomicIntegerArray forwardLayersDone = new AtomicIntegerArray(2);
    /** Two-thread forward: per layer, the first output column of the worker's half (all columns below it are the caller's). */
    private final int[] forwardSplit;
    /** Two-thread forward: per layer and half, the weight columns of that half (views of the parameters). */
    private final INDArray[][] weightColumns;
    /** Two-thread forward: per layer and half, that half's output columns (views of the activations); set per batch size. */
    private INDArray[][] activationColumns;

    private int batchRows = -1;
    /** Per layer output: off-heap for the GEMMs ('f' order), with a heap copy for the element-wise work. */
    private INDArray[] activations;
    private FloatBuffer[] activationBuffers;
    private float[][] activationValues;
    /** The MSE of the last batch before its update. */
    private double batchLoss;
    private INDArray[] deltas;
    private FloatBuffer[] deltaBuffers;
    private float[][] deltaValues;
    private float[] input;

    private DenseAdamStep(MultiLayerNetwork net, Adam adam, List<Layer> layers, boolean twoThreads) {
        this.net = net;
        this.weightWorker = twoThreads ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "latent4j-weight-gradients");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.singleBlas = twoThreads ? BlasThreads.single() : null;
        this.adam = adam;
        this.layerCount = layers.size();
        this.sizes = new long[layerCount + 1];
        this.tanh = new boolean[layerCount];
        this.weights = new INDArray[layerCount];
        this.weightGradients = new INDArray[layerCount];
        this.biasOffsets = new int[layerCount];
        this.updateTaken = new AtomicIntegerArray(layerCount);
        this.forwardSplit = new int[layerCount];
        this.weightColumns = new INDArray[layerCount][];
        int n = Math.toIntExact(net.numParams());
        this.gradient = Nd4j.create(DataType.FLOAT, n);
        long offset = 0;
        for (int i = 0; i < layerCount; i++) {
            BaseLayer conf = (BaseLayer) layers.get(i).conf().getLayer();
            weights[i] = layers.get(i).getParam(DefaultParamInitializer.WEIGHT_KEY);
            sizes[i] = weights[i].size(0);
            sizes[i + 1] = weights[i].size(1);
            tanh[i] = conf.getActivationFn() instanceof ActivationTanH;
            int columns = (int) sizes[i + 1];
            // Narrow layers (the latent code) cost too little to split.
            forwardSplit[i] = twoThreads && columns >= MIN_SPLIT_COLUMNS ? columns / 2 : columns;
            weightColumns[i] = forwardSplit[i] < columns ? columnHalves(weights[i], forwardSplit[i]) : null;
            // The same flattened layout DL4J uses for parameters and gradients: W in 'f' order, then b.
            long wLength = weights[i].length();
            weightGradients[i] = gradient.get(NDArrayIndex.interval(offset, offset + wLength))
                    .reshape('f', sizes[i], sizes[i + 1]);
            offset += wLength;
            biasOffsets[i] = Math.toIntExact(offset);
            offset += sizes[i + 1];
        }
        INDArray flatParams = net.params();
        this.paramsBuffer = flatParams.data().asNioFloat();
        this.gradientBuffer = gradient.data().asNioFloat();
        this.params = new float[n];
        this.grad = new float[n];
        paramsBuffer.get(0, params);
        this.adamState = net.getUpdater(true).getStateViewArray().reshape(2L * n);
        this.firstMoment = new float[n];
        this.secondMoment = new float[n];
        FloatBuffer state = adamState.data().asNioFloat();
        state.get((int) adamState.offset(), firstMoment);
        state.get((int) adamState.offset() + n, secondMoment);
    }

    /**
     * A step for {@code net}, or empty when its configuration holds anything this step does not
     * compute exactly as DL4J does (then train with {@code fit}).
     */
    static Optional<DenseAdamStep> of(MultiLayerNetwork net) {
        return of(net, false);
    }

    /**
     * As {@link #of(MultiLayerNetwork)}; with {@code twoThreads} a second thread computes the
     * weight gradients and the Adam update while the caller's thread continues backpropagation.
     * The results are bit-for-bit the same either way: every value is computed by the same
     * operations in the same order, only on another thread.
     */
    static Optional<DenseAdamStep> of(MultiLayerNetwork net, boolean twoThreads) {
        return supportedAdam(net).map(adam -> new DenseAdamStep(net, adam, List.of(net.getLayers()), twoThreads));
    }

    private static Optional<Adam> supportedAdam(MultiLayerNetwork net) {
        INDArray flatParams = net.params();
        if (flatParams.dataType() != DataType.FLOAT || flatParams.offset() != 0
                || flatParams.data().length() != flatParams.length()) {
            return Optional.empty();
        }
        List<IUpdater> updaters = new ArrayList<>();
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            var conf = layers[i].conf().getLayer();
            boolean last = i == layers.length - 1;
            Class<?> expected = last ? OutputLayer.class : DenseLayer.class;
            if (conf.getClass() != expected) {
                return Optional.empty();
            }
            BaseLayer dense = (BaseLayer) conf;
            boolean tanhOrIdentity = dense.getActivationFn() instanceof ActivationTanH
                    || dense.getActivationFn() instanceof ActivationIdentity;
            if (!tanhOrIdentity || (last && !(dense.getActivationFn() instanceof ActivationIdentity))
                    || dense.getIDropout() != null || dense.getWeightNoise() != null || !isEmpty(dense.getConstraints())
                    || !isEmpty(dense.getRegularization()) || !isEmpty(dense.getRegularizationBias())
                    || (dense.getGradientNormalization() != null && dense.getGradientNormalization() != GradientNormalization.None)
                    || hasLayerNorm(dense) || !hasBias(dense)) {
                return Optional.empty();
            }
            if (last && !lossIsPlainMse((OutputLayer) conf)) {
                return Optional.empty();
            }
            updaters.add(dense.getIUpdater());
            updaters.add(dense.getBiasUpdater() == null ? dense.getIUpdater() : dense.getBiasUpdater());
        }
        IUpdater first = updaters.get(0);
        if (first.getClass() != Adam.class || !updaters.stream().allMatch(first::equals)
                || net.getLayerWiseConfigurations().getInputPreProcessors().size() > 0
                || !net.getLayerWiseConfigurations().getConf(0).isMiniBatch()) {
            return Optional.empty();
        }
        // One Adam block over all parameters: its state is [m for all | v for all].
        INDArray state = net.getUpdater(true).getStateViewArray();
        if (state == null || state.length() != 2 * flatParams.length() || state.dataType() != DataType.FLOAT) {
            return Optional.empty();
        }
        return Optional.of((Adam) first);
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private static boolean hasLayerNorm(BaseLayer conf) {
        return conf instanceof DenseLayer d && d.hasLayerNorm();
    }

    private static boolean hasBias(BaseLayer conf) {
        return conf instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) conf).hasBias();
    }

    private static boolean lossIsPlainMse(OutputLayer conf) {
        return conf.getLossFn() != null && conf.getLossFn().getClass() == LossMSE.class
                && ((LossMSE) conf.getLossFn()).getWeights() == null;
    }

    /**
     * Fits the network to reconstruct {@code x} (float32, one example per row) for one step.
     *
     * @return the batch's MSE before the update (what DL4J's {@code score()} reports after {@code fit}),
     *         a by-product of the output delta
     */
    double fit(INDArray x) {
        step(x, AdamStep.at(adam, net.getIterationCount(), net.getEpochCount()));
        net.setIterationCount(net.getIterationCount() + 1);
        return batchLoss;
    }

    /**
     * The last step's input and hidden layers' outputs, input first, as DL4J's {@code fit} gives
     * them to its listeners (without the output layer's); the arrays are reused by the next step.
     */
    List<INDArray> activations() {
        return List.of(activations).subList(0, layerCount);
    }

    /** The last step's gradient of the batch-mean loss, flattened in DL4J's order (reused by the next step). */
    INDArray lastGradient() {
        return gradient;
    }

    /**
     * The gradient of the batch-mean loss for reconstructing {@code x}, flattened in DL4J's
     * parameter order (a copy; the parameters are not changed).
     */
    INDArray gradient(INDArray x) {
        step(x, null);
        return gradient.dup();
    }

    /** How far the backward pass has got, per layer; the threads hand over through these. */
    private enum Stage {
        /** The layer's output delta is computed. */
        DELTA_READY,
        /** The input-gradient chain no longer reads the layer's weights. */
        WEIGHTS_FREE,
        /** The layer's weight and bias gradients are computed. */
        GRADIENT_READY
    }

    /**
     * Forward, backward and, unless {@code update} is null, the Adam update. With two threads the
     * caller's thread runs the input-gradient chain while {@link #weightWorker} computes the weight
     * gradients, and both then take the per-layer Adam updates as they become possible.
     */
    private void step(INDArray x, AdamStep update) {
        INDArray batch = x.ordering() == 'c' && !x.isView() ? x : x.dup('c');
        int rows = Math.toIntExact(batch.rows());
        prepare(rows);
        forward(batch);
        for (Stage stage : Stage.values()) {
            reached.set(stage.ordinal(), layerCount);
        }
        for (int i = 0; i < layerCount; i++) {
            updateTaken.set(i, 0);
        }
        if (weightWorker == null) {
            backward(batch, rows);
            weightGradients(update);
            return;
        }
        alongside(() -> weightGradients(update), () -> {
            backward(batch, rows);
            if (update != null) {
                for (int i = layerCount - 1; i >= 0 && await(Stage.GRADIENT_READY, i); i--) {
                    updateLayer(i, update);
                }
            }
        });
    }

    /**
     * Runs {@code workerPart} on the weight worker while {@code callerPart} runs on this thread,
     * and returns when both have; a failure on either side abandons the other's waits.
     */
    private void alongside(Runnable workerPart, Runnable callerPart) {
        abandoned = false;
        Future<?> worker = weightWorker.submit(() -> {
            try {
                workerPart.run();
            } catch (RuntimeException | Error e) {
                abandoned = true;
                throw e;
            }
        });
        boolean done = false;
        try {
            callerPart.run();
            worker.get();
            done = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a training step", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            if (!done) {
                abandoned = true;
            }
        }
    }

    /** The two column ranges of {@code matrix} either side of {@code split}, as views. */
    private static INDArray[] columnHalves(INDArray matrix, int split) {
        return new INDArray[] {matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(0, split)),
                matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(split, matrix.columns()))};
    }

    private void prepare(int rows) {
        if (rows == batchRows) {
            return;
        }
        batchRows = rows;
        activations = new INDArray[layerCount + 1];
        activationBuffers = new FloatBuffer[layerCount + 1];
        activationValues = new float[layerCount + 1][];
        deltas = new INDArray[layerCount + 1];
        deltaBuffers = new FloatBuffer[layerCount + 1];
        deltaValues = new float[layerCount + 1][];
        input = new float[Math.toIntExact(rows * sizes[0])];
        for (int i = 1; i <= layerCount; i++) {
            activations[i] = Nd4j.create(DataType.FLOAT, new long[] {rows, sizes[i]}, 'f');
            activationBuffers[i] = activations[i].data().asNioFloat();
            activationValues[i] = new float[Math.toIntExact(rows * sizes[i])];
            deltas[i] = Nd4j.create(DataType.FLOAT, new long[] {rows, sizes[i]}, 'f');
            deltaBuffers[i] = deltas[i].data().asNioFloat();
            deltaValues[i] = new float[Math.toIntExact(rows * sizes[i])];
        }
        activationColumns = new INDArray[layerCount + 1][];
        for (int i = 1; i <= layerCount; i++) {
            if (forwardSplit[i - 1] < sizes[i]) {
                activationColumns[i] = columnHalves(activations[i], forwardSplit[i - 1]);
            }
        }
    }

    /**
     * GEMMs in ND4J; bias and activation as one Java pass over a heap copy, which costs a tenth
     * of libnd4j's separate broadcast-add and tanh ops at these sizes. With two threads each
     * computes half of every wide layer's output columns (contiguous in 'f' order), and a layer
     * starts once both halves of the one before it are done.
     */
    private void forward(INDArray x) {
        activations[0] = x;
        if (weightWorker == null) {
            // One thread: no layer is split, so half 0 is every column.
            forwardHalf(0);
            return;
        }
        forwardLayersDone.set(0, 0);
        forwardLayersDone.set(1, 0);
        alongside(() -> forwardHalf(1), () -> forwardHalf(0));
    }

    /**
     * Half {@code half} (0: the caller's, 1: the worker's) of every layer's output columns. A
     * layer waits for the other half of the layer before it, if that half had any columns.
     */
    private void forwardHalf(int half) {
        for (int i = 0; i < layerCount; i++) {
            int from = half == 0 ? 0 : forwardSplit[i];
            int to = half == 0 ? forwardSplit[i] : (int) sizes[i + 1];
            if (from < to) {
                if (i > 0 && hasColumns(1 - half, i - 1) && !awaitForward(1 - half, i)) {
                    return;
                }
                if (to - from == sizes[i + 1]) {
                    Nd4j.gemm(activations[i], weights[i], activations[i + 1], false, false, 1.0, 0.0);
                } else {
                    Nd4j.gemm(activations[i], weightColumns[i][half], activationColumns[i + 1][half],
                            false, false, 1.0, 0.0);
                }
                biasAndActivation(i, from, to);
            }
            forwardLayersDone.set(half, i + 1);
        }
    }

    /** Whether half {@code half} computes any of layer {@code layer}'s output columns. */
    private boolean hasColumns(int half, int layer) {
        return half == 0 ? forwardSplit[layer] > 0 : forwardSplit[layer] < sizes[layer + 1];
    }

    /** Waits until half {@code half} has finished {@code layers} layers; false if the step was abandoned. */
    private boolean awaitForward(int half, int layers) {
        return spinUntil(() -> forwardLayersDone.get(half) >= layers);
    }

    /** Bias and activation of layer {@code i}'s output columns {@code [from, to)}, on a heap copy. */
    private void biasAndActivation(int i, int from, int to) {
        float[] a = activationValues[i + 1];
        int offset = from * batchRows;
        int length = (to - from) * batchRows;
        activationBuffers[i + 1].get(offset, a, offset, length);
        for (int c = from; c < to; c++) {
            float bias = params[biasOffsets[i] + c];
            int start = c * batchRows;
            if (tanh[i]) {
                for (int k = start; k < start + batchRows; k++) {
                    a[k] = Tanh.of(a[k] + bias);
                }
            } else {
                for (int k = start; k < start + batchRows; k++) {
                    a[k] += bias;
                }
            }
        }
        activationBuffers[i + 1].put(offset, a, offset, length);
    }

    /**
     * Backpropagation of DL4J's MSE: d(loss)/d(output) = 2 (output - x) / columns, and DL4J's
     * updater divides the summed gradient by the rows of the batch; both are folded in here.
     * Weight gradients and input gradients are GEMMs; everything else runs on the heap copies.
     */
    private void backward(INDArray x, int rows) {
        int columns = (int) sizes[layerCount];
        x.data().asNioFloat().get(0, input);
        float scale = (float) (2.0 / ((double) columns * rows));
        float[] output = activationValues[layerCount];
        float[] outputDelta = deltaValues[layerCount];
        double squares = 0;
        for (int c = 0; c < columns; c++) {
            float column = 0;
            for (int r = 0; r < rows; r++) {
                int k = c * rows + r;
                float error = output[k] - input[r * columns + c];
                outputDelta[k] = error * scale;
                column += error * error;
            }
            squares += column;
        }
        batchLoss = squares / ((double) columns * rows);
        deltaBuffers[layerCount].put(0, outputDelta);
        reached.set(Stage.DELTA_READY.ordinal(), layerCount - 1);
        for (int i = layerCount - 1; i > 0; i--) {
            Nd4j.gemm(deltas[i + 1], weights[i], deltas[i], false, true, 1.0, 0.0);
            reached.set(Stage.WEIGHTS_FREE.ordinal(), i);
            if (tanh[i - 1]) {
                float[] previous = deltaValues[i];
                float[] a = activationValues[i];
                deltaBuffers[i].get(0, previous);
                // tanh'(z) = 1 - tanh(z)^2, from the stored activation.
                for (int k = 0; k < previous.length; k++) {
                    previous[k] *= 1 - a[k] * a[k];
                }
                deltaBuffers[i].put(0, previous);
            } else {
                deltaBuffers[i].get(0, deltaValues[i]);
            }
            reached.set(Stage.DELTA_READY.ordinal(), i - 1);
        }
        reached.set(Stage.WEIGHTS_FREE.ordinal(), 0);
    }

    /**
     * Layer by layer from the output: the weight and bias gradients once the layer's output delta
     * is ready, then, if {@code update} is given and no other thread has taken it, Adam on the
     * layer's parameters once the input-gradient chain no longer reads its weights.
     */
    private void weightGradients(AdamStep update) {
        for (int i = layerCount - 1; i >= 0; i--) {
            if (!await(Stage.DELTA_READY, i)) {
                return;
            }
            Nd4j.gemm(activations[i], deltas[i + 1], weightGradients[i], true, false, 1.0, 0.0);
            writeBiasGradient(i, deltaValues[i + 1]);
            reached.set(Stage.GRADIENT_READY.ordinal(), i);
            if (update != null) {
                if (!await(Stage.WEIGHTS_FREE, i)) {
                    return;
                }
                updateLayer(i, update);
            }
        }
    }

    /** Adam on layer {@code layer}'s weights and bias, unless another thread has taken it. */
    private void updateLayer(int layer, AdamStep update) {
        if (!updateTaken.compareAndSet(layer, 0, 1)) {
            return;
        }
        int start = biasOffsets[layer] - Math.toIntExact(sizes[layer] * sizes[layer + 1]);
        int end = biasOffsets[layer] + (int) sizes[layer + 1];
        // The bias gradient is already in grad (see writeBiasGradient); copy the weight gradient.
        gradientBuffer.get(start, grad, start, biasOffsets[layer] - start);
        update.apply(params, grad, firstMoment, secondMoment, start, end);
        paramsBuffer.put(start, params, start, end - start);
    }

    /**
     * Waits until the backward pass has reached {@code layer} at {@code stage}, spinning because
     * the waits are microseconds; false if the step was abandoned.
     */
    private boolean await(Stage stage, int layer) {
        return spinUntil(() -> reached.get(stage.ordinal()) <= layer);
    }

    /** Spins until {@code condition} holds (true) or the step is abandoned (false). */
    private boolean spinUntil(BooleanSupplier condition) {
        int spins = 0;
        while (!condition.getAsBoolean()) {
            if (abandoned) {
                return false;
            }
            if (++spins % 1024 == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
        return true;
    }

    /** The bias gradient of layer {@code layer}: its output delta summed over the batch. */
    private void writeBiasGradient(int layer, float[] delta) {
        int columns = (int) sizes[layer + 1];
        int offset = biasOffsets[layer];
        for (int c = 0; c < columns; c++) {
            float sum = 0;
            int start = c * batchRows;
            for (int k = start; k < start + batchRows; k++) {
                sum += delta[k];
            }
            grad[offset + c] = sum;
        }
        gradientBuffer.put(offset, grad, offset, columns);
    }

    /**
     * DL4J's Adam (libnd4j {@code adam_updater}) for one iteration: m = b1 m + (1-b1) g,
     * v = b2 v + (1-b2) g^2, params -= lr sqrt(1-b2^t) / (1-b1^t) * m / (sqrt(v) + eps), with
     * t = iteration + 1.
     */
    private record AdamStep(float alpha, float b1, float b2, float oneMinusB1, float oneMinusB2, float eps) {
        static AdamStep at(Adam adam, int iteration, int epoch) {
            double lr = adam.getLearningRate(iteration, epoch);
            double alpha = lr * Math.sqrt(1 - Math.pow(adam.getBeta2(), iteration + 1))
                    / (1 - Math.pow(adam.getBeta1(), iteration + 1));
            return new AdamStep((float) alpha, (float) adam.getBeta1(), (float) adam.getBeta2(),
                    (float) (1 - adam.getBeta1()), (float) (1 - adam.getBeta2()), (float) adam.getEpsilon());
        }

        void apply(float[] p, float[] g, float[] m, float[] v, int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float mi = b1 * m[i] + oneMinusB1 * gi;
                float vi = b2 * v[i] + oneMinusB2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                p[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
            }
        }
    }

    /** Writes the Adam moments back into the network's updater state. */
    @Override
    public void close() {
        if (weightWorker != null) {
            weightWorker.shutdownNow();
            singleBlas.close();
        }
        writeAdamState();
    }

    /** Copies Adam's moments back into the network's updater, e.g. before saving a checkpoint. */
    void writeAdamState() {
        FloatBuffer state = adamState.data().asNioFloat();
        state.put((int) adamState.offset(), firstMoment);
        state.put((int) adamState.offset() + firstMoment.length, secondMoment);
    }
}
