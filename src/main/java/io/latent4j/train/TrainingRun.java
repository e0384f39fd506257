package io.latent4j.train;

import io.latent4j.ErrorDistribution;
import io.latent4j.ModelCard;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.ModelKind;
import io.latent4j.config.OptimizerSchedule;
import io.latent4j.config.Sampling;
import io.latent4j.data.TrainingData;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.FeatureScaling;
import io.latent4j.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One complete training job on any {@link TrainingData}, in steps: build (or resume) the network,
 * train it, evaluate it against the PCA baseline, save it with its scaling and its card. Reports
 * its steps as lines to a consumer. The report is not its business: the caller draws it from the
 * {@link Outcome}.
 */
public final class TrainingRun {

    /**
     * @param config        what to train
     * @param preset        the preset name the config started from, recorded in the card
     * @param modelOut      where the model goes (the card beside it with a {@code .json} suffix), or null
     *                      to keep it in memory only
     * @param threads       threads in use (see {@link Trainer}), recorded in the card
     * @param saveUpdater   keep Adam's state in the saved model, so training can continue from it
     * @param checkpointing when to save checkpoints, and the early-stop flag
     * @param resume        a checkpoint to continue, or null to start afresh
     */
    public record Options(AutoencoderConfig config, String preset, Path modelOut, int threads, boolean saveUpdater,
                          Checkpointing checkpointing, Checkpoint.Loaded resume) {
        /** A fresh run without checkpoints. */
        public Options(AutoencoderConfig config, String preset, Path modelOut, int threads, boolean saveUpdater) {
            this(config, preset, modelOut, threads, saveUpdater, Checkpointing.none(), null);
        }
    }

    /**
     * What a run wrote. When it was stopped early, only the checkpoint exists: {@code card},
     * {@code model} and {@code cardFile} are null and {@code stoppedAt} says where it stopped;
     * a run kept in memory has a card but no files.
     *
     * @param training the training loop's record (losses of every step among them)
     */
    public record Outcome(ModelCard card, Path model, Path cardFile, MultiLayerNetwork network, Trainer.Result training,
                          int stoppedAt) {
        public boolean complete() {
            return card != null;
        }
    }

    /**
     * How well the trained network reconstructs, beside the PCA baseline.
     *
     * @param trainErrors the distribution of the training rows' errors (the anomaly threshold's source)
     * @param variational a variational autoencoder's ELBO on the test rows; null for a plain one
     */
    record Evaluation(ReconstructionMetrics test, ReconstructionMetrics train, double pcaTestMse,
                      ErrorDistribution trainErrors, VariationalMetrics variational) {
    }

    /** Latent draws per test row behind the card's ELBO: enough for a stable mean over thousands of rows. */
    static final int ELBO_SAMPLES = 4;

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

    /**
     * Trains on {@code data}. Training runs on one core (see the CLI's thread choice); on a 2-core
     * machine a helper thread fits the PCA baseline meanwhile.
     */
    public Outcome run(Options options, TrainingData data) throws IOException {
        int width = options.config().architecture().inputSize();
        if (data.columns() != width) {
            throw new IllegalArgumentException("the data has " + data.columns() + " columns but the network's input "
                    + "is " + width + " wide; make the first layer size " + data.columns());
        }
        checkMemory(options.config());
        ExecutorService helper = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "latent4j-helper");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return run(options, data, helper);
        } finally {
            helper.shutdownNow();
        }
    }

    /**
     * Refuses a batch whose step would not fit in ND4J's off-heap limit, before anything is
     * allocated: a step holds each layer's activations and deltas for the batch, several copies
     * of each (the direct step keeps heap and native copies).
     */
    static void checkMemory(AutoencoderConfig config) {
        long widths = config.architecture().layerSizes().stream().mapToLong(Integer::longValue).sum();
        long needed = STEP_COPIES * Float.BYTES * widths * config.schedule().batchSize();
        long limit = org.bytedeco.javacpp.Pointer.maxBytes();
        if (limit > 0 && needed > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a batch of %,d rows needs about %,d MB for each "
                    + "step but ND4J may use %,d MB (org.bytedeco.javacpp.maxbytes); use a smaller batch or raise the limit",
                    config.schedule().batchSize(), needed >> 20, limit >> 20));
        }
    }

    /** Copies of each layer's batch-sized arrays one training step holds (activations, deltas, their heap twins). */
    private static final int STEP_COPIES = 6;

    private Outcome run(Options options, TrainingData data, ExecutorService helper) throws IOException {
        AutoencoderConfig config = options.config();
        MultiLayerNetwork net = options.resume() != null ? options.resume().network()
                : AutoencoderArchitecture.newAutoencoder(config);
        Callable<Double> pcaBaseline = () -> {
            PcaBaseline pca = PcaBaseline.fit(data.train().features(), config.architecture().latentSize());
            return ReconstructionMetrics.measure(data.test().features(), data.test().labels(), pca::reconstruct).mse();
        };
        // With --threads 2 or more the training step itself uses the second core: no side work then.
        boolean trainingOnOneCore = options.threads() < 2;
        Future<Double> pcaTestMse = trainingOnOneCore ? helper.submit(pcaBaseline) : null;
        // While the network trains, the helper also initialises DL4J's JSON mappers, first used to
        // save the model, on a configuration of its own (not the one the training loop updates).
        Future<String> warmedUp = trainingOnOneCore ? helper.submit(() -> AutoencoderArchitecture.autoencoder(config).toJson())
                : null;
        announce(options, net);

        Trainer.Result result = train(options, net, data);
        if (result.stoppedAt() < config.schedule().iterations()) {
            return new Outcome(null, null, null, net, result, result.stoppedAt());
        }
        out.accept(String.format(Locale.ROOT, "Trained in %.1f s (%.2f ms/iteration, %s)",
                result.seconds(), result.msPerIteration(config.schedule().iterations()),
                config.architecture().kind() == ModelKind.VAE ? "DL4J VariationalAutoencoder step"
                        : result.engine() == Trainer.Engine.DIRECT ? "direct dense step" : "DL4J fit"));
        if (warmedUp != null) {
            result(warmedUp);
        } else {
            pcaTestMse = helper.submit(pcaBaseline);
        }
        Evaluation evaluation = evaluate(net, data, config, pcaTestMse);
        ModelCard card = TrainingCard.of(options.preset(), config, data, result, evaluation, options.threads());
        Path model = options.modelOut();
        if (model == null) {
            return new Outcome(card, null, null, net, result, config.schedule().iterations());
        }
        Path cardFile = ModelCard.fileFor(model);
        card = save(net, data, card, model, cardFile, options.saveUpdater());
        out.accept("Saved " + model + " and " + cardFile);
        return new Outcome(card, model, cardFile, net, result, config.schedule().iterations());
    }

    private void announce(Options options, MultiLayerNetwork net) {
        AutoencoderConfig config = options.config();
        if (options.resume() != null) {
            out.accept("Resuming at iteration " + options.resume().checkpoint().nextIteration() + " of "
                    + config.schedule().iterations());
        }
        var schedule = config.schedule();
        var architecture = config.architecture();
        String variational = architecture.kind() == ModelKind.VAE
                ? " variational (DL4J VariationalAutoencoder, " + architecture.reconstruction().id() + " p(x|z))" : "";
        out.accept(String.format(Locale.ROOT, "Network:%s %s, %s hidden, %,d parameters, Adam %s%s%s, batch %d%s, %d iterations",
                variational, join(architecture.layerSizes()), architecture.activation(), net.numParams(),
                schedule.learningRate(), schedule.constantLearningRate() ? ""
                        : " decaying to " + schedule.learningRate() * schedule.finalLearningRateFactor(),
                schedule.beta2() == OptimizerSchedule.DEFAULT_BETA2 ? "" : ", beta2 " + schedule.beta2(),
                schedule.batchSize(), schedule.sampling() == Sampling.EPOCHS ? " in shuffled epochs" : "",
                schedule.iterations()));
    }

    private Trainer.Result train(Options options, MultiLayerNetwork net, TrainingData data) throws IOException {
        net.setListeners(listeners);
        try {
            return new Trainer(options.config(), progress, Trainer.Engine.DIRECT, options.threads()).train(net,
                    data.train().features(), options.resume() == null ? null : options.resume().checkpoint(),
                    options.checkpointing());
        } catch (TrainingDivergedException e) {
            Path checkpoint = options.checkpointing().file();
            throw checkpoint != null && Files.exists(checkpoint)
                    ? new TrainingDivergedException(e.getMessage() + "; the last good checkpoint is " + checkpoint)
                    : e;
        } finally {
            net.setListeners(List.of());
        }
    }

    private Evaluation evaluate(MultiLayerNetwork net, TrainingData data, AutoencoderConfig config,
                                Future<Double> pcaTestMse) throws IOException {
        int latentSize = config.architecture().latentSize();
        UnaryOperator<INDArray> reconstruct = reconstruction(net);
        ReconstructionMetrics test = ReconstructionMetrics.measure(data.test().features(), data.test().labels(), reconstruct);
        // One pass over the training rows gives both their MSE and each row's error.
        double[] trainRowErrors = ReconstructionMetrics.rowSquaredErrors(data.train().features(), reconstruct);
        ReconstructionMetrics train = ReconstructionMetrics.of(trainRowErrors, data.train().labels(), data.columns());
        for (int i = 0; i < trainRowErrors.length; i++) {
            trainRowErrors[i] /= data.columns();
        }
        VariationalMetrics variational = VariationalMetrics.layerOf(net).isEmpty() ? null
                : VariationalMetrics.measure(net, data.test().features(), ELBO_SAMPLES, config.seed());
        // The anomaly threshold is in the units of the model's anomaly score: for a VAE, minus the log-probability.
        ErrorDistribution trainErrors = ErrorDistribution.of(variational == null ? trainRowErrors
                : VariationalMetrics.anomalyScores(net, data.train().features(), 0));
        Evaluation evaluation = new Evaluation(test, train, result(pcaTestMse), trainErrors, variational);
        if (variational != null) {
            out.accept(String.format(Locale.ROOT, "Test ELBO %.2f nats per row (reconstruction log-likelihood %.2f, KL %.2f)",
                    variational.elbo(), variational.reconstructionLogLikelihood(), variational.kl()));
        }
        String perClass = !data.labelled() ? "" : " (per " + ("mnist".equals(data.provenance().kind()) ? "digit " : "class ")
                + formatPerClass(test, data) + ")";
        out.accept(String.format(Locale.ROOT, "Test MSE %.5f%s, train MSE %.5f, PCA-%d test MSE %.5f", test.mse(), perClass,
                train.mse(), latentSize, evaluation.pcaTestMse()));
        out.accept(String.format(Locale.ROOT, "Anomaly threshold %.4g (training rows' q%s %s; max %.4g)",
                trainErrors.quantile(ErrorDistribution.DEFAULT_LEVEL).orElseThrow(), ErrorDistribution.DEFAULT_LEVEL,
                variational == null ? "error" : "negative log-probability", trainErrors.max()));
        return evaluation;
    }

    /**
     * The network's reconstruction of a batch: a plain autoencoder's output, a variational one's
     * mean of p(x|z) at the posterior mean.
     */
    static UnaryOperator<INDArray> reconstruction(MultiLayerNetwork net) {
        return VariationalMetrics.layerOf(net).<UnaryOperator<INDArray>>map(vae -> x -> vae.generateAtMeanGivenZ(
                vae.activate(x, false, LayerWorkspaceMgr.noWorkspaces()))).orElse(net::output);
    }

    /**
     * The model with its scaling (when the data was scaled), then its card, which records the
     * model file's digest: a card left beside another model (a run killed between the two
     * writes, two runs on one path) is recognised as not its own.
     */
    private static ModelCard save(MultiLayerNetwork net, TrainingData data, ModelCard card, Path model, Path cardFile,
                                  boolean saveUpdater) throws IOException {
        Optional<FeatureScaling> scaling = data.scaler().map(FeatureScaling::of);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        scaling.ifPresent(s -> entries.put(FeatureScaling.ENTRY, s.toJson()));
        ModelCard saved = card.withModelSha256(ModelStore.save(net, model, saveUpdater, entries));
        saved.save(cardFile);
        return saved;
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

    static String join(List<Integer> sizes) {
        return String.join("-", sizes.stream().map(String::valueOf).toList());
    }

    private static String formatPerClass(ReconstructionMetrics metrics, TrainingData data) {
        StringBuilder sb = new StringBuilder();
        metrics.perLabel().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(data.className(e.getKey())).append(": ").append(String.format(Locale.ROOT, "%.5f", e.getValue()));
        });
        return sb.toString();
    }
}
