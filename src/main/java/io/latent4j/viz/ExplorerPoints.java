package io.latent4j.viz;

import io.latent4j.Autoencoder;
import io.latent4j.data.LabeledRows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The rows the latent explorer shows: each row's code, its class (if labelled) and the row itself
 * (drawn as the nearest real images to the pointer).
 */
public final class ExplorerPoints {
    /** Rows encoded per call while building the points. */
    private static final int BATCH = 1024;

    private final float[][] rows;
    private final float[][] codes;
    private final String[] labels;
    private final List<String> classNames;
    private final int imageWidth;
    private final int imageHeight;

    private ExplorerPoints(float[][] rows, float[][] codes, String[] labels, List<String> classNames, int imageWidth,
                           int imageHeight) {
        this.rows = rows;
        this.codes = codes;
        this.labels = labels;
        this.classNames = classNames;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
    }

    /**
     * Encodes {@code rows} with {@code ae}.
     *
     * @param labels      each row's class, or null for unlabelled rows
     * @param imageWidth  the rows' image width, or 0 when rows are not images
     * @param imageHeight the rows' image height, or 0
     */
    public static ExplorerPoints encode(Autoencoder ae, float[][] rows, String[] labels, int imageWidth,
                                        int imageHeight) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no rows to show");
        }
        if (labels != null && labels.length != rows.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
        }
        if ((long) imageWidth * imageHeight != 0 && (long) imageWidth * imageHeight != ae.inputSize()) {
            throw new IllegalArgumentException(imageWidth + "x" + imageHeight + " images do not have the model's "
                    + ae.inputSize() + " inputs");
        }
        float[][] codes = new float[rows.length][];
        Iterator<float[]> encoded = ae.encodeAll(Arrays.asList(rows).iterator(), BATCH);
        for (int i = 0; i < codes.length; i++) {
            codes[i] = encoded.next();
        }
        return new ExplorerPoints(rows, codes, labels == null ? null : labels.clone(), classNames(labels), imageWidth,
                imageHeight);
    }

    /**
     * The first {@code limit} rows of a labelled set of square images (MNIST digits), labelled by
     * their class numbers.
     */
    public static ExplorerPoints encode(Autoencoder ae, LabeledRows images, int limit) {
        int n = Math.min(limit, images.count());
        float[][] rows = new float[n][];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            rows[i] = images.features().getRow(i).toFloatVector();
            labels[i] = Integer.toString(images.label(i));
        }
        int side = Figures.squareSide(ae.inputSize());
        return encode(ae, rows, labels, side, side);
    }

    /** The distinct labels, in numeric order when all are numbers (digits: 1 before 10), else in text order. */
    private static List<String> classNames(String[] labels) {
        if (labels == null) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>(Arrays.asList(labels));
        boolean numeric = names.stream().allMatch(name -> name.matches("-?\\d{1,9}"));
        return numeric ? names.stream().sorted(Comparator.comparingInt(Integer::parseInt)).toList() : List.copyOf(names);
    }

    /** Number of rows. */
    public int size() {
        return rows.length;
    }

    float[] code(int row) {
        return codes[row];
    }

    float[] row(int row) {
        return rows[row];
    }

    /** The row's class name, or null when the rows are unlabelled. */
    String label(int row) {
        return labels == null ? null : labels[row];
    }

    List<String> classNames() {
        return classNames;
    }

    boolean images() {
        return imageWidth > 0;
    }

    int imageWidth() {
        return imageWidth;
    }

    int imageHeight() {
        return imageHeight;
    }
}
