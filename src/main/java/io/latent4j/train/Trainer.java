package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.ModelCard.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The training loop: each step fits one batch of rows chosen by the config's {@link
 * io.latent4j.config.Sampling} from a generator seeded by the config, so a seed fixes the whole
 * run. Rows are gathered into one reused batch array. The loop can save {@link Checkpoint}s and
 * continue from one to exactly the parameters an uninterrupted run reaches.
 */
public final class Trainer {
    /** How many times worse than predicting zeros a loss may be before the run counts as diverged. */
    static final double DIVERGENCE_FACTOR = 1000;

    /** What computes each step. */
    private static final String STATS_LISTENER = "org.deeplearning4j.ui.model.stats.BaseStatsListener";

    public enum Engine {
        /**
         * latent4j's direct dense step (same math as DL4J's {@code fit}, about 2.5x faster on the
         * tutorial net) when the network's configuration allows it and its DL4J listeners, if any,
         * are all training-UI stats listeners (the step feeds them), else DL4J's {@code fit}.
         */
        DIRECT,
        /** Always DL4J's {@code MultiLayerNetwork.fit}. */
        DL4J
    }

    private final AutoencoderConfig config;
    private final TrainingProgress progress;
    private final Engine engine;
    private final int threads;

    public Trainer(AutoencoderConfig config, TrainingProgress progress) {
        this(config, progress, Engine.DIRECT, 1);
    }

    public Trainer(AutoencoderConfig config, TrainingProgress progress, Engine engine) {
        this(config, progress, engine, 1);
    }

    /**
     * @param threads with the direct step, 2 or more lets a second thread compute the weight
     *                gradients and the Adam update while the first continues backpropagation
     *                (the same results, bit for bit); ignored by DL4J's {@code fit}, whose
     *                threads are ND4J's
     */
    public Trainer(AutoencoderConfig config, TrainingProgress progress, Engine engine, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.config = config;
        this.progress = progress;
        this.engine = engine;
        this.threads = threads;
    }

    /**
     * What a finished loop produced besides the trained parameters.
     *
     * @param lossLog    every logged loss, including those of a run it resumed
     * @param stepLosses the MSE (a variational autoencoder: the negative ELBO) of each batch of this run
     *                   before its update, one per step taken (a resumed run's first entry is its first
     *                   step after the checkpoint)
     * @param seconds    training time (not counting progress reports), including that of a run it resumed
     * @param engine     the engine that actually computed the steps
     * @param stoppedAt  the next iteration to run if stopped early, else the total
     */
    public record Result(List<LossPoint> lossLog, float[] stepLosses, double seconds, Engine engine, int stoppedAt) {
        public Result {
            lossLog = List.copyOf(lossLog);
            stepLosses = stepLosses.clone();
        }

        /** The per-step losses as points, numbered by iteration. */
        public List<LossPoint> stepLossPoints() {
            int first = stoppedAt - stepLosses.length;
            List<LossPoint> points = new ArrayList<>(stepLosses.length);
            for (int i = 0; i < stepLosses.length; i++) {
                points.add(new LossPoint(first + i, stepLosses[i]));
            }
            return points;
        }

        public double msPerIteration(int iterations) {
            return seconds * 1000.0 / iterations;
        }
    }

    /** Trains {@code net} in place on the rows of {@code pixels}. */
    public Result train(MultiLayerNetwork net, INDArray pixels) {
        try {
            return train(net, pixels, null, Checkpointing.none());
        } catch (IOException e) {
            throw new UncheckedIOException("no checkpoints are written, so this cannot happen", e);
        }
    }

    /**
     * Trains {@code net} in place, continuing {@code resumeFrom} if given (its network must be
     * {@code net}), saving checkpoints as {@code checkpointing} says. Batches come from the same
     * generator sequence either way, so a resumed run ends with the same parameters as an
     * uninterrupted one.
     */
    public Result train(MultiLayerNetwork net, INDArray pixels, Checkpoint resumeFrom, Checkpointing checkpointing)
            throws IOException {
        int rows = Math.toIntExact(pixels.rows());
        if (rows == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        INDArray asFloat = pixels.castTo(DataType.FLOAT);
        // BatchGather copies whole rows out of the buffer: it needs row-major data starting at 0.
        INDArray source = asFloat.ordering() == 'c' && !asFloat.isView() ? asFloat : asFloat.dup('c');
        BatchSampler sampler = resumeFrom != null ? resumeFrom.sampler()
                : new BatchSampler(config.schedule().sampling(), rows, config.seed());
        // A resumed checkpoint comes from a file: rows past the data's end would be copied from outside its buffer.
        if (sampler.rows() != rows) {
            throw new IllegalArgumentException("the checkpoint samples " + sampler.rows() + " training rows, this data has "
                    + rows);
        }
        if (config.architecture().encoderSizes().get(0) != source.columns()) {
            throw new IllegalArgumentException("the network takes rows of " + config.architecture().encoderSizes().get(0)
                    + " values, this data has " + source.columns());
        }
        int first = resumeFrom != null ? resumeFrom.nextIteration() : 0;
        double earlierSeconds = resumeFrom != null ? resumeFrom.seconds() : 0;
        int[] batch = new int[config.schedule().batchSize()];
        INDArray x = Nd4j.create(DataType.FLOAT, config.schedule().batchSize(), source.columns());
        BatchGather gather = new BatchGather(source, x);
        // The training UI's stats listeners are fed by the direct step; any other DL4J listener
        // sees only steps taken by DL4J's own fit. A variational autoencoder tells them itself.
        Optional<VariationalStep> variational = VariationalStep.of(net, config.seed(), resumeFrom == null);
        boolean listened = net.getListeners() != null && !net.getListeners().isEmpty();
        boolean statsOnly = listened && net.getListeners().stream().allMatch(Trainer::isStatsListener);
        Optional<DirectStepStats> stats = variational.isEmpty() && engine == Engine.DIRECT && statsOnly
                ? DirectStepStats.of(net, x) : Optional.empty();
        Optional<DenseAdamStep> direct = variational.isEmpty() && engine == Engine.DIRECT && (!listened || stats.isPresent())
                ? DenseAdamStep.of(net, threads >= 2) : Optional.empty();
        Engine used = direct.isPresent() ? Engine.DIRECT : Engine.DL4J;
        List<LossPoint> log = new ArrayList<>(resumeFrom != null ? resumeFrom.lossLog() : List.of());
        long reportingNanos = 0;
        float[] stepLosses = new float[config.schedule().iterations() - first];
        long start = System.nanoTime();
        try {
            for (int it = first; it < config.schedule().iterations(); it++) {
                sampler.next(batch);
                gather.rows(batch);
                double stepLoss;
                if (variational.isPresent()) {
                    stepLoss = variational.get().fit(x, it);
                } else if (direct.isPresent()) {
                    int iteration = net.getIterationCount();
                    if (stats.isPresent()) {
                        stats.get().beforeStep(iteration);
                    }
                    stepLoss = direct.get().fit(x);
                    if (stats.isPresent()) {
                        stats.get().afterStep(direct.get(), iteration, stepLoss, x.rows());
                    }
                } else {
                    net.fit(x, x);
                    stepLoss = net.score();
                }
                stepLosses[it - first] = (float) stepLoss;
                if (it % config.logEvery() == 0 || it == config.schedule().iterations() - 1) {
                    long reportStart = System.nanoTime();
                    double loss = checkedLoss(net, x, it);
                    log.add(new LossPoint(it, loss));
                    progress.report(it, config.schedule().iterations(), loss,
                            earlierSeconds + (reportStart - start - reportingNanos) / 1e9);
                    reportingNanos += System.nanoTime() - reportStart;
                }
                progress.step(it, config.schedule().iterations(), stepLoss,
                        earlierSeconds + (System.nanoTime() - start - reportingNanos) / 1e9);
                boolean stop = checkpointing.stop().get() && it + 1 < config.schedule().iterations();
                if (checkpointing.file() != null && (stop || checkpointing.due(it + 1))) {
                    long saveStart = System.nanoTime();
                    // A diverged network must never replace the last good checkpoint.
                    checkedLoss(net, x, it);
                    direct.ifPresent(DenseAdamStep::writeAdamState);
                    double seconds = earlierSeconds + (saveStart - start - reportingNanos) / 1e9;
                    new Checkpoint(it + 1, sampler, log, seconds, config).save(net, checkpointing.file());
                    reportingNanos += System.nanoTime() - saveStart;
                }
                if (stop) {
                    return new Result(log, Arrays.copyOf(stepLosses, it + 1 - first),
                            earlierSeconds + (System.nanoTime() - start - reportingNanos) / 1e9, used, it + 1);
                }
            }
        } finally {
            direct.ifPresent(DenseAdamStep::close);
        }
        return new Result(log, stepLosses, earlierSeconds + (System.nanoTime() - start - reportingNanos) / 1e9, used,
                config.schedule().iterations());
    }

    /**
     * Whether {@code listener} is one of DL4J's training-UI stats listeners, checked by name so
     * that training without the (optional) UI module never loads its classes.
     */
    private static boolean isStatsListener(TrainingListener listener) {
        for (Class<?> c = listener.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(STATS_LISTENER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies chosen rows of a row-major source into the batch array: bulk copies between the
     * arrays' buffers, about 10x cheaper than {@code Nd4j.pullRows} at 50 rows of 784.
     */
    private static final class BatchGather {
        private final FloatBuffer source;
        private final FloatBuffer target;
        private final float[] rows;
        private final int columns;

        BatchGather(INDArray source, INDArray target) {
            this.source = source.data().asNioFloat();
            this.target = target.data().asNioFloat();
            this.columns = Math.toIntExact(source.columns());
            this.rows = new float[Math.toIntExact(target.length())];
        }

        void rows(int[] indices) {
            for (int i = 0; i < indices.length; i++) {
                source.get(Math.multiplyExact(indices[i], columns), rows, i * columns, columns);
            }
            target.put(0, rows);
        }
    }

    /**
     * The batch loss, or a {@link TrainingDivergedException} when it is not finite or more than
     * {@link #DIVERGENCE_FACTOR} times the loss of predicting all zeros (the batch's mean square):
     * a run that far off has blown up, even if float arithmetic has not overflowed yet.
     */
    private static double checkedLoss(MultiLayerNetwork net, INDArray x, int iteration) {
        if (VariationalMetrics.layerOf(net).isPresent()) {
            // A variational autoencoder's loss is its negative ELBO; it has no zero-predictor scale.
            double negativeElbo = -VariationalMetrics.measure(net, x, 1, iteration).elbo();
            if (!Double.isFinite(negativeElbo)) {
                throw new TrainingDivergedException(iteration, negativeElbo);
            }
            return negativeElbo;
        }
        double loss = batchLoss(net, x);
        double norm = x.castTo(DataType.DOUBLE).norm2Number().doubleValue();
        double zeroPredictor = norm * norm / x.length();
        if (!Double.isFinite(loss) || loss > DIVERGENCE_FACTOR * Math.max(zeroPredictor, 1e-12)) {
            throw new TrainingDivergedException(iteration, loss);
        }
        return loss;
    }

    /** The tutorial's printed cost: the updated network's MSE on the batch it just fitted. */
    private static double batchLoss(MultiLayerNetwork net, INDArray x) {
        return ReconstructionMetrics.measure(x, new int[x.rows()], net::output).mse();
    }
}
