package io.latent4j.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Training data from a user's own files: IDX images, CSV tables and folders of images. Every
 * source gives float rows in 'c' order, class names (the sorted distinct label values; empty
 * without labels, when every label is 0), the test split (test files, or a seeded share of the
 * rows) and the provenance the model card records. Rows are read as they come, so memory holds
 * what the files really contain, never what a header claims.
 */
public final class TrainingSources {
    /** Numbers before text; numbers by value, text alphabetically: "2" before "10" before "cat". */
    private static final Comparator<String> LABEL_ORDER = Comparator
            .comparing((String s) -> number(s) == null)
            .thenComparing((a, b) -> number(a) != null ? Double.compare(number(a), number(b)) : 0)
            .thenComparing(Comparator.naturalOrder());

    /**
     * Training ranges below this count as a constant column. DL4J widens a constant column's
     * range to 1e-5 itself; this catches that and columns nearly as flat.
     */
    private static final double CONSTANT_COLUMN = 1e-4;

    private TrainingSources() {
    }

    /**
     * An IDX image file and, optionally, its IDX label file (plain or {@code .gz}).
     *
     * @param images the images (any count, any height x width)
     * @param labels the labels, or null for unlabelled images
     */
    public record IdxInput(Path images, Path labels) {
        public IdxInput {
            Objects.requireNonNull(images, "images");
        }
    }

    /**
     * How to read a CSV file.
     *
     * @param skipLines   header lines to skip (0: none; a non-numeric first line is then an error
     *                    naming the file and row 1, with a hint to skip it)
     * @param labelColumn null for no label, else a 0-based index ("3") or a header name (needs
     *                    skipLines >= 1; the name is looked up in the last skipped line)
     */
    public record CsvLayout(int skipLines, String labelColumn) {
        /** No header, no label column: every cell is a feature. */
        public static final CsvLayout PLAIN = new CsvLayout(0, null);

        public CsvLayout {
            if (skipLines < 0) {
                throw new IllegalArgumentException("header lines to skip must be 0 or more, got " + skipLines);
            }
            if (labelColumn != null && labelColumn.isBlank()) {
                throw new IllegalArgumentException("the label column is blank: give its index or its header name");
            }
        }
    }

    /** IDX images (any count, any HxW) with optional labels; pixels scaled to [0, 1]; no scaler. */
    public static TrainingData idx(IdxInput train, IdxInput test, double testFraction, long seed) throws IOException {
        Objects.requireNonNull(train, "train");
        checkFraction(test == null, testFraction);
        Part trainPart = readIdx(train);
        Part testPart = test == null ? null : readIdx(test);
        int[] dims = trainPart.imageDims;
        if (testPart != null) {
            if (!Arrays.equals(dims, testPart.imageDims)) {
                throw new IOException(test.images() + ": images are " + size(testPart.imageDims) + " but the training images "
                        + train.images() + " are " + size(dims) + ": train and test images need the same size");
            }
            if ((train.labels() == null) != (test.labels() == null)) {
                throw new IOException("labels are given for the " + (train.labels() == null ? "test" : "training")
                        + " images only: give label files for both or for neither");
            }
        }
        List<DataProvenance.SourceFile> files = new ArrayList<>();
        files.add(new DataProvenance.SourceFile("train", train.images().toString(), Sha256.ofContent(train.images())));
        if (train.labels() != null) {
            files.add(new DataProvenance.SourceFile("train-labels", train.labels().toString(),
                    Sha256.ofContent(train.labels())));
        }
        if (test != null) {
            files.add(new DataProvenance.SourceFile("test", test.images().toString(), Sha256.ofContent(test.images())));
            if (test.labels() != null) {
                files.add(new DataProvenance.SourceFile("test-labels", test.labels().toString(),
                        Sha256.ofContent(test.labels())));
            }
        }
        String labels = train.labels() == null ? "no labels" : "labels from " + train.labels().getFileName()
                + (test == null ? "" : " and " + test.labels().getFileName());
        return assemble("idx", trainPart, testPart, testFraction, seed, false,
                rowCounts(trainPart, testPart, "images") + " of " + size(dims) + ", " + labels, files,
                "IDX structure (magic number, dimensions, size)");
    }

    /** CSV of numeric columns (features in any unit): a NormalizerMinMaxScaler fitted on the training rows only scales train and test. */
    public static TrainingData csv(Path train, Path test, CsvLayout layout, double testFraction, long seed)
            throws IOException {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(layout, "layout");
        checkFraction(test == null, testFraction);
        Part trainPart = readCsv(train, layout);
        Part testPart = test == null ? null : readCsv(test, layout);
        int columns = (int) trainPart.features.columns();
        if (testPart != null && testPart.features.columns() != columns) {
            throw new IOException(test + ": has " + testPart.features.columns() + " feature columns but " + train
                    + " has " + columns + ": train and test need the same columns");
        }
        List<DataProvenance.SourceFile> files = new ArrayList<>();
        files.add(new DataProvenance.SourceFile("train", train.toString(), Sha256.of(train)));
        if (test != null) {
            files.add(new DataProvenance.SourceFile("test", test.toString(), Sha256.of(test)));
        }
        String labels = layout.labelColumn() == null ? "no label column" : "label column '" + trainPart.labelColumn + "'";
        return assemble("csv", trainPart, testPart, testFraction, seed, true,
                rowCounts(trainPart, testPart, "rows") + ", " + columns + " feature columns, " + labels, files,
                "CSV structure (every row numeric, " + (columns + (layout.labelColumn() == null ? 0 : 1)) + " columns)");
    }

    /**
     * A folder of PNG/JPEG images; labels from sub-folder names when it has sub-folders (else
     * unlabelled); resized and greyscaled to width x height; pixels scaled to [0, 1]; no scaler.
     */
    public static TrainingData imageFolder(Path train, Path test, int width, int height, double testFraction, long seed)
            throws IOException {
        Objects.requireNonNull(train, "train");
        checkFraction(test == null, testFraction);
        ImageFolder trainFolder = ImageFolder.scan(train);
        ImageFolder testFolder = test == null ? null : ImageFolder.scan(test);
        if (testFolder != null && trainFolder.classNames().isEmpty() != testFolder.classNames().isEmpty()) {
            throw new IOException(test + ": " + (testFolder.classNames().isEmpty() ? "has no" : "has")
                    + " class sub-folders but " + train + (trainFolder.classNames().isEmpty() ? " has none" : " has")
                    + ": lay both folders out the same way");
        }
        Part trainPart = readImages(trainFolder, width, height);
        Part testPart = testFolder == null ? null : readImages(testFolder, width, height);
        List<DataProvenance.SourceFile> files = new ArrayList<>();
        files.add(new DataProvenance.SourceFile("train", train.toString(), trainFolder.digest()));
        if (testFolder != null) {
            files.add(new DataProvenance.SourceFile("test", test.toString(), testFolder.digest()));
        }
        String labels = trainFolder.classNames().isEmpty() ? "no labels" : "labels from sub-folder names";
        return assemble("image-folder", trainPart, testPart, testFraction, seed, false,
                rowCounts(trainPart, testPart, "images") + ", resized to " + width + "x" + height + " grey, " + labels,
                files, "images decoded");
    }

    /**
     * Rows read from one input.
     *
     * @param source      the file or folder
     * @param features    the rows, unscaled
     * @param labels      each row's label value, or null without labels
     * @param labelColumn the CSV label column's name or index (else null)
     * @param imageDims   height and width of IDX images (else null)
     */
    /**
     * Rows a program hands over: features in any units (min-max scaled like a CSV's) or, with
     * {@code pixels}, values in [0, 1] used as they are.
     *
     * @param labels the class of each row (as text), or null for unlabelled rows
     */
    public static TrainingData rows(float[][] rows, List<String> labels, boolean pixels, double testFraction, long seed)
            throws IOException {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("no rows: give at least two");
        }
        int width = rows[0] == null ? 0 : rows[0].length;
        if (width == 0) {
            throw new IllegalArgumentException("row 0 has no values");
        }
        if (labels != null && labels.size() != rows.length) {
            throw new IllegalArgumentException(rows.length + " rows but " + labels.size() + " labels");
        }
        float[] flat = new float[Math.multiplyExact(rows.length, width)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new IllegalArgumentException("row " + r + " has " + (rows[r] == null ? 0 : rows[r].length)
                        + " values, row 0 has " + width);
            }
            for (int c = 0; c < width; c++) {
                float v = rows[r][c];
                if (!Float.isFinite(v) || pixels && (v < 0 || v > 1)) {
                    throw new IllegalArgumentException("row " + r + ", column " + c + ": " + v + (pixels
                            ? " is not a pixel in [0, 1]" : " is not a finite number"));
                }
                if (labels != null && labels.get(r) == null) {
                    throw new IllegalArgumentException("row " + r + " has no label");
                }
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        Part part = new Part(java.nio.file.Path.of("rows"), org.nd4j.linalg.factory.Nd4j.create(flat, new long[] {rows.length, width}, 'c'),
                labels == null ? null : List.copyOf(labels), null, null);
        return assemble("rows", part, null, checkedFraction(testFraction), seed, !pixels,
                rows.length + " rows of " + width + (pixels ? " pixels" : " values") + " given by the program",
                List.of(), pixels ? "every value a pixel in [0, 1]" : "every value a finite number");
    }

    private static double checkedFraction(double testFraction) {
        checkFraction(true, testFraction);
        return testFraction;
    }

    private record Part(Path source, INDArray features, List<String> labels, String labelColumn, int[] imageDims) {
        int count() {
            return (int) features.rows();
        }
    }

    private static Part readIdx(IdxInput input) throws IOException {
        RowBuffer rows;
        int[] dims;
        try (IdxImages images = IdxImages.open(input.images())) {
            dims = images.header().dims();
            if (images.width() == 0) {
                throw new IdxFormatException(input.images(), "images have no pixels (" + size(dims) + ")");
            }
            rows = new RowBuffer(images.width());
            while (images.hasNext()) {
                rows.add(images.next());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (rows.rows() == 0) {
            throw new IdxFormatException(input.images(), "holds no images");
        }
        List<String> labels = null;
        if (input.labels() != null) {
            int[] digits = IdxLabels.read(input.labels());
            if (digits.length != rows.rows()) {
                throw new IOException(input.images() + " holds " + rows.rows() + " images but " + input.labels()
                        + " holds " + digits.length + " labels: give the label file of these images");
            }
            labels = Arrays.stream(digits).mapToObj(Integer::toString).toList();
        }
        return new Part(input.images(), rows.toMatrix(), labels, null, new int[] {dims[1], dims[2]});
    }

    private static Part readCsv(Path file, CsvLayout layout) throws IOException {
        try (CsvRecords records = CsvRecords.open(file, layout)) {
            RowBuffer rows = null;
            List<String> labels = records.labelled() ? new ArrayList<>() : null;
            while (records.hasNext()) {
                CsvRecords.Row row = records.next();
                if (rows == null) {
                    rows = new RowBuffer(row.features().length);
                }
                rows.add(row.features());
                if (labels != null) {
                    labels.add(row.label());
                }
            }
            if (rows == null) {
                throw new IOException(file + ": has no data rows");
            }
            return new Part(file, rows.toMatrix(), labels, records.labelColumnName(), null);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Part readImages(ImageFolder folder, int width, int height) throws IOException {
        RowBuffer rows = new RowBuffer(width * height);
        List<String> labels = folder.classNames().isEmpty() ? null : new ArrayList<>();
        try (ImageFolder.Rows images = folder.rows(width, height)) {
            while (images.hasNext()) {
                ImageFolder.Image image = images.next();
                rows.add(image.pixels());
                if (labels != null) {
                    labels.add(folder.classNames().get(image.label()));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Part(folder.root(), rows.toMatrix(), labels, null, null);
    }

    /** Labels rows by class index, splits off the test rows, and scales features when asked. */
    private static TrainingData assemble(String kind, Part train, Part test, double testFraction, long seed,
                                         boolean minMaxScale, String description,
                                         List<DataProvenance.SourceFile> files, String verification) throws IOException {
        List<String> classNames = train.labels == null ? List.of()
                : Stream.concat(train.labels.stream(), test == null ? Stream.empty() : test.labels.stream())
                        .distinct().sorted(LABEL_ORDER).toList();
        LabeledRows trainRows = new LabeledRows(train.features, classIndices(train, classNames));
        LabeledRows testRows;
        String split;
        if (test != null) {
            testRows = new LabeledRows(test.features, classIndices(test, classNames));
            split = "test files";
        } else {
            LabeledRows all = trainRows;
            int[][] sides = split(train, testFraction, seed);
            trainRows = all.select(sides[0]);
            testRows = all.select(sides[1]);
            split = percent(testFraction) + " of the rows, seed " + seed;
        }
        trainRows = cOrder(trainRows);
        testRows = cOrder(testRows);
        Optional<NormalizerMinMaxScaler> scaler = Optional.empty();
        if (minMaxScale) {
            NormalizerMinMaxScaler fitted = new NormalizerMinMaxScaler();
            fitted.fit(new DataSet(trainRows.features(), trainRows.features()));
            // A column constant in the training rows would get DL4J's near-zero range, and any other
            // value in a test row would be scaled by 1e5: such a column takes the median range of
            // the others (1 if all are constant), so it is scaled like its neighbours.
            INDArray min = fitted.getMin();
            INDArray max = fitted.getMax().dup();
            double[] ranges = new double[(int) max.length()];
            for (int c = 0; c < ranges.length; c++) {
                ranges[c] = max.getDouble(c) - min.getDouble(c);
            }
            double[] varying = Arrays.stream(ranges).filter(r -> r >= CONSTANT_COLUMN).sorted().toArray();
            double typical = varying.length == 0 ? 1 : varying[varying.length / 2];
            for (int c = 0; c < ranges.length; c++) {
                if (ranges[c] < CONSTANT_COLUMN) {
                    max.putScalar(c, min.getDouble(c) + typical);
                }
            }
            fitted.setFeatureStats(min, max);
            fitted.transform(trainRows.features());
            fitted.transform(testRows.features());
            scaler = Optional.of(fitted);
        }
        if (!classNames.isEmpty()) {
            description += " (" + classNames.size() + (classNames.size() == 1 ? " class)" : " classes)");
        }
        return new TrainingData(trainRows, testRows, classNames, scaler,
                new DataProvenance(kind, description, files, verification, split));
    }

    private static int[] classIndices(Part part, List<String> classNames) {
        if (part.labels == null) {
            return new int[part.count()];
        }
        Map<String, Integer> index = new HashMap<>();
        for (String name : classNames) {
            index.put(name, index.size());
        }
        return part.labels.stream().mapToInt(index::get).toArray();
    }

    /** Row indices of the training and test sides, each in file order: a seeded shuffle decides. */
    private static int[][] split(Part part, double testFraction, long seed) throws IOException {
        int n = part.count();
        int testCount = (int) Math.round(n * testFraction);
        if (testCount < 1 || testCount >= n) {
            throw new IOException(part.source + ": " + n + (n == 1 ? " row is" : " rows are") + " too few to hold out "
                    + percent(testFraction) + " for testing with at least one row on each side: give more rows, another "
                    + "test fraction or a separate test file");
        }
        int[] order = IntStream.range(0, n).toArray();
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] test = Arrays.copyOfRange(order, 0, testCount);
        int[] train = Arrays.copyOfRange(order, testCount, n);
        Arrays.sort(test);
        Arrays.sort(train);
        return new int[][] {train, test};
    }

    private static void checkFraction(boolean used, double testFraction) {
        if (used && !(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1 (exclusive), got " + testFraction);
        }
    }

    private static LabeledRows cOrder(LabeledRows rows) {
        INDArray f = rows.features();
        return f.ordering() == 'c' && !f.isView() ? rows : new LabeledRows(f.dup('c'), rows.labels());
    }

    private static String percent(double fraction) {
        return new BigDecimal(fraction * 100).round(new MathContext(6)).stripTrailingZeros().toPlainString() + "%";
    }

    private static String rowCounts(Part train, Part test, String unit) {
        return name(train) + ": " + train.count() + " " + unit + (test == null ? "" : ", " + name(test) + ": "
                + test.count() + " " + unit);
    }

    private static String name(Part part) {
        return part.source.getFileName().toString();
    }

    /** Width x height of IDX images, whose dimensions run [count,] rows, columns. */
    private static String size(int[] dims) {
        return dims[dims.length - 1] + "x" + dims[dims.length - 2];
    }

    private static Double number(String label) {
        try {
            double value = Double.parseDouble(label);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
