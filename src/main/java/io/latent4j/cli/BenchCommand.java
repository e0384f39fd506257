package io.latent4j.cli;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.Preset;
import io.latent4j.data.MnistSource;
import io.latent4j.data.TrainingData;
import io.latent4j.data.MnistFiles;
import io.latent4j.data.MnistLocator;
import io.latent4j.train.Benchmark;
import io.latent4j.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code bench}: training speed of the tutorial net and the fast preset's time to the tutorial's quality. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training speed on real MNIST: the float32 GEMM peak, ms/iteration, samples/s, "
                + "GFLOP/s and %% of that peak for the tutorial net at several batch sizes, and the training time "
                + "the fast preset needs to reach the tutorial's test MSE. Every figure is a median over runs."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batch-sizes", paramLabel = "N", split = ",", splitSynopsisLabel = ",", defaultValue = "50,256,1024",
            description = "Batch sizes to time (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Timed runs per batch size, each on a fresh network (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100",
            description = "Timed steps per run, after 10 untimed warm-up steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--peak-size", paramLabel = "N", defaultValue = "2048",
            description = "Side of the float32 GEMM that measures the peak (default: ${DEFAULT-VALUE}).")
    int peakSize;

    @Option(names = "--quality-runs", paramLabel = "N", defaultValue = "3",
            description = "Runs of the fast preset to time against --target-mse; 0 skips them (default: ${DEFAULT-VALUE}).")
    int qualityRuns;

    @Option(names = "--target-mse", paramLabel = "MSE", defaultValue = "0.0357",
            description = "Test MSE the fast preset must reach; the tutorial's (default: ${DEFAULT-VALUE}).")
    double targetMse;

    @Option(names = "--layers", paramLabel = "N", split = ",", splitSynopsisLabel = ",",
            description = "Encoder sizes from input to latent (default: the tutorial's 784,500,300,2).")
    List<Integer> encoderSizes;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "direct",
            description = "direct (latent4j's dense step, DL4J's fit where it does not apply) or dl4j (always "
                    + "MultiLayerNetwork.fit) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory with the four MNIST files, plain or .gz (default: $MNIST_DIR, then as for train).")
    Path dataDir;

    @Mixin
    CommonOptions common;

    private static final int WARMUP_ITERATIONS = 10;
    private static final int MNIST_PIXELS = 784;

    @Override
    public Integer call() throws Exception {
        validate();
        Trainer.Engine chosenEngine = engineValue();
        int threadCount = common.applyThreads(spec);
        AutoencoderConfig net = encoderSizes == null ? AutoencoderConfig.tutorial()
                : AutoencoderConfig.tutorial().withEncoderSizes(encoderSizes);
        PrintWriter out = spec.commandLine().getOut();
        MnistFiles files = MnistLocator.standard(dataDir, common.quiet ? line -> { } : out::println).locate();
        TrainingData data = MnistSource.load(files, MnistSource.TUTORIAL_DIGITS);
        Benchmark bench = new Benchmark(chosenEngine, threadCount);
        out.printf(Locale.ROOT, "Engine %s, %d thread(s), digits %s: %d training rows%n",
                chosenEngine.name().toLowerCase(Locale.ROOT), threadCount, MnistSource.TUTORIAL_DIGITS, data.train().count());

        Benchmark.GemmPeak peak = Benchmark.gemmPeak(peakSize, runs);
        out.printf(Locale.ROOT, "GEMM peak: float32 %dx%dx%d, median %.1f GFLOP/s over %d runs%n",
                peak.size(), peak.size(), peak.size(), peak.gflops(), peak.runs());
        out.printf(Locale.ROOT, "Network %s: %.2f MFLOP per sample (forward + backward)%n",
                join(net.architecture().layerSizes()), Benchmark.flopsPerSample(net.architecture().layerSizes()) / 1e6);
        out.printf(Locale.ROOT, "%6s %5s %11s %19s %11s %8s %9s%n",
                "batch", "runs", "ms/iter", "(min-max)", "samples/s", "GFLOP/s", "% of peak");
        for (int batchSize : batchSizes) {
            Benchmark.Throughput t = bench.throughput(net, data.train().features(), batchSize, runs,
                    WARMUP_ITERATIONS, iterations, peak.gflops());
            List<Double> ms = t.msPerIteration();
            out.printf(Locale.ROOT, "%6d %5d %11.2f %19s %11.0f %8.1f %8.0f%%%n", batchSize, t.runs(), t.medianMs(),
                    String.format(Locale.ROOT, "(%.2f-%.2f)", ms.get(0), ms.get(ms.size() - 1)),
                    t.samplesPerSecond(), t.gflops(), t.percentOfPeak());
        }
        if (qualityRuns > 0) {
            AutoencoderConfig fast = Preset.FAST.config().withEncoderSizes(net.architecture().encoderSizes());
            Benchmark.TimeToQuality q = bench.timeToQuality(fast, data.train(), data.test(), targetMse, qualityRuns);
            out.printf(Locale.ROOT, "fast preset (%d steps of %d, learning rate %s, Adam beta2 %s): test MSE <= %s "
                            + "after %s of training, median of %d/%d runs that got there (%s); final test MSE %s%n",
                    fast.schedule().iterations(), fast.schedule().batchSize(), fast.schedule().learningRate(),
                    fast.schedule().beta2(), targetMse,
                    Double.isNaN(q.medianSeconds()) ? "never" : String.format(Locale.ROOT, "%.2f s", q.medianSeconds()),
                    q.seconds().size(), q.runs(), formatList(q.seconds(), "%.2f s"), formatList(q.finalMse(), "%.5f"));
        }
        return 0;
    }

    private void validate() {
        CommandLine cli = spec.commandLine();
        if (runs < 1 || iterations < 1 || peakSize < 1 || qualityRuns < 0) {
            throw new CommandLine.ParameterException(cli,
                    "--runs, --iterations and --peak-size must be at least 1, --quality-runs at least 0");
        }
        if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b < 1)) {
            throw new CommandLine.ParameterException(cli, "--batch-sizes must be positive, got " + batchSizes);
        }
        if (!(targetMse > 0)) {
            throw new CommandLine.ParameterException(cli, "--target-mse must be positive, got " + targetMse);
        }
        if (encoderSizes != null) {
            if (encoderSizes.isEmpty() || encoderSizes.get(0) != MNIST_PIXELS) {
                throw new CommandLine.ParameterException(cli, "--layers must start with " + MNIST_PIXELS
                        + ", the MNIST image size, got " + encoderSizes);
            }
            try {
                AutoencoderConfig.tutorial().withEncoderSizes(encoderSizes);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, e.getMessage());
            }
        }
    }

    private Trainer.Engine engineValue() {
        try {
            return Trainer.Engine.valueOf(engine.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown engine '" + engine + "'; choose direct or dl4j");
        }
    }

    private static String formatList(List<Double> values, String format) {
        return values.stream().map(v -> String.format(Locale.ROOT, format, v)).collect(Collectors.joining(", "));
    }

    private static String join(List<Integer> sizes) {
        return sizes.stream().map(String::valueOf).collect(Collectors.joining("-"));
    }
}
