package io.latent4j.spark;

import io.latent4j.Autoencoder;
import io.latent4j.Rows;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code bench-spark}: end-to-end rows/s of the Spark job in local mode beside single-JVM encoding
 * of the same IDX files, each the median of repeated runs; the numbers behind docs/spark.md.
 */
@Command(name = "bench-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure rows/s: single-JVM encode (read IDX + encode) and the Spark job (read + encode + "
                + "write Parquet) for each master, input form and ND4J thread count; the configurations take turns, "
                + "--repeats rounds after a warm-up round, and medians are reported."})
final class BenchSparkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "DIR", required = true, description = "A directory of IDX image files (MNIST).")
    Path input;

    @Option(names = "--masters", paramLabel = "LIST", split = ",", defaultValue = "local[1],local[2]",
            description = "Spark masters to measure (default: ${DEFAULT-VALUE}).")
    List<String> masters;

    @Option(names = "--nd4j-threads", paramLabel = "LIST", split = ",", defaultValue = "1",
            description = "ND4J threads per executor to measure (default: ${DEFAULT-VALUE}).")
    List<Integer> nd4jThreads;

    @Option(names = "--formats", paramLabel = "LIST", split = ",", defaultValue = "idx",
            description = "Inputs to measure: idx (the directory as given), parquet-binary, parquet-floats (copies of it "
                    + "written once as Parquet with pixels as bytes or as an array of floats). Default: ${DEFAULT-VALUE}.")
    List<String> formatNames;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats must be at least 1");
        }
        List<Format> formats = new ArrayList<>();
        for (String name : formatNames) {
            try {
                formats.add(Format.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--formats: unknown input form '" + name
                        + "'; use idx, parquet-binary or parquet-floats");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        byte[] bytes = model.bytes();
        List<Path> files = idxImageFiles(input);
        Autoencoder single = ModelCache.load(bytes);
        Path scratch = Files.createTempDirectory("latent4j-bench-spark");
        // Configurations take turns, round by round, so that a change in the machine's load
        // (shared machines) hits all of them alike; round 0 is the warm-up.
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Double>> sessionStarts = new LinkedHashMap<>();
        try {
            for (int round = 0; round <= repeats; round++) {
                boolean timed = round > 0;
                for (int threads : nd4jThreads) {
                    record(rates, String.format(Locale.ROOT, "single JVM, %d ND4J thread(s)", threads), timed,
                            singleJvm(single, files, threads));
                }
                for (String master : masters) {
                    long start = System.nanoTime();
                    SparkSession spark = SparkSession.builder().appName("latent4j bench-spark").master(master)
                            .config("spark.ui.enabled", "false").getOrCreate();
                    record(sessionStarts, master, timed, (System.nanoTime() - start) / 1e9);
                    try {
                        SparkEncodeJob job = SparkEncodeJob.forModel(spark, bytes);
                        for (Format format : formats) {
                            String source = format.prepare(spark, input.toString(), scratch);
                            for (int threads : nd4jThreads) {
                                ImageInput images = ImageInputs.open(spark, source, ImageInputs.Columns.DEFAULT, 0);
                                SparkEncodeJob.Result result = job.encode(images, scratch.resolve("out.parquet").toString(),
                                        null, new SparkEncodeJob.Settings(1024, false, threads, true), line -> { });
                                record(rates, String.format(Locale.ROOT, "spark %s, %s input, %d ND4J thread(s)", master,
                                        format.label, threads), timed, result.rowsPerSecond());
                            }
                        }
                    } finally {
                        spark.stop();
                    }
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        rates.forEach((config, runs) -> out.printf(Locale.ROOT, "%s: %,.0f rows/s (median of %d; runs %s)%n", config,
                median(runs), runs.size(), describe(runs)));
        sessionStarts.forEach((master, runs) -> out.printf(Locale.ROOT, "session start %s: %.1f s (median)%n", master,
                median(runs)));
        return 0;
    }

    private static void record(Map<String, List<Double>> results, String config, boolean timed, double value) {
        List<Double> runs = results.computeIfAbsent(config, k -> new ArrayList<>());
        if (timed) {
            runs.add(value);
        }
    }

    /** Rows/s of reading and encoding every file once on this thread with {@code threads} ND4J threads. */
    private static double singleJvm(Autoencoder ae, List<Path> files, int threads) throws IOException {
        ModelCache.useNd4jThreads(threads);
        long start = System.nanoTime();
        long rows = 0;
        for (Path images : files) {
            try (Rows.Reader reader = Rows.open(images)) {
                var codes = ae.encodeAll(reader, 1024);
                while (codes.hasNext()) {
                    codes.next();
                    rows++;
                }
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Path> idxImageFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().matches(".*-images-idx3-ubyte(\\.gz)?"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IOException(dir + ": no IDX image files (*-images-idx3-ubyte[.gz])");
            }
            return files;
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String describe(List<Double> runs) {
        return String.join(" ", runs.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).toList());
    }

    /** The input forms measured. */
    enum Format {
        IDX("IDX"), PARQUET_BINARY("Parquet binary"), PARQUET_FLOATS("Parquet float-array");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        /** The input path for this form: the IDX directory, or a Parquet copy of it made once in {@code scratch}. */
        String prepare(SparkSession spark, String idxDir, Path scratch) throws IOException {
            if (this == IDX) {
                return idxDir;
            }
            Path copy = scratch.resolve(name().toLowerCase(Locale.ROOT) + ".parquet");
            if (Files.exists(copy)) {
                return copy.toString();
            }
            boolean binary = this == PARQUET_BINARY;
            JavaRDD<Row> rows = ImageInputs.open(spark, idxDir, ImageInputs.Columns.DEFAULT, 0).rows()
                    .map(image -> RowFactory.create(image.id(), image.label(), binary ? toBytes(image.pixels()) : boxed(image.pixels())));
            StructType schema = new StructType().add("id", DataTypes.LongType).add("label", DataTypes.IntegerType)
                    .add("pixels", binary ? DataTypes.BinaryType : DataTypes.createArrayType(DataTypes.FloatType));
            spark.createDataFrame(rows, schema).write().parquet(copy.toString());
            return copy.toString();
        }

        private static byte[] toBytes(float[] pixels) {
            byte[] bytes = new byte[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                bytes[i] = (byte) Math.round(pixels[i] * 255);
            }
            return bytes;
        }

        private static Float[] boxed(float[] pixels) {
            Float[] values = new Float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                values[i] = pixels[i];
            }
            return values;
        }
    }
}
