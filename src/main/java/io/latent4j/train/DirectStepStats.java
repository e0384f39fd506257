package io.latent4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.BaseStatsListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * DL4J's training-UI listeners ({@link BaseStatsListener}) fed from the direct step, with the
 * calls and values {@code fit} would give them, so watching training keeps the fast step: every
 * step ends with {@code iterationDone} and the step's score; at the steps where the listener
 * samples activations and gradients (right after each report, and at the first step) it gets the
 * step's layer outputs and its raw gradient (DL4J's, before the updater divides it by the batch);
 * at the steps it reports, the network's gradient holds the step's update, as after {@code fit}.
 * The listeners only read: parameters and results are the same as without them, bit for bit.
 *
 * <p>Only loaded when every listener is such a stats listener: the UI module is optional.
 */
final class DirectStepStats {
    private final MultiLayerNetwork net;
    private final List<BaseStatsListener> listeners;
    private final int every;
    private final INDArray paramsBefore;
    private boolean first = true;

    private DirectStepStats(MultiLayerNetwork net, List<BaseStatsListener> listeners, int every) {
        this.net = net;
        this.listeners = listeners;
        this.every = every;
        this.paramsBefore = net.params().dup();
    }

    /**
     * A feed for the network's listeners, all stats listeners, when they share one reporting
     * frequency; empty otherwise (the caller then trains with DL4J's {@code fit}).
     *
     * @param x the batch array the steps will read, set as the network's input for the listener's
     *          example counts
     */
    static Optional<DirectStepStats> of(MultiLayerNetwork net, INDArray x) {
        Collection<TrainingListener> attached = net.getListeners();
        List<BaseStatsListener> stats = new ArrayList<>();
        for (TrainingListener listener : attached) {
            stats.add((BaseStatsListener) listener);
        }
        int every = stats.get(0).getUpdateConfig().reportingFrequency();
        if (every < 1 || !stats.stream().allMatch(l -> l.getUpdateConfig().reportingFrequency() == every)) {
            return Optional.empty();
        }
        // The listeners read model.gradient(); DL4J creates it, as views of the network's gradient
        // array, on the first gradient computation. Done once here with the listeners detached.
        net.setListeners(List.of());
        net.setInput(x);
        net.setLabels(x);
        net.computeGradientAndScore();
        net.setListeners(attached);
        return Optional.of(new DirectStepStats(net, List.copyOf(stats), every));
    }

    /** Call before the step of {@code iteration} (the network's iteration count before it). */
    void beforeStep(int iteration) {
        if (reports(iteration)) {
            paramsBefore.assign(net.params());
        }
    }

    /** Call after the step of {@code iteration}, with the step and the loss it returned. */
    void afterStep(DenseAdamStep step, int iteration, double loss, long rows) {
        // The listener samples when its last reported iteration (the previous one) is a multiple of its frequency.
        if (first || (iteration - 1) % every == 0) {
            List<INDArray> activations = step.activations();
            INDArray gradients = net.getGradientsViewArray();
            gradients.assign(step.lastGradient()).muli(rows);
            for (BaseStatsListener listener : listeners) {
                listener.onForwardPass(net, activations);
                listener.onGradientCalculation(net);
            }
        }
        if (reports(iteration)) {
            net.getGradientsViewArray().assign(paramsBefore).subi(net.params());
        }
        net.setScore(loss);
        for (BaseStatsListener listener : listeners) {
            listener.iterationDone(net, iteration, net.getEpochCount());
        }
        first = false;
    }

    private boolean reports(int iteration) {
        return iteration != 0 && iteration % every == 0;
    }
}
