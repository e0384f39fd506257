package io.latent4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.stats.MinMaxStats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The min-max scaling a model's features went through before training: {@code (x - lower) / range}
 * per column, with {@code lower} and {@code range} taken from DL4J's fitted
 * {@link NormalizerMinMaxScaler} (so the arithmetic is its own). Stored inside the model zip as a
 * plain JSON entry, so callers pass and get rows in their own units.
 *
 * @param lower the smallest training value of each column
 * @param range each column's training range (DL4J's: never 0)
 */
public record FeatureScaling(float[] lower, float[] range) {
    /** The model zip entry that holds it. */
    public static final String ENTRY = "latent4j-scaling.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public FeatureScaling {
        lower = lower.clone();
        range = range.clone();
        if (lower.length != range.length || lower.length == 0) {
            throw new IllegalArgumentException("scaling needs one lower bound and one range per column, got "
                    + lower.length + " and " + range.length);
        }
        for (int i = 0; i < range.length; i++) {
            if (!Float.isFinite(lower[i]) || !Float.isFinite(range[i]) || range[i] == 0) {
                throw new IllegalArgumentException("scaling of column " + i + " is not usable: lower " + lower[i]
                        + ", range " + range[i]);
            }
        }
    }

    /** The scaling a fitted DL4J scaler applies (to [0, 1]). */
    public static FeatureScaling of(NormalizerMinMaxScaler fitted) {
        if (fitted.getTargetMin() != 0 || fitted.getTargetMax() != 1) {
            throw new IllegalArgumentException("only scaling to [0, 1] is stored, not [" + fitted.getTargetMin() + ", "
                    + fitted.getTargetMax() + "]");
        }
        // MinMaxStats widens a constant column's range exactly as the fitted scaler did.
        return new FeatureScaling(fitted.getMin().toFloatVector(),
                new MinMaxStats(fitted.getMin(), fitted.getMax()).getRange().toFloatVector());
    }

    /** Width of the rows it scales. */
    public int columns() {
        return lower.length;
    }

    /** Scales {@code row} (in the caller's units) in place. */
    public void apply(float[] row) {
        for (int i = 0; i < row.length; i++) {
            row[i] = (row[i] - lower[i]) / range[i];
        }
    }

    /** Turns a scaled {@code row} back into the caller's units, in place. */
    public void revert(float[] row) {
        for (int i = 0; i < row.length; i++) {
            row[i] = row[i] * range[i] + lower[i];
        }
    }

    /** The JSON the model zip stores. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the scaling", e);
        }
    }

    /** The scaling stored in {@code zip}, if any. */
    public static Optional<FeatureScaling> in(ModelZip zip) throws IOException {
        Optional<byte[]> json = zip.entry(ENTRY);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = JSON.readTree(new String(json.get(), StandardCharsets.UTF_8));
            return Optional.of(new FeatureScaling(floats(tree.path("lower")), floats(tree.path("range"))));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(ENTRY + " is not a valid scaling (" + e.getMessage() + ")", e);
        }
    }

    private static float[] floats(JsonNode array) throws IOException {
        if (!array.isArray()) {
            throw new IOException("expected an array of numbers");
        }
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IOException("expected numbers, found " + array.get(i));
            }
            values[i] = array.get(i).floatValue();
        }
        return values;
    }
}
