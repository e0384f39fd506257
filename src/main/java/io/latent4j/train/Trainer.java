package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.ModelCard.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tutorial's training loop: each step fits one batch of rows drawn uniformly at random with
 * replacement, from a generator seeded by the config, so a seed fixes the whole run.
 */
public final class Trainer {
    /** How many times worse than predicting zeros a loss may be before the run counts as diverged. */
    static final double DIVERGENCE_FACTOR = 1000;
    private final AutoencoderConfig config;
    private final TrainingProgress progress;

    public Trainer(AutoencoderConfig config, TrainingProgress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * What a finished loop produced besides the trained parameters.
     *
     * @param lossLog     every logged loss, including those of a run it resumed
     * @param seconds     training time, including that of a run it resumed
     * @param stoppedAt   the next iteration to run if stopped early, else the total
     */
    public record Result(List<LossPoint> lossLog, double seconds, int stoppedAt) {
        public Result {
            lossLog = List.copyOf(lossLog);
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
     * {@code net}), saving checkpoints as {@code checkpointing} says. Batches are drawn from the
     * same generator sequence either way, so a resumed run ends with the same parameters as an
     * uninterrupted one.
     */
    public Result train(MultiLayerNetwork net, INDArray pixels, Checkpoint resumeFrom, Checkpointing checkpointing)
            throws IOException {
        int rows = Math.toIntExact(pixels.rows());
        if (rows == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        Random random = resumeFrom != null ? resumeFrom.random() : new Random(config.seed());
        int first = resumeFrom != null ? resumeFrom.nextIteration() : 0;
        double earlierSeconds = resumeFrom != null ? resumeFrom.seconds() : 0;
        int[] batch = new int[config.batchSize()];
        List<LossPoint> log = new ArrayList<>(resumeFrom != null ? resumeFrom.lossLog() : List.of());
        long start = System.nanoTime();
        for (int it = first; it < config.iterations(); it++) {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = random.nextInt(rows);
            }
            INDArray x = Nd4j.pullRows(pixels, 1, batch);
            net.fit(x, x);
            double seconds = earlierSeconds + (System.nanoTime() - start) / 1e9;
            if (it % config.logEvery() == 0 || it == config.iterations() - 1) {
                double loss = checkedLoss(net, x, it);
                log.add(new LossPoint(it, loss));
                progress.report(it, config.iterations(), loss, seconds);
            }
            boolean stop = checkpointing.stop().get() && it + 1 < config.iterations();
            if (checkpointing.file() != null && (stop || checkpointing.due(it + 1))) {
                // A diverged network must never replace the last good checkpoint.
                checkedLoss(net, x, it);
                new Checkpoint(it + 1, random, log, seconds, config).save(net, checkpointing.file());
            }
            if (stop) {
                return new Result(log, seconds, it + 1);
            }
        }
        return new Result(log, earlierSeconds + (System.nanoTime() - start) / 1e9, config.iterations());
    }

    /**
     * The batch loss, or a {@link TrainingDivergedException} when it is not finite or more than
     * {@link #DIVERGENCE_FACTOR} times the loss of predicting all zeros (the batch's mean square):
     * a run that far off has blown up, even if float arithmetic has not overflowed yet.
     */
    private static double checkedLoss(MultiLayerNetwork net, INDArray x, int iteration) {
        double loss = batchLoss(net, x);
        double zeroPredictor = x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).norm2Number().doubleValue();
        zeroPredictor = zeroPredictor * zeroPredictor / x.length();
        if (!Double.isFinite(loss) || loss > DIVERGENCE_FACTOR * Math.max(zeroPredictor, 1e-12)) {
            throw new TrainingDivergedException(iteration, loss);
        }
        return loss;
    }

    /** The tutorial's printed cost: the updated network's MSE on the batch it just fitted. */
    private static double batchLoss(MultiLayerNetwork net, INDArray x) {
        return ReconstructionMetrics.measure(x, new int[(int) x.rows()], net::output).mse();
    }
}
