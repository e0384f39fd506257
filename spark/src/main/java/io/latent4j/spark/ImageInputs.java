package io.latent4j.spark;

import io.latent4j.Rows;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * Opens the job's input by its kind: Parquet (any Hadoop file system), a directory of IDX image
 * files or one such file (with labels from the matching {@code -labels-idx1-ubyte} file), or a
 * directory of 28x28 PNGs. IDX and PNG files are read by the executors, split into ranges of rows:
 * on a cluster they must sit on a file system every executor mounts at the same path.
 */
public final class ImageInputs {
    private static final String IDX_IMAGES = "-images-idx3-ubyte";
    private static final String IDX_LABELS = "-labels-idx1-ubyte";
    /** Input splits per task slot, so that a slow slot does not hold up the end of the job. */
    private static final int SPLITS_PER_SLOT = 2;

    /** Parquet column names. */
    public record Columns(String id, String pixels, String label) {
        public static final Columns DEFAULT = new Columns("id", "pixels", "label");
    }

    private ImageInputs() {
    }

    /**
     * Opens {@code input}. {@code rowsPerSplit} sizes the IDX and PNG splits; 0 picks two splits
     * per task slot.
     *
     * @throws IOException if the input is missing or of no known kind, naming it
     */
    public static ImageInput open(SparkSession spark, String input, Columns columns, int rowsPerSplit)
            throws IOException {
        if (input.contains("://")) {
            return parquet(spark, input, columns);
        }
        Path path = Path.of(input);
        if (!Files.exists(path)) {
            throw new IOException(input + ": no such file or directory");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isDirectory(path)) {
            if (name.endsWith(".parquet")) {
                return parquet(spark, input, columns);
            }
            return idx(spark, List.of(path), rowsPerSplit);
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(path)) {
            entries = list.sorted().toList();
        }
        if (name.endsWith(".parquet") || entries.stream().anyMatch(p -> nameOf(p).endsWith(".parquet"))) {
            return parquet(spark, input, columns);
        }
        List<Path> idxImages = entries.stream().filter(p -> isIdxImages(nameOf(p))).toList();
        if (!idxImages.isEmpty()) {
            return idx(spark, idxImages, rowsPerSplit);
        }
        List<Path> pngs = entries.stream().filter(p -> nameOf(p).endsWith(".png")).toList();
        if (!pngs.isEmpty()) {
            return png(spark, pngs, rowsPerSplit);
        }
        throw new IOException(input + ": no Parquet, IDX image (*" + IDX_IMAGES + "[.gz]) or .png files in this directory");
    }

    private static String nameOf(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isIdxImages(String name) {
        return name.endsWith(IDX_IMAGES) || name.endsWith(IDX_IMAGES + ".gz");
    }

    // ---- Parquet ----

    private static ImageInput parquet(SparkSession spark, String input, Columns columns) {
        Dataset<Row> table = spark.read().parquet(input);
        StructField id = field(table, columns.id(), input);
        StructField pixels = field(table, columns.pixels(), input);
        boolean hasLabels = Arrays.asList(table.columns()).contains(columns.label());
        if (!(id.dataType() instanceof IntegralType)) {
            throw new IllegalArgumentException(input + ": column " + id.name() + " must hold integers (ids), found "
                    + id.dataType().simpleString());
        }
        DataType pixelType = pixels.dataType();
        boolean binary = pixelType instanceof BinaryType;
        if (!binary && !(pixelType instanceof ArrayType array && array.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException(input + ": column " + pixels.name() + " must be an array of numbers "
                    + "(pixels in [0, 1]) or binary (one byte per pixel, 0-255), found " + pixelType.simpleString());
        }
        List<Column> selected = new ArrayList<>(List.of(col(columns.id()).cast(DataTypes.LongType),
                binary ? col(columns.pixels()) : col(columns.pixels()).cast(DataTypes.createArrayType(DataTypes.FloatType))));
        if (hasLabels) {
            StructField label = field(table, columns.label(), input);
            if (!(label.dataType() instanceof IntegralType)) {
                throw new IllegalArgumentException(input + ": column " + label.name() + " must hold integers, found "
                        + label.dataType().simpleString());
            }
            selected.add(col(columns.label()).cast(DataTypes.IntegerType));
        }
        JavaRDD<ImageRow> rows = table.select(selected.toArray(Column[]::new)).javaRDD()
                .map(row -> new ImageRow(row.isNullAt(0) ? null : row.getLong(0),
                        hasLabels && !row.isNullAt(2) ? row.getInt(2) : null,
                        row.isNullAt(1) ? null : binary ? fromBytes(row.getAs(1)) : fromList(row.getList(1))));
        return new ImageInput(rows, hasLabels, OptionalLong.empty());
    }

    private static StructField field(Dataset<Row> table, String name, String input) {
        if (!Arrays.asList(table.columns()).contains(name)) {
            throw new IllegalArgumentException(input + ": no column '" + name + "' (columns: "
                    + String.join(", ", table.columns()) + "); name the columns with --id-column/--pixels-column");
        }
        return table.schema().apply(name);
    }

    private static float[] fromBytes(byte[] bytes) {
        float[] row = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            row[i] = (bytes[i] & 0xFF) / 255f;
        }
        return row;
    }

    /** Array elements; a missing pixel becomes NaN, which the encoder rejects with the row's id. */
    private static float[] fromList(List<Float> values) {
        float[] row = new float[values.size()];
        for (int i = 0; i < row.length; i++) {
            Float v = values.get(i);
            row[i] = v == null ? Float.NaN : v;
        }
        return row;
    }

    // ---- IDX ----

    /** Rows {@code [first, first + count)} of an IDX image file, numbered from {@code firstId}. */
    record IdxPart(String images, String labels, int first, int count, long firstId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static ImageInput idx(SparkSession spark, List<Path> imageFiles, int rowsPerSplit) throws IOException {
        List<IdxPart> whole = new ArrayList<>();
        long total = 0;
        for (Path images : imageFiles) {
            int count;
            try (Rows.Reader reader = Rows.open(images)) {
                count = Math.toIntExact(reader.size().orElseThrow());
            }
            Path labels = labelsFor(images);
            if (labels != null) {
                int labelCount = Rows.idxLabels(labels).length;
                if (labelCount != count) {
                    throw new IOException(images + " holds " + count + " images but " + labels + " holds "
                            + labelCount + " labels");
                }
            }
            whole.add(new IdxPart(images.toAbsolutePath().toString(),
                    labels == null ? null : labels.toAbsolutePath().toString(), 0, count, total));
            total += count;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<IdxPart>> splits = split(whole, splitSize(jsc, total, rowsPerSplit));
        JavaRDD<ImageRow> rows = jsc.parallelize(splits, splits.size()).flatMap(ImageInputs::readIdx);
        // Unlabelled files among labelled ones give null labels; one labelled file is enough for the column.
        boolean hasLabels = whole.stream().anyMatch(p -> p.labels() != null);
        return new ImageInput(rows, hasLabels, OptionalLong.of(total));
    }

    /** The labels beside {@code images}: the same name with {@code -labels-idx1-ubyte}, plain or gzipped. */
    private static Path labelsFor(Path images) {
        String name = images.getFileName().toString();
        int at = name.indexOf(IDX_IMAGES);
        String prefix = name.substring(0, at);
        for (String suffix : List.of(IDX_LABELS, IDX_LABELS + ".gz")) {
            Path candidate = images.resolveSibling(prefix + suffix);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int splitSize(JavaSparkContext jsc, long total, int rowsPerSplit) {
        if (rowsPerSplit > 0) {
            return rowsPerSplit;
        }
        long splits = Math.max(1, (long) jsc.defaultParallelism() * SPLITS_PER_SLOT);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (total + splits - 1) / splits));
    }

    /** Cuts consecutive parts into splits of {@code size} rows; a split may span files. */
    static List<List<IdxPart>> split(List<IdxPart> parts, int size) {
        List<List<IdxPart>> splits = new ArrayList<>();
        List<IdxPart> current = new ArrayList<>();
        int room = size;
        for (IdxPart part : parts) {
            int done = 0;
            while (done < part.count()) {
                int take = Math.min(room, part.count() - done);
                current.add(new IdxPart(part.images(), part.labels(), part.first() + done, take, part.firstId() + done));
                done += take;
                room -= take;
                if (room == 0) {
                    splits.add(current);
                    current = new ArrayList<>();
                    room = size;
                }
            }
        }
        if (!current.isEmpty()) {
            splits.add(current);
        }
        return splits;
    }

    private static Iterator<ImageRow> readIdx(List<IdxPart> parts) {
        Iterator<IdxPart> remaining = parts.iterator();
        return new Iterator<>() {
            private Rows.Reader reader;
            private int[] labels;
            private IdxPart part;
            private int done;

            @Override
            public boolean hasNext() {
                while (part == null || done == part.count()) {
                    close();
                    if (!remaining.hasNext()) {
                        return false;
                    }
                    open(remaining.next());
                }
                return true;
            }

            @Override
            public ImageRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int row = part.first() + done;
                ImageRow image = new ImageRow(part.firstId() + done, labels == null ? null : labels[row], reader.next());
                done++;
                return image;
            }

            private void open(IdxPart next) {
                try {
                    part = next;
                    done = 0;
                    reader = Rows.open(Path.of(next.images()));
                    TaskContext task = TaskContext.get();
                    if (task != null) {
                        Rows.Reader opened = reader;
                        task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) context -> closeQuietly(opened));
                    }
                    labels = next.labels() == null ? null : Rows.idxLabels(Path.of(next.labels()));
                    // IDX files (often gzipped) cannot seek: read past the rows before this split.
                    for (int i = 0; i < next.first(); i++) {
                        reader.next();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            private void close() {
                if (reader != null) {
                    closeQuietly(reader);
                    reader = null;
                }
            }
        };
    }

    private static void closeQuietly(Rows.Reader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // Read-only file: nothing is lost if closing fails.
        }
    }

    // ---- PNG ----

    /** PNG files numbered from {@code firstId} in file-name order. */
    record PngSplit(List<String> files, long firstId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static ImageInput png(SparkSession spark, List<Path> files, int rowsPerSplit) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int size = splitSize(jsc, files.size(), rowsPerSplit);
        List<PngSplit> splits = new ArrayList<>();
        for (int from = 0; from < files.size(); from += size) {
            List<String> names = files.subList(from, Math.min(files.size(), from + size)).stream()
                    .map(p -> p.toAbsolutePath().toString()).toList();
            splits.add(new PngSplit(new ArrayList<>(names), from));
        }
        JavaRDD<ImageRow> rows = jsc.parallelize(splits, splits.size()).flatMap(split -> {
            Iterator<String> names = split.files().iterator();
            long[] next = {split.firstId()};
            return new Iterator<ImageRow>() {
                @Override
                public boolean hasNext() {
                    return names.hasNext();
                }

                @Override
                public ImageRow next() {
                    try {
                        return new ImageRow(next[0]++, null, Rows.png(Path.of(names.next())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        });
        return new ImageInput(rows, false, OptionalLong.of(files.size()));
    }
}
