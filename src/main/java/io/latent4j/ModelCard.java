package io.latent4j.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.latent4j.files.AtomicFiles;
import io.latent4j.files.FileNames;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The provenance and measured quality of a saved model, stored as JSON beside it: what was
 * trained (config and layer sizes), on what (data digests and counts), with what (versions,
 * threads), how long it took, and how well it reconstructs (MSE in double precision).
 */
public record ModelCard(
        String format,
        String createdAt,
        String preset,
        List<Integer> layers,
        String activation,
        double learningRate,
        double initStd,
        long seed,
        List<Integer> digits,
        int iterations,
        int batchSize,
        int trainCount,
        int testCount,
        Map<String, String> dataSha256,
        double trainSeconds,
        double msPerIteration,
        int threads,
        double testMse,
        double trainMse,
        Map<Integer, Double> testMsePerDigit,
        Map<Integer, Double> trainMsePerDigit,
        double pcaTestMse,
        List<LossPoint> lossLog,
        String latent4jVersion,
        String dl4jVersion,
        String nd4jBackend,
        String javaVersion,
        String os) {

    /** Identifies this JSON layout, so later versions can read older cards. */
    public static final String FORMAT = "latent4j-model-card/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // Per-digit metrics and digests are maps: sorted keys make two cards of one run byte-comparable.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One logged training step: the loss of the batch it trained on. */
    public record LossPoint(int iteration, double loss) {
    }

    public ModelCard {
        layers = List.copyOf(layers);
        digits = List.copyOf(digits);
        dataSha256 = Map.copyOf(dataSha256);
        testMsePerDigit = Map.copyOf(testMsePerDigit);
        trainMsePerDigit = Map.copyOf(trainMsePerDigit);
        lossLog = List.copyOf(lossLog);
    }

    /** The card as pretty-printed JSON. */
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

    /** Reads a card from a stream of its JSON. */
    public static ModelCard parse(java.io.InputStream json) throws IOException {
        return JSON.readValue(json, ModelCard.class);
    }

    /** Reads a card written by {@link #save}. */
    public static ModelCard load(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ModelCard.class);
    }
}
