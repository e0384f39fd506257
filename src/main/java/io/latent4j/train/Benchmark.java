package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.data.LabeledRows;
import io.latent4j.model.AutoencoderArchitecture;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Training-speed measurements: the machine's float32 GEMM peak, the training throughput of a
 * network at given batch sizes, and the training time a configuration needs to reach a test MSE.
 * Every figure is a median over repeated runs, because the machines this runs on are shared.
 */
public final class Benchmark {
    private final Trainer.Engine engine;
    private final int threads;

    public Benchmark(Trainer.Engine engine) {
        this(engine, 1);
    }

    /** Measures training by {@code engine} with {@code threads} as in {@link Trainer#Trainer(AutoencoderConfig, TrainingProgress, Trainer.Engine, int)}. */
    public Benchmark(Trainer.Engine engine, int threads) {
        this.engine = engine;
        this.threads = threads;
    }

    /**
     * The machine's float32 GEMM rate on one {@code size x size x size} product.
     *
     * @param size    matrix side
     * @param runs    timed products (after one untimed)
     * @param gflops  median rate in GFLOP/s
     */
    public record GemmPeak(int size, int runs, double gflops) {
    }

    /**
     * Training throughput at one batch size.
     *
     * @param batchSize        rows per step
     * @param runs             timed runs, each on a freshly initialised network
     * @param iterations       timed steps per run (after untimed warm-up steps)
     * @param msPerIteration   per-run milliseconds per step, sorted
     * @param flopsPerSample   nominal forward+backward FLOPs per row (see {@link #flopsPerSample})
     * @param peakGflops       the GEMM peak the rate is compared with
     */
    public record Throughput(int batchSize, int runs, int iterations, List<Double> msPerIteration,
                             double flopsPerSample, double peakGflops) {
        public Throughput {
            msPerIteration = List.copyOf(msPerIteration);
        }

        public double medianMs() {
            return median(msPerIteration);
        }

        public double samplesPerSecond() {
            return batchSize * 1000.0 / medianMs();
        }

        public double gflops() {
            return samplesPerSecond() * flopsPerSample / 1e9;
        }

        public double percentOfPeak() {
            return 100.0 * gflops() / peakGflops;
        }
    }

    /**
     * Training time to reach a test MSE, over repeated runs of the same configuration.
     *
     * @param target      the test MSE to reach
     * @param runs        runs made
     * @param seconds     per run, training seconds until the test MSE first was at or below
     *                    {@code target} (evaluation time excluded), sorted; runs that never got
     *                    there are missing
     * @param finalMse    per run, the test MSE after the last step
     */
    public record TimeToQuality(double target, int runs, List<Double> seconds, List<Double> finalMse) {
        public TimeToQuality {
            seconds = List.copyOf(seconds);
            finalMse = List.copyOf(finalMse);
        }

        /** Median seconds over the runs that reached the target; NaN if none did. */
        public double medianSeconds() {
            return seconds.isEmpty() ? Double.NaN : median(seconds);
        }
    }

    /**
     * Nominal FLOPs per training row: forward, input gradient and weight gradient are one
     * multiply-add per weight each, so 3 x 2 x (weights). The direct step skips the first layer's
     * input gradient, so it does a little less work than this counts.
     */
    public static double flopsPerSample(List<Integer> layerSizes) {
        double weights = 0;
        for (int i = 0; i + 1 < layerSizes.size(); i++) {
            weights += (double) layerSizes.get(i) * layerSizes.get(i + 1);
        }
        return 6 * weights;
    }

    /** Times {@code runs} float32 GEMMs of side {@code size} after one warm-up product. */
    public static GemmPeak gemmPeak(int size, int runs) {
        INDArray a = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray b = Nd4j.rand(DataType.FLOAT, size, size);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {size, size}, 'f');
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            rates[r] = 2.0 * size * size * size / (System.nanoTime() - start);
        }
        return new GemmPeak(size, runs, median(Arrays.stream(rates).boxed().toList()));
    }

    /**
     * Trains {@code runs} fresh networks of {@code config}'s architecture on {@code pixels} at
     * {@code batchSize}, each for {@code warmup} untimed then {@code iterations} timed steps.
     */
    public Throughput throughput(AutoencoderConfig config, INDArray pixels, int batchSize, int runs, int warmup,
                                 int iterations, double peakGflops) {
        AutoencoderConfig timed = config.withBatchSize(batchSize).withIterations(iterations).withLogEvery(iterations);
        List<Double> ms = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(timed);
            if (warmup > 0) {
                new Trainer(timed.withIterations(warmup).withLogEvery(warmup), TrainingProgress.NONE, engine, threads)
                        .train(net, pixels);
            }
            ms.add(new Trainer(timed, TrainingProgress.NONE, engine, threads).train(net, pixels).msPerIteration(iterations));
        }
        return new Throughput(batchSize, runs, iterations, sorted(ms), flopsPerSample(config.architecture().layerSizes()), peakGflops);
    }

    /**
     * Trains {@code config} {@code runs} times and measures, every {@code config.logEvery()}
     * steps, the test MSE on {@code test}; records when it first reaches {@code target}.
     */
    public TimeToQuality timeToQuality(AutoencoderConfig config, LabeledRows train, LabeledRows test,
                                       double target, int runs) {
        List<Double> seconds = new ArrayList<>();
        List<Double> finalMse = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(config);
            double[] reachedAt = {Double.NaN};
            double[] lastMse = {Double.NaN};
            TrainingProgress evaluate = (it, total, loss, elapsed) -> {
                double mse = ReconstructionMetrics.measure(test.features(), test.labels(), net::output).mse();
                lastMse[0] = mse;
                if (mse <= target && Double.isNaN(reachedAt[0])) {
                    reachedAt[0] = elapsed;
                }
            };
            // The trainer also reports after the last step, so the final MSE is always measured.
            new Trainer(config, evaluate, engine, threads).train(net, train.features());
            if (!Double.isNaN(reachedAt[0])) {
                seconds.add(reachedAt[0]);
            }
            finalMse.add(lastMse[0]);
        }
        return new TimeToQuality(target, runs, sorted(seconds), finalMse);
    }

    private static List<Double> sorted(List<Double> values) {
        return values.stream().sorted().toList();
    }

    /** Median of a non-empty list (mean of the middle two for even sizes). */
    static double median(List<Double> values) {
        List<Double> s = sorted(values);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
