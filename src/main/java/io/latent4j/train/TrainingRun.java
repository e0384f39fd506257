package io.latent4j.train;

import io.latent4j.Autoencoder;
import io.latent4j.ModelLoadException;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.Sampling;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.MnistFiles;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.BuildInfo;
import io.latent4j.model.ModelCard;
import io.latent4j.model.ModelStore;
import io.latent4j.viz.ReportExporter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * One complete training job: load the chosen digits, train, evaluate against the PCA baseline,
 * and save the model with its card. Reports its steps as lines to a consumer.
 */
public final class TrainingRun {

    /**
     * @param config   what to train
     * @param preset   the preset name the config started from, recorded in the card
     * @param modelOut where the model goes; the card goes beside it with a {@code .json} suffix
     * @param threads  threads in use (see {@link Trainer}), recorded in the card
     * @param saveUpdater keep Adam's state in the saved model, so training can continue from it
     * @param exportDir   where to write the tutorial's figures and report, or null for none
     * @param checkpointing when to save checkpoints, and the early-stop flag
     * @param resume      a checkpoint to continue, or null to start afresh
     */
    public record Options(AutoencoderConfig config, String preset, Path modelOut, int threads, boolean saveUpdater,
                          Path exportDir, Checkpointing checkpointing, Checkpoint.Loaded resume) {
        /** A fresh run without checkpoints. */
        public Options(AutoencoderConfig config, String preset, Path modelOut, int threads, boolean saveUpdater,
                       Path exportDir) {
            this(config, preset, modelOut, threads, saveUpdater, exportDir, Checkpointing.none(), null);
        }
    }

    /**
     * What a run wrote. When it was stopped early, only the checkpoint exists: {@code card},
     * {@code model} and {@code cardFile} are null and {@code stoppedAt} says where it stopped.
     */
    public record Outcome(ModelCard card, Path model, Path cardFile, MultiLayerNetwork network, int stoppedAt) {
        public boolean complete() {
            return card != null;
        }
    }

    private final Consumer<String> out;
    private final TrainingProgress progress;
    private final List<TrainingListener> listeners;

    public TrainingRun(Consumer<String> out, TrainingProgress progress) {
        this(out, progress, List.of());
    }

    /**
     * @param listeners DL4J listeners attached to the network while it trains (not during evaluation),
     *                  for example the training UI's {@code StatsListener}
     */
    public TrainingRun(Consumer<String> out, TrainingProgress progress, List<TrainingListener> listeners) {
        this.out = out;
        this.progress = progress;
        this.listeners = List.copyOf(listeners);
    }

    public Outcome run(Options options, MnistFiles files) throws IOException {
        // Training runs on one core (see NativeThreads); on a 2-core machine the other one loads the
        // test split and builds the network while the main thread loads the training split, fits
        // the PCA baseline while the network trains, and draws the figures while the main thread
        // measures and saves the model.
        ExecutorService helper = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "latent4j-helper");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return run(options, files, helper);
        } finally {
            helper.shutdownNow();
        }
    }

    private Outcome run(Options options, MnistFiles files, ExecutorService helper) throws IOException {
        AutoencoderConfig config = options.config();
        Future<LabeledRows> testSplit = helper.submit(() -> MnistDigits.loadTest(files, config.digits()));
        // Initialisation draws from ND4J's per-thread generator, seeded from the config: the same
        // parameters on any thread.
        Future<MultiLayerNetwork> fresh = options.resume() != null ? null
                : helper.submit(() -> AutoencoderArchitecture.newAutoencoder(config));
        LabeledRows train = MnistDigits.loadTrain(files, config.digits());
        LabeledRows test = result(testSplit);
        out.accept(String.format(Locale.ROOT, "Data: digits %s, %d training and %d test images of %d pixels",
                config.digits(), train.count(), test.count(), train.features().columns()));
        Callable<Double> pcaBaseline = () -> {
            PcaBaseline pca = PcaBaseline.fit(train.features(), config.latentSize());
            return ReconstructionMetrics.measure(test.features(), test.labels(), pca::reconstruct).mse();
        };
        // With --threads 2 or more the training step itself uses the second core: no side work then.
        boolean trainingOnOneCore = options.threads() < 2;
        Future<Double> pcaTestMse = trainingOnOneCore ? helper.submit(pcaBaseline) : null;

        MultiLayerNetwork net = options.resume() != null ? options.resume().network() : result(fresh);
        // While the network trains, the helper also pays the one-off costs of what follows: DL4J's
        // JSON mappers, first used to save the model, and Java2D, fonts, JFreeChart and the PNG
        // writer, first used by the figures: the end of the run is 0.4 s shorter (medians of 5).
        // It serialises a configuration of its own, not the one the training loop updates. Without
        // a free core the first real use pays these costs instead.
        Future<Void> prepared = !trainingOnOneCore ? null : helper.submit(() -> {
            AutoencoderArchitecture.autoencoder(config).toJson();
            if (options.exportDir() != null) {
                ReportExporter.prepare();
            }
            return null;
        });
        if (options.resume() != null) {
            out.accept("Resuming at iteration " + options.resume().checkpoint().nextIteration() + " of "
                    + config.iterations());
        }
        out.accept(String.format(Locale.ROOT, "Network: %s, %s hidden, %,d parameters, Adam %s%s, batch %d%s, %d iterations",
                join(config.layerSizes()), config.activation(), net.numParams(), config.learningRate(),
                config.constantLearningRate() ? "" : " decaying to " + config.learningRate() * config.finalLearningRateFactor(),
                config.batchSize(), config.sampling() == Sampling.EPOCHS ? " in shuffled epochs" : "", config.iterations()));

        Trainer.Result result;
        net.setListeners(listeners);
        try {
            result = new Trainer(config, progress, Trainer.Engine.DIRECT, options.threads()).train(net, train.features(),
                    options.resume() == null ? null : options.resume().checkpoint(), options.checkpointing());
        } catch (TrainingDivergedException e) {
            Path checkpoint = options.checkpointing().file();
            throw checkpoint != null && java.nio.file.Files.exists(checkpoint)
                    ? new TrainingDivergedException(e.getMessage() + "; the last good checkpoint is " + checkpoint)
                    : e;
        }
        net.setListeners(List.of());
        if (result.stoppedAt() < config.iterations()) {
            return new Outcome(null, null, null, net, result.stoppedAt());
        }
        out.accept(String.format(Locale.ROOT, "Trained in %.1f s (%.2f ms/iteration, %s)",
                result.seconds(), result.msPerIteration(config.iterations()),
                result.engine() == Trainer.Engine.DIRECT ? "direct dense step" : "DL4J fit"));
        if (prepared != null) {
            result(prepared);
        } else {
            pcaTestMse = helper.submit(pcaBaseline);
        }
        Future<ReportExporter.Drawn> figures = options.exportDir() == null ? null
                : drawFigures(net, test, result, options, helper);

        ReconstructionMetrics testMetrics = ReconstructionMetrics.measure(test.features(), test.labels(), net::output);
        ReconstructionMetrics trainMetrics = ReconstructionMetrics.measure(train.features(), train.labels(), net::output);
        double pcaMse = result(pcaTestMse);
        out.accept(String.format(Locale.ROOT, "Test MSE %.5f (per digit %s), train MSE %.5f, PCA-%d test MSE %.5f",
                testMetrics.mse(), formatPerDigit(testMetrics), trainMetrics.mse(), config.latentSize(), pcaMse));

        ModelCard card = new ModelCard(ModelCard.FORMAT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                options.preset(), config.layerSizes(), config.activation(), config.learningRate(), config.initStd(),
                config.seed(), List.copyOf(config.digits()), config.iterations(), config.batchSize(),
                train.count(), test.count(), files.sha256ByName(), result.seconds(),
                result.msPerIteration(config.iterations()), options.threads(),
                testMetrics.mse(), trainMetrics.mse(), testMetrics.perDigit(), trainMetrics.perDigit(), pcaMse,
                result.lossLog(), BuildInfo.latent4jVersion(), BuildInfo.dl4jVersion(), BuildInfo.nd4jBackend(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        Path model = options.modelOut();
        Path cardFile = ModelCard.fileFor(model);
        ModelStore.save(net, model, options.saveUpdater());
        card.save(cardFile);
        out.accept("Saved " + model + " and " + cardFile);
        if (options.exportDir() != null) {
            if (figures == null) {
                out.accept("Report: skipped, the tutorial's figures need a 2-D latent space");
            } else {
                ReportExporter.Export export = ReportExporter.describe(result(figures), test, card);
                out.accept("Report: " + export.files().size() + " files in " + options.exportDir());
            }
        }
        return new Outcome(card, model, cardFile, net, config.iterations());
    }

    /** Starts drawing the tutorial's figures on the helper thread; null when the latent space is not 2-D. */
    private static Future<ReportExporter.Drawn> drawFigures(MultiLayerNetwork net, LabeledRows test,
                                                          Trainer.Result result, Options options,
                                                          ExecutorService helper) {
        Autoencoder ae;
        try {
            ae = Autoencoder.of(net);
        } catch (ModelLoadException e) {
            throw new IllegalStateException("a freshly trained network could not be split", e);
        }
        return ae.latentSize() != 2 ? null : helper.submit(() -> ReportExporter.draw(ae, test, result.lossLog(),
                result.stepLossPoints(), ReportExporter.Options.defaults(options.exportDir(), options.modelOut())));
    }

    /** What a task on the helper thread returned, or its exception, thrown here. */
    private static <T> T result(Future<T> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the helper thread");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static String join(List<Integer> sizes) {
        return String.join("-", sizes.stream().map(String::valueOf).toList());
    }

    private static String formatPerDigit(ReconstructionMetrics metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.perDigit().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(": ").append(String.format(Locale.ROOT, "%.5f", e.getValue()));
        });
        return sb.toString();
    }
}
