package io.latent4j;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latent4j.config.OptimizerSchedule;
import io.latent4j.files.AtomicFiles;
import io.latent4j.files.FileNames;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The provenance and measured quality of a saved model, stored as JSON beside it ({@code
 * autoencoder.zip} has {@code autoencoder.json}): what was trained (layer sizes, activation,
 * optimiser schedule, seed), on what (the data's source, files and digests, how they were checked,
 * the classes, how the test rows were chosen and how features were scaled), with what (versions,
 * threads), how long it took, and how well it reconstructs (MSE in double precision, per class),
 * and how its training rows' errors are distributed (the anomaly threshold). Cards of the first
 * format (MNIST only) are read too, and cards of this format without the later fields.
 *
 * @param format          {@link #FORMAT}
 * @param createdAt       when training ended, ISO-8601
 * @param preset          the preset the settings started from
 * @param layers          all layer widths, input to output
 * @param activation      the hidden layers' activation, as DL4J names it
 * @param initStd         weights and biases were drawn from Normal(0, initStd)
 * @param learningRate    Adam's learning rate at the first step
 * @param finalLearningRateFactor the learning rate at the last step, as a fraction of the first (1: constant)
 * @param sampling        how steps drew their rows: {@code with-replacement} or {@code epochs}
 * @param iterations      Adam steps
 * @param batchSize       rows per step
 * @param seed            the seed of initialisation and batch sampling
 * @param dataKind        the source kind: {@code mnist}, {@code idx}, {@code csv}, {@code image-folder} or {@code rows}
 * @param dataDescription one line saying what the data was
 * @param dataVerification how the files were checked ({@code published SHA-256} only when every digest matched)
 * @param dataSplit       how the test rows were chosen
 * @param dataFiles       every file read, with its SHA-256
 * @param classNames      the label classes, in label order; empty for unlabelled data
 * @param scaling         how features were scaled before training
 * @param trainCount      training rows
 * @param testCount       test rows
 * @param trainSeconds    training time
 * @param msPerIteration  training time per step
 * @param threads         threads used
 * @param testMse         mean squared reconstruction error over every value of every test row
 * @param trainMse        the same over the training rows
 * @param testMsePerClass the test MSE of each class, by class name
 * @param trainMsePerClass the training MSE of each class, by class name
 * @param pcaTestMse      the test MSE of the best linear reconstruction with as many components as the latent size
 * @param lossLog         every logged batch loss
 * @param latent4jVersion latent4j's version
 * @param dl4jVersion     Deeplearning4j's version
 * @param nd4jBackend     the ND4J backend that trained it
 * @param javaVersion     the Java version
 * @param os              operating system and architecture
 * @param modelSha256     the SHA-256 of the model file this card was saved with (null in cards of
 *                        models not saved, and in first-format cards); a loaded model whose file has
 *                        another digest does not get this card
 * @param trainErrors     the distribution of the training rows' anomaly scores (reconstruction errors; for a
 *                        variational autoencoder, negative log-probabilities), measured after
 *                        training; its {@link ErrorDistribution#DEFAULT_LEVEL} quantile is the model's
 *                        default anomaly threshold (null in cards written before it was recorded)
 * @param kind            {@code ae} (a plain autoencoder; cards written before variational ones
 *                        existed read as this) or {@code vae}
 * @param variational     a variational autoencoder's distribution and ELBO on the test rows; null
 *                        for a plain autoencoder ({@code testMse} is then that of the mean reconstruction)
 * @param adamBeta2       Adam's decay rate of its squared-gradient average (cards written before it
 *                        could be set read as Adam's default, which their runs used)
 */
public record ModelCard(
        String format,
        String createdAt,
        String preset,
        List<Integer> layers,
        String activation,
        double initStd,
        double learningRate,
        double finalLearningRateFactor,
        String sampling,
        int iterations,
        int batchSize,
        long seed,
        String dataKind,
        String dataDescription,
        String dataVerification,
        String dataSplit,
        List<DataFile> dataFiles,
        List<String> classNames,
        String scaling,
        int trainCount,
        int testCount,
        double trainSeconds,
        double msPerIteration,
        int threads,
        double testMse,
        double trainMse,
        Map<String, Double> testMsePerClass,
        Map<String, Double> trainMsePerClass,
        double pcaTestMse,
        List<LossPoint> lossLog,
        String latent4jVersion,
        String dl4jVersion,
        String nd4jBackend,
        String javaVersion,
        String os,
        String modelSha256,
        ErrorDistribution trainErrors,
        String kind,
        Variational variational,
        double adamBeta2) {

    /** Identifies this JSON layout, so later versions can read older cards. */
    public static final String FORMAT = "latent4j-model-card/2";
    /** The first layout: MNIST digits only. */
    static final String FORMAT_1 = "latent4j-model-card/1";
    /** What the first layout's MNIST cards hold where later cards name the verification. */
    private static final String PUBLISHED_SHA256 = "published SHA-256";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Per-class metrics are maps: sorted keys make two cards of one run byte-comparable.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One logged training step: the loss of the batch it trained on. */
    public record LossPoint(int iteration, double loss) {
    }

    /**
     * One file the training data came from.
     *
     * @param role   what it held: {@code train}, {@code train-labels}, {@code test} or {@code test-labels}
     * @param path   the path as given (MNIST: the file name)
     * @param sha256 the SHA-256 of its content (for a folder, of its list of files and their digests)
     */
    public record DataFile(String role, String path, String sha256) {
    }

    /** What the card's {@code kind} says of a plain autoencoder. */
    public static final String KIND_AE = "ae";

    /**
     * A variational autoencoder's reconstruction distribution and evidence lower bound on the
     * test rows, per row on average, in nats: {@code testElbo = testReconstructionLogLikelihood - testKl}.
     *
     * @param reconstruction                  p(x|z): {@code bernoulli} (sigmoid mean) or {@code gaussian} (linear mean)
     * @param testElbo                        the ELBO; training minimised its negative
     * @param testReconstructionLogLikelihood E_q[log p(x|z)], a Monte Carlo estimate
     * @param testKl                          KL(q(z|x) || N(0, I)), exact
     * @param samples                         latent draws per test row behind the estimate
     * @param seed                            the seed of those draws
     */
    public record Variational(String reconstruction, double testElbo, double testReconstructionLogLikelihood,
                              double testKl, int samples, long seed) {
    }

    public ModelCard {
        Objects.requireNonNull(format, "format");
        kind = kind == null ? KIND_AE : kind;
        layers = List.copyOf(layers);
        dataFiles = List.copyOf(dataFiles);
        classNames = List.copyOf(classNames);
        testMsePerClass = Map.copyOf(testMsePerClass);
        trainMsePerClass = Map.copyOf(trainMsePerClass);
        lossLog = List.copyOf(lossLog);
    }

    /** A plain autoencoder's card without a training error distribution, as cards were before it was recorded. */
    public ModelCard(String format, String createdAt, String preset, List<Integer> layers, String activation,
                     double initStd, double learningRate, double finalLearningRateFactor, String sampling, int iterations,
                     int batchSize, long seed, String dataKind, String dataDescription, String dataVerification,
                     String dataSplit, List<DataFile> dataFiles, List<String> classNames, String scaling, int trainCount,
                     int testCount, double trainSeconds, double msPerIteration, int threads, double testMse,
                     double trainMse, Map<String, Double> testMsePerClass, Map<String, Double> trainMsePerClass,
                     double pcaTestMse, List<LossPoint> lossLog, String latent4jVersion, String dl4jVersion,
                     String nd4jBackend, String javaVersion, String os, String modelSha256) {
        this(format, createdAt, preset, layers, activation, initStd, learningRate, finalLearningRateFactor, sampling,
                iterations, batchSize, seed, dataKind, dataDescription, dataVerification, dataSplit, dataFiles, classNames,
                scaling, trainCount, testCount, trainSeconds, msPerIteration, threads, testMse, trainMse, testMsePerClass,
                trainMsePerClass, pcaTestMse, lossLog, latent4jVersion, dl4jVersion, nd4jBackend, javaVersion, os,
                modelSha256, null, KIND_AE, null, OptimizerSchedule.DEFAULT_BETA2);
    }

    /** This card, recording that it belongs to the model file with digest {@code sha256}. */
    public ModelCard withModelSha256(String sha256) {
        return with(sha256, trainErrors);
    }

    /** This card with the training rows' error distribution. */
    public ModelCard withTrainErrors(ErrorDistribution errors) {
        return with(modelSha256, errors);
    }

    private ModelCard with(String sha256, ErrorDistribution errors) {
        return new ModelCard(format, createdAt, preset, layers, activation, initStd, learningRate, finalLearningRateFactor,
                sampling, iterations, batchSize, seed, dataKind, dataDescription, dataVerification, dataSplit, dataFiles,
                classNames, scaling, trainCount, testCount, trainSeconds, msPerIteration, threads, testMse, trainMse,
                testMsePerClass, trainMsePerClass, pcaTestMse, lossLog, latent4jVersion, dl4jVersion, nd4jBackend,
                javaVersion, os, sha256, errors, kind, variational, adamBeta2);
    }

    /** Width of the input rows. */
    public int inputSize() {
        return layers.get(0);
    }

    /** Width of the latent code. */
    public int latentSize() {
        return layers.get(layers.size() / 2);
    }

    /** Whether the data was MNIST's published files (the tutorial's data). */
    public boolean verifiedMnist() {
        return "mnist".equals(dataKind) && PUBLISHED_SHA256.equals(dataVerification);
    }

    /** The card as pretty-printed JSON, keys in a fixed order. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.valueToTree(this)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise model card", e);
        }
    }

    /** Writes the card atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** The card file that belongs to a model file: {@code autoencoder.zip} to {@code autoencoder.json}. */
    public static Path fileFor(Path model) {
        return FileNames.sibling(model, ".json");
    }

    /** Reads a card (of any format) from a stream of its JSON. */
    public static ModelCard parse(InputStream json) throws IOException {
        JsonNode tree = JSON.readTree(json);
        if (tree == null || !tree.isObject()) {
            throw new IOException("not a model card: not a JSON object");
        }
        if (FORMAT_1.equals(tree.path("format").asText())) {
            tree = fromFormat1((ObjectNode) tree);
        }
        if (!tree.has("adamBeta2")) {
            tree = ((ObjectNode) tree).deepCopy().put("adamBeta2", OptimizerSchedule.DEFAULT_BETA2);
        }
        return JSON.treeToValue(tree, ModelCard.class);
    }

    /** Reads a card written by {@link #save} (or by an earlier version). */
    public static ModelCard load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        }
    }

    /**
     * The first format's MNIST card in this format's terms: digits become class names, per-digit
     * metrics per-class ones, the digests the data files. It recorded no check: digests equal to
     * MNIST's published ones mean the files were verified.
     */
    private static JsonNode fromFormat1(ObjectNode old) {
        ObjectNode card = old.deepCopy();
        card.put("format", FORMAT);
        ArrayNode classes = card.putArray("classNames");
        old.path("digits").forEach(d -> classes.add(d.asText()));
        card.remove("digits");
        card.set("testMsePerClass", old.path("testMsePerDigit"));
        card.set("trainMsePerClass", old.path("trainMsePerDigit"));
        card.remove(List.of("testMsePerDigit", "trainMsePerDigit", "dataSha256"));
        ArrayNode files = card.putArray("dataFiles");
        boolean allPublished = true;
        Map<String, String> digests = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = old.path("dataSha256").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            digests.put(e.getKey(), e.getValue().asText());
        }
        for (Map.Entry<String, String> e : digests.entrySet()) {
            String name = e.getKey();
            String role = (name.startsWith("train") ? "train" : "test") + (name.contains("labels") ? "-labels" : "");
            files.addObject().put("role", role).put("path", name).put("sha256", e.getValue());
            allPublished &= io.latent4j.data.MnistFile.publishedDigest(name).map(e.getValue()::equals).orElse(false);
        }
        card.put("dataKind", "mnist");
        card.put("dataDescription", "MNIST digits " + old.path("digits"));
        card.put("dataVerification", allPublished ? PUBLISHED_SHA256 : "IDX structure (magic number, dimensions, size)");
        card.put("dataSplit", "MNIST's test files");
        card.put("scaling", "pixels / 255");
        // The first format named no schedule beyond the preset, whose schedule was then fixed: fast and
        // best trained in shuffled epochs, best decaying to 0.05 of its rate; the tutorial drew with replacement.
        String preset = old.path("preset").asText();
        boolean epochs = preset.equalsIgnoreCase("fast") || preset.equalsIgnoreCase("best");
        card.put("sampling", epochs ? "epochs" : "with-replacement");
        card.put("finalLearningRateFactor", preset.equalsIgnoreCase("best") ? 0.05 : 1.0);
        return card;
    }

    /** The class names, or the card's classes of a first-format card, as digits when they are digits. */
    public List<Integer> digits() {
        List<Integer> digits = new ArrayList<>();
        for (String name : classNames) {
            try {
                digits.add(Integer.parseInt(name));
            } catch (NumberFormatException e) {
                return List.of();
            }
        }
        return digits;
    }
}
