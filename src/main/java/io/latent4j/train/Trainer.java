package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.ModelCard.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tutorial's training loop: each step fits one batch of rows drawn uniformly at random with
 * replacement, from a generator seeded by the config, so a seed fixes the whole run.
 */
public final class Trainer {
    private final AutoencoderConfig config;
    private final TrainingProgress progress;

    public Trainer(AutoencoderConfig config, TrainingProgress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** What a finished loop produced besides the trained parameters. */
    public record Result(List<LossPoint> lossLog, double seconds) {
        public Result {
            lossLog = List.copyOf(lossLog);
        }

        public double msPerIteration(int iterations) {
            return seconds * 1000.0 / iterations;
        }
    }

    /** Trains {@code net} in place on the rows of {@code pixels}. */
    public Result train(MultiLayerNetwork net, INDArray pixels) {
        int rows = Math.toIntExact(pixels.rows());
        if (rows == 0) {
            throw new IllegalArgumentException("no training rows");
        }
        Random random = new Random(config.seed());
        int[] batch = new int[config.batchSize()];
        List<LossPoint> log = new ArrayList<>();
        long start = System.nanoTime();
        for (int it = 0; it < config.iterations(); it++) {
            for (int k = 0; k < batch.length; k++) {
                batch[k] = random.nextInt(rows);
            }
            INDArray x = Nd4j.pullRows(pixels, 1, batch);
            net.fit(x, x);
            progress.step(it, config.iterations(), net.score(), (System.nanoTime() - start) / 1e9);
            if (it % config.logEvery() == 0 || it == config.iterations() - 1) {
                double loss = batchLoss(net, x);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(it, loss);
                }
                log.add(new LossPoint(it, loss));
                progress.report(it, config.iterations(), loss, (System.nanoTime() - start) / 1e9);
            }
        }
        return new Result(log, (System.nanoTime() - start) / 1e9);
    }

    /** The tutorial's printed cost: the updated network's MSE on the batch it just fitted. */
    private static double batchLoss(MultiLayerNetwork net, INDArray x) {
        return ReconstructionMetrics.measure(x, new int[(int) x.rows()], net::output).mse();
    }
}
