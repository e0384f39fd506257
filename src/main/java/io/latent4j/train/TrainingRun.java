package io.latent4j.train;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.data.LabeledImages;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.MnistFiles;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.BuildInfo;
import io.latent4j.model.ModelCard;
import io.latent4j.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
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
     * @param threads  ND4J threads in use, recorded in the card
     */
    public record Options(AutoencoderConfig config, String preset, Path modelOut, int threads) {
    }

    /** What a finished run wrote. */
    public record Outcome(ModelCard card, Path model, Path cardFile, MultiLayerNetwork network) {
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

    /** The card file that belongs to a model file: {@code autoencoder.zip} to {@code autoencoder.json}. */
    public static Path cardFileFor(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return model.resolveSibling(stem + ".json");
    }

    public Outcome run(Options options, MnistFiles files) throws IOException {
        AutoencoderConfig config = options.config();
        MnistDigits data = MnistDigits.load(files, config.digits());
        LabeledImages train = data.train();
        LabeledImages test = data.test();
        out.accept(String.format(Locale.ROOT, "Data: digits %s, %d training and %d test images of %d pixels",
                config.digits(), train.count(), test.count(), train.pixels().columns()));

        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(config);
        out.accept(String.format(Locale.ROOT, "Network: %s, %s hidden, %,d parameters, Adam %s, batch %d, %d iterations",
                join(config.layerSizes()), config.activation(), net.numParams(), config.learningRate(),
                config.batchSize(), config.iterations()));

        net.setListeners(listeners);
        Trainer.Result result = new Trainer(config, progress).train(net, train.pixels());
        net.setListeners(List.of());
        out.accept(String.format(Locale.ROOT, "Trained in %.1f s (%.2f ms/iteration)",
                result.seconds(), result.msPerIteration(config.iterations())));

        ReconstructionMetrics testMetrics = ReconstructionMetrics.measure(test.pixels(), test.labels(), net::output);
        ReconstructionMetrics trainMetrics = ReconstructionMetrics.measure(train.pixels(), train.labels(), net::output);
        PcaBaseline pca = PcaBaseline.fit(train.pixels(), config.latentSize());
        double pcaTestMse = ReconstructionMetrics.measure(test.pixels(), test.labels(), pca::reconstruct).mse();
        out.accept(String.format(Locale.ROOT, "Test MSE %.5f (per digit %s), train MSE %.5f, PCA-%d test MSE %.5f",
                testMetrics.mse(), formatPerDigit(testMetrics), trainMetrics.mse(), config.latentSize(), pcaTestMse));

        ModelCard card = new ModelCard(ModelCard.FORMAT, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                options.preset(), config.layerSizes(), config.activation(), config.learningRate(), config.initStd(),
                config.seed(), List.copyOf(config.digits()), config.iterations(), config.batchSize(),
                train.count(), test.count(), files.sha256ByName(), result.seconds(),
                result.msPerIteration(config.iterations()), options.threads(),
                testMetrics.mse(), trainMetrics.mse(), testMetrics.perDigit(), trainMetrics.perDigit(), pcaTestMse,
                result.lossLog(), BuildInfo.latent4jVersion(), BuildInfo.dl4jVersion(), BuildInfo.nd4jBackend(),
                System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        Path model = options.modelOut();
        Path cardFile = cardFileFor(model);
        ModelStore.save(net, model, true);
        card.save(cardFile);
        out.accept("Saved " + model + " and " + cardFile);
        return new Outcome(card, model, cardFile, net);
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
