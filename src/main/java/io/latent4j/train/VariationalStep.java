package io.latent4j.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.LayerUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Collection;
import java.util.Optional;

/**
 * One training step of a network whose only layer is DL4J's {@code VariationalAutoencoder}: what
 * {@code MultiLayerNetwork.pretrainLayer(0, batch)} does (the layer's {@code computeGradientAndScore},
 * a {@code LayerUpdater} with the layer's Adam, parameters minus the update, listeners told), with
 * two differences that make a run exactly resumable:
 * <ul>
 *     <li>the updater keeps Adam's moments in the network's own updater state array, which model
 *     and checkpoint files store (the layer's own solver would keep them in an array of its own,
 *     which no file holds);</li>
 *     <li>ND4J's generator, which draws the layer's reparameterisation noise, is seeded from the
 *     run's seed and the iteration before each step, so a step's noise does not depend on what
 *     ran before it in the process.</li>
 * </ul>
 */
final class VariationalStep {
    private final VariationalAutoencoder vae;
    private final LayerUpdater updater;
    private final long seed;
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();

    private VariationalStep(VariationalAutoencoder vae, LayerUpdater updater, long seed) {
        this.vae = vae;
        this.updater = updater;
        this.seed = seed;
    }

    /**
     * The step for {@code net} if it is a variational autoencoder.
     *
     * @param fresh true when training starts (Adam's moments are zeroed), false when it continues
     *              from a network whose updater state was restored
     */
    static Optional<VariationalStep> of(MultiLayerNetwork net, long seed, boolean fresh) {
        if (net.getnLayers() != 1 || !(net.getLayer(0) instanceof VariationalAutoencoder vae)) {
            return Optional.empty();
        }
        if (net.getGradientsViewArray() == null) {
            net.initGradientsView();
        }
        INDArray state = net.getUpdater().getStateViewArray();
        if (fresh && state != null) {
            state.assign(0);
        }
        return Optional.of(new VariationalStep(vae, new LayerUpdater(vae, state), seed));
    }

    /** The seed of ND4J's generator for the step at {@code iteration}. */
    static long noiseSeed(long seed, int iteration) {
        return seed * 0x9E3779B97F4A7C15L + iteration;
    }

    /** Fits one batch as step {@code iteration}; returns the batch's negative ELBO before the update. */
    double fit(INDArray batch, int iteration) {
        Nd4j.getRandom().setSeed(noiseSeed(seed, iteration));
        vae.setInput(batch, workspaces);
        vae.computeGradientAndScore(workspaces);
        Gradient gradient = vae.gradient();
        double score = vae.score();
        int epoch = vae.conf().getEpochCount();
        updater.update(vae, gradient, iteration, epoch, (int) batch.rows(), workspaces);
        INDArray params = vae.params();
        params.subi(gradient.gradient().reshape(gradient.gradient().length()));
        vae.setParams(params);
        Collection<TrainingListener> listeners = vae.getListeners();
        if (listeners != null) {
            for (TrainingListener listener : listeners) {
                listener.iterationDone(vae, iteration, epoch);
            }
        }
        vae.conf().setIterationCount(iteration + 1);
        vae.setInput(null, workspaces);
        return score;
    }

    /** The layer trained, for callers that measure it. */
    Layer layer() {
        return vae;
    }
}
