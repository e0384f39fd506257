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
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    private final INDArray[] biases;
    private final INDArray[] weightGradients;
    private final INDArray[] biasGradients;
    private final INDArray gradient;
    private final FloatBuffer gradientBuffer;
    private final FloatBuffer paramsBuffer;
    private final float[] params;
    private final float[] grad;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private final INDArray adamState;

    private int batchRows = -1;
    private INDArray[] activations;
    private INDArray[] deltas;
    private INDArray[] scratch;

    private DenseAdamStep(MultiLayerNetwork net, Adam adam, List<Layer> layers) {
        this.net = net;
        this.adam = adam;
        this.layerCount = layers.size();
        this.sizes = new long[layerCount + 1];
        this.tanh = new boolean[layerCount];
        this.weights = new INDArray[layerCount];
        this.biases = new INDArray[layerCount];
        this.weightGradients = new INDArray[layerCount];
        this.biasGradients = new INDArray[layerCount];
        int n = Math.toIntExact(net.numParams());
        this.gradient = Nd4j.create(DataType.FLOAT, n);
        long offset = 0;
        for (int i = 0; i < layerCount; i++) {
            BaseLayer conf = (BaseLayer) layers.get(i).conf().getLayer();
            weights[i] = layers.get(i).getParam(DefaultParamInitializer.WEIGHT_KEY);
            biases[i] = layers.get(i).getParam(DefaultParamInitializer.BIAS_KEY);
            sizes[i] = weights[i].size(0);
            sizes[i + 1] = weights[i].size(1);
            tanh[i] = conf.getActivationFn() instanceof ActivationTanH;
            // The same flattened layout DL4J uses for parameters and gradients: W in 'f' order, then b.
            long wLength = weights[i].length();
            weightGradients[i] = gradient.get(NDArrayIndex.interval(offset, offset + wLength))
                    .reshape('f', sizes[i], sizes[i + 1]);
            offset += wLength;
            biasGradients[i] = gradient.get(NDArrayIndex.interval(offset, offset + sizes[i + 1])).reshape(1, sizes[i + 1]);
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
        return supportedAdam(net).map(adam -> new DenseAdamStep(net, adam, List.of(net.getLayers())));
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

    /** Fits the network to reconstruct {@code x} (float32, one example per row) for one step. */
    void fit(INDArray x) {
        computeGradient(x);
        adamUpdate();
        net.setIterationCount(net.getIterationCount() + 1);
    }

    /**
     * The gradient of the batch-mean loss for reconstructing {@code x}, flattened in DL4J's
     * parameter order (a copy; the parameters are not changed).
     */
    INDArray gradient(INDArray x) {
        computeGradient(x);
        return gradient.dup();
    }

    private void computeGradient(INDArray x) {
        int rows = Math.toIntExact(x.rows());
        prepare(rows);
        forward(x);
        backward(x, rows);
    }

    private void prepare(int rows) {
        if (rows == batchRows) {
            return;
        }
        batchRows = rows;
        activations = new INDArray[layerCount + 1];
        deltas = new INDArray[layerCount + 1];
        scratch = new INDArray[layerCount + 1];
        for (int i = 1; i <= layerCount; i++) {
            activations[i] = Nd4j.create(DataType.FLOAT, new long[] {rows, sizes[i]}, 'f');
            deltas[i] = Nd4j.create(DataType.FLOAT, new long[] {rows, sizes[i]}, 'f');
            scratch[i] = Nd4j.create(DataType.FLOAT, new long[] {rows, sizes[i]}, 'f');
        }
    }

    private void forward(INDArray x) {
        activations[0] = x;
        for (int i = 0; i < layerCount; i++) {
            INDArray z = activations[i + 1];
            Nd4j.gemm(activations[i], weights[i], z, false, false, 1.0, 0.0);
            z.addiRowVector(biases[i]);
            if (tanh[i]) {
                Transforms.tanh(z, false);
            }
        }
    }

    /**
     * Backpropagation of DL4J's MSE: d(loss)/d(output) = 2 (output - x) / columns, and DL4J's
     * updater divides the summed gradient by the rows of the batch; both are folded in here.
     */
    private void backward(INDArray x, int rows) {
        INDArray delta = deltas[layerCount];
        activations[layerCount].sub(x, delta);
        delta.muli(2.0 / ((double) sizes[layerCount] * rows));
        for (int i = layerCount - 1; i >= 0; i--) {
            delta = deltas[i + 1];
            Nd4j.gemm(activations[i], delta, weightGradients[i], true, false, 1.0, 0.0);
            delta.sum(biasGradients[i], 0);
            if (i > 0) {
                INDArray previous = deltas[i];
                Nd4j.gemm(delta, weights[i], previous, false, true, 1.0, 0.0);
                if (tanh[i - 1]) {
                    // tanh'(z) = 1 - tanh(z)^2, from the stored activation.
                    INDArray derivative = scratch[i];
                    activations[i].mul(activations[i], derivative).rsubi(1.0);
                    previous.muli(derivative);
                }
            }
        }
    }

    /**
     * DL4J's Adam (libnd4j {@code adam_updater}): m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2,
     * params -= lr sqrt(1-b2^t) / (1-b1^t) * m / (sqrt(v) + eps), with t = iteration + 1.
     */
    private void adamUpdate() {
        int iteration = net.getIterationCount();
        double lr = adam.getLearningRate(iteration, net.getEpochCount());
        double beta1 = adam.getBeta1();
        double beta2 = adam.getBeta2();
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, iteration + 1)) / (1 - Math.pow(beta1, iteration + 1)));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float eps = (float) adam.getEpsilon();
        gradientBuffer.get(0, grad);
        float[] p = params;
        float[] g = grad;
        float[] m = firstMoment;
        float[] v = secondMoment;
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + oneMinusB1 * gi;
            float vi = b2 * v[i] + oneMinusB2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
        paramsBuffer.put(0, p);
    }

    /** Writes the Adam moments back into the network's updater state. */
    @Override
    public void close() {
        writeAdamState();
    }

    /** Copies Adam's moments back into the network's updater, e.g. before saving a checkpoint. */
    void writeAdamState() {
        FloatBuffer state = adamState.data().asNioFloat();
        state.put((int) adamState.offset(), firstMoment);
        state.put((int) adamState.offset() + firstMoment.length, secondMoment);
    }
}
