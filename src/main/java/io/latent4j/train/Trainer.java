package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.ModelCard.LossPoint;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The training loop: each step fits one batch of rows chosen by the config's {@link
 * io.latent4j.config.Sampling} from a generator seeded by the config, so a seed fixes the whole
 * run. Rows are gathered into one reused batch array.
 */
public final class Trainer {

    /** What computes each step. */
    public enum Engine {
        /**
         * latent4j's direct dense step (same math as DL4J's {@code fit}, about 2.5x faster on the
         * tutorial net) when the network's configuration allows it, else DL4J's {@code fit}.
         */
        DIRECT,
        /** Always DL4J's {@code MultiLayerNetwork.fit}. */
        DL4J
    }

    private final AutoencoderConfig config;
    private final TrainingProgress progress;
    private final Engine engine;

    public Trainer(AutoencoderConfig config, TrainingProgress progress) {
        this(config, progress, Engine.DIRECT);
    }

    public Trainer(AutoencoderConfig config, TrainingProgress progress, Engine engine) {
        this.config = config;
        this.progress = progress;
        this.engine = engine;
    }

    /**
     * What a finished loop produced besides the trained parameters.
     *
     * @param lossLog the logged batch losses
     * @param seconds training time, not counting the time spent in progress reports
     * @param engine  the engine that actually computed the steps
     */
    public record Result(List<LossPoint> lossLog, double seconds, Engine engine) {
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
        INDArray source = pixels.dataType() == DataType.FLOAT ? pixels : pixels.castTo(DataType.FLOAT);
        BatchSampler sampler = new BatchSampler(config.sampling(), rows, config.seed());
        int[] batch = new int[config.batchSize()];
        INDArray x = Nd4j.create(DataType.FLOAT, config.batchSize(), source.columns());
        Optional<DenseAdamStep> direct = engine == Engine.DIRECT ? DenseAdamStep.of(net) : Optional.empty();
        List<LossPoint> log = new ArrayList<>();
        long reportingNanos = 0;
        long start = System.nanoTime();
        try {
            for (int it = 0; it < config.iterations(); it++) {
                sampler.next(batch);
                Nd4j.pullRows(source, x, 1, batch);
                if (direct.isPresent()) {
                    direct.get().fit(x);
                } else {
                    net.fit(x, x);
                }
                if (it % config.logEvery() == 0 || it == config.iterations() - 1) {
                    long reportStart = System.nanoTime();
                    double loss = batchLoss(net, x);
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(it, loss);
                    }
                    log.add(new LossPoint(it, loss));
                    progress.report(it, config.iterations(), loss, (reportStart - start - reportingNanos) / 1e9);
                    reportingNanos += System.nanoTime() - reportStart;
                }
            }
        } finally {
            direct.ifPresent(DenseAdamStep::close);
        }
        double seconds = (System.nanoTime() - start - reportingNanos) / 1e9;
        return new Result(log, seconds, direct.isPresent() ? Engine.DIRECT : Engine.DL4J);
    }

    /** The tutorial's printed cost: the updated network's MSE on the batch it just fitted. */
    private static double batchLoss(MultiLayerNetwork net, INDArray x) {
        return ReconstructionMetrics.measure(x, new int[(int) x.rows()], net::output).mse();
    }
}
