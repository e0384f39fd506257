package io.latent4j.spark;

import io.latent4j.Autoencoder;
import io.latent4j.ModelLoadException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;

/**
 * Encodes images into latent codes on Spark and writes them as Parquet with columns {@code id},
 * {@code label} (when the input has labels), {@code z1..zk} and, when asked, {@code error} and
 * {@code anomalous} (the anomaly score and flag of the core's {@code score} command).
 *
 * <p>The model travels once per executor as a broadcast of its serialized bytes; each executor
 * restores it once and every task thread encodes on its own copy of the networks, in batches of
 * {@link Settings#batchSize()} rows through {@link Autoencoder#encode(float[][])}, the single-JVM
 * code path. Output goes through Spark's file commit protocol: a retried task's partial files are
 * discarded, so every input row appears exactly once.
 *
 * <p>A bad row (wrong width, NaN, pixels outside [0, 1], no id) fails the job with a message naming
 * its id; with {@link Settings#skipBadRows()} it is written to the rejects output with the reason
 * instead, and counted.
 */
public final class SparkEncodeJob {
    /** Column of the rejects output giving why a row was rejected. */
    public static final String REASON = "reason";
    /** Column of each row's reconstruction error, with {@link Settings#errorThreshold()}. */
    public static final String ERROR = "error";
    /** Column saying whether the error is above the threshold, with {@link Settings#errorThreshold()}. */
    public static final String ANOMALOUS = "anomalous";

    /**
     * @param batchSize   rows per encoder call; memory per task is bounded by one batch
     * @param skipBadRows write bad rows to the rejects output instead of failing
     * @param nd4jThreads ND4J threads per executor (1: one task per core is the faster split)
     * @param overwrite   replace existing outputs
     * @param errorThreshold when not null, also write each row's reconstruction error ({@code error},
     *                    as {@link Autoencoder#reconstructionErrors(float[][])} computes it) and whether it
     *                    is above this threshold ({@code anomalous})
     */
    public record Settings(int batchSize, boolean skipBadRows, int nd4jThreads, boolean overwrite, Double errorThreshold) {
        /** Codes only, no error columns. */
        public Settings(int batchSize, boolean skipBadRows, int nd4jThreads, boolean overwrite) {
            this(batchSize, skipBadRows, nd4jThreads, overwrite, null);
        }

        public Settings {
            if (errorThreshold != null && !(errorThreshold >= 0 && Double.isFinite(errorThreshold))) {
                throw new IllegalArgumentException("the error threshold must be finite and 0 or more, got " + errorThreshold);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            if (nd4jThreads < 1) {
                throw new IllegalArgumentException("ND4J threads must be at least 1, got " + nd4jThreads);
            }
        }
    }

    /**
     * @param rows      rows written to the output
     * @param rejected  rows written to the rejects output
     * @param seconds   wall time from the start of the job to the counted outputs
     * @param partitions tasks the input was split into
     */
    public record Result(long rows, long rejected, double seconds, int partitions) {
        public double rowsPerSecond() {
            return (rows + rejected) / seconds;
        }
    }

    private final SparkSession spark;
    private final byte[] model;
    private final int latentSize;

    private SparkEncodeJob(SparkSession spark, byte[] model, int latentSize) {
        this.spark = spark;
        this.model = model;
        this.latentSize = latentSize;
    }

    /**
     * A job for the serialized model {@code bytes} (a file written by latent4j's {@code train}),
     * checked on the driver before anything is sent to executors.
     */
    public static SparkEncodeJob forModel(SparkSession spark, byte[] bytes) throws ModelLoadException {
        return new SparkEncodeJob(spark, bytes.clone(), ModelCache.load(bytes).latentSize());
    }

    /** The bytes of a model: a file, or {@code pretrained} for the model shipped in the latent4j jar. */
    public static byte[] modelBytes(String model) throws ModelLoadException {
        if ("pretrained".equals(model)) {
            return Autoencoder.pretrainedModelBytes();
        }
        try {
            return Files.readAllBytes(Path.of(model));
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(model + ": no such model file; train one with latent4j's train command "
                    + "or pass --model pretrained", e);
        } catch (IOException e) {
            throw new ModelLoadException(model + ": cannot read the model (" + e.getMessage() + ")", e);
        }
    }

    /** Width of the latent codes: the number of {@code z} columns. */
    public int latentSize() {
        return latentSize;
    }

    /**
     * Encodes {@code input} into Parquet at {@code out}; with {@code skipBadRows}, rejected rows
     * go to Parquet at {@code rejects} ({@code id}, {@code label}, {@code reason}).
     *
     * @param progress receives occasional progress lines
     * @throws IllegalArgumentException if an output exists and {@code overwrite} is off
     * @throws org.apache.spark.SparkException (wrapped by Spark) on a bad row without {@code skipBadRows};
     *         {@link #badRow(Throwable)} extracts its message
     */
    public Result encode(ImageInput input, String out, String rejects, Settings settings, Consumer<String> progress)
            throws IOException {
        checkWritable(out, settings.overwrite());
        if (settings.skipBadRows()) {
            checkWritable(rejects, settings.overwrite());
        }
        long start = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> broadcast = jsc.broadcast(model);
        ProgressListener listener = new ProgressListener(progress, input.size());
        spark.sparkContext().addSparkListener(listener);
        try {
            JavaRDD<Row> encoded = input.rows().mapPartitions(new PartitionEncoder(broadcast, latentSize,
                    settings.batchSize(), input.hasLabels(), settings.skipBadRows(), settings.nd4jThreads(),
                    settings.errorThreshold()));
            Dataset<Row> table = spark.createDataFrame(encoded, schema(input.hasLabels(), settings.skipBadRows(),
                    settings.errorThreshold() != null));
            SaveMode mode = settings.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
            long rejected = 0;
            if (settings.skipBadRows()) {
                // Two outputs from one pass over the input: keep the encoded rows between the writes.
                table.persist(StorageLevel.MEMORY_AND_DISK());
                try {
                    table.filter(col(REASON).isNull()).drop(REASON).write().mode(mode).parquet(out);
                    List<String> kept = new ArrayList<>(List.of("id"));
                    if (input.hasLabels()) {
                        kept.add("label");
                    }
                    kept.add(REASON);
                    table.filter(col(REASON).isNotNull()).selectExpr(kept.toArray(String[]::new))
                            .write().mode(mode).parquet(rejects);
                } finally {
                    table.unpersist();
                }
                rejected = spark.read().parquet(rejects).count();
            } else {
                table.write().mode(mode).parquet(out);
            }
            // Counted from what was committed, not from task counters that retries could inflate.
            long rows = spark.read().parquet(out).count();
            return new Result(rows, rejected, (System.nanoTime() - start) / 1e9, encoded.getNumPartitions());
        } finally {
            spark.sparkContext().removeSparkListener(listener);
            broadcast.destroy();
        }
    }

    private StructType schema(boolean withLabels, boolean withReason, boolean withError) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("id", DataTypes.LongType, withReason));
        if (withLabels) {
            fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, true));
        }
        for (int j = 1; j <= latentSize; j++) {
            fields.add(DataTypes.createStructField("z" + j, DataTypes.FloatType, withReason));
        }
        if (withError) {
            fields.add(DataTypes.createStructField(ERROR, DataTypes.DoubleType, withReason));
            fields.add(DataTypes.createStructField(ANOMALOUS, DataTypes.BooleanType, withReason));
        }
        if (withReason) {
            fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
        }
        return DataTypes.createStructType(fields);
    }

    private void checkWritable(String out, boolean overwrite) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(out);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!overwrite && fs.exists(path)) {
            throw new IllegalArgumentException(out + " already exists: remove it or pass --overwrite");
        }
    }

    /** The bad-row message in a failed job's cause chain, if that is why it failed. */
    public static java.util.Optional<String> badRow(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BadRowException) {
                return java.util.Optional.of(t.getMessage());
            }
        }
        return java.util.Optional.empty();
    }
}
