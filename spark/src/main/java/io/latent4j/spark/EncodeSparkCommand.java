package io.latent4j.spark;

import io.latent4j.Autoencoder;
import io.latent4j.ErrorDistribution;
import io.latent4j.ModelLoadException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code encode-spark}: images to latent codes in Parquet, on a Spark cluster or in local mode. */
@Command(name = "encode-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encode images into latent codes with Spark; writes Parquet with columns id, label (if the "
                + "input has labels) and z1..zk; with --with-error also error and anomalous.",
                "Input: Parquet with columns id (integer), pixels (array of numbers in [0, 1], or binary with one "
                + "byte per pixel) and optional label; a directory of IDX image files (MNIST: the four files, plain "
                + "or .gz; ids follow file-name order) or one such file; or a directory of 28x28 PNGs."})
final class EncodeSparkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] or spark://host:7077 (default: the one spark-submit sets, else local[*]).")
    String master;

    @Mixin
    ModelOption model;

    @Option(names = "--input", paramLabel = "PATH", required = true, description = "Images to encode (see above).")
    String input;

    @Option(names = "--out", paramLabel = "PATH.parquet", required = true, description = "Output Parquet directory.")
    String out;

    @Option(names = "--skip-bad-rows",
            description = "Write rows the encoder cannot take (wrong width, NaN, out of range, no id) to the rejects "
                    + "output and go on; without it the first such row fails the job, naming its id.")
    boolean skipBadRows;

    @Option(names = "--rejects", paramLabel = "PATH.parquet",
            description = "Rejects output for --skip-bad-rows (default: OUT-rejects.parquet): id, label, reason.")
    String rejects;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1024",
            description = "Rows per encoder call in a task (default: ${DEFAULT-VALUE}); bounds each task's memory.")
    int batchSize;

    @Option(names = "--rows-per-split", paramLabel = "N", defaultValue = "0",
            description = "Rows per task for IDX and PNG input (default: two tasks per task slot).")
    int rowsPerSplit;

    @Option(names = "--nd4j-threads", paramLabel = "N", defaultValue = "1",
            description = "ND4J threads per executor (default: ${DEFAULT-VALUE}: Spark's task slots already use the "
                    + "cores; see docs/spark.md).")
    int nd4jThreads;

    @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "id", description = "Parquet id column.")
    String idColumn;

    @Option(names = "--pixels-column", paramLabel = "NAME", defaultValue = "pixels", description = "Parquet pixels column.")
    String pixelsColumn;

    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label",
            description = "Parquet label column, used when present.")
    String labelColumn;

    @Option(names = "--with-error",
            description = "Also write each row's reconstruction error (column error, as the core's score command "
                    + "computes it) and whether it is above the threshold (column anomalous).")
    boolean withError;

    @Option(names = "--threshold", paramLabel = "T",
            description = "With --with-error: flag rows with error above T (default: the training rows' q0.99 from the "
                    + "model card beside --model).")
    Double threshold;

    @Option(names = "--overwrite", description = "Replace existing outputs.")
    boolean overwrite;

    @Option(names = "--quiet", description = "Print only the final summary.")
    boolean quiet;

    @Option(names = "--verbose", description = "Show stack traces on failure.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || nd4jThreads < 1 || rowsPerSplit < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--batch-size and --nd4j-threads must be at least 1, --rows-per-split at least 0");
        }
        if (threshold != null && (!withError || !(threshold >= 0 && Double.isFinite(threshold)))) {
            throw new ParameterException(spec.commandLine(), "--threshold goes with --with-error and must be a finite "
                    + "error of 0 or more");
        }
        PrintWriter err = spec.commandLine().getErr();
        byte[] modelBytes = model.bytes();
        Double errorThreshold = withError ? errorThreshold() : null;
        String rejectsPath = rejects != null ? rejects : out.replaceFirst("(\\.parquet)?/*$", "") + "-rejects.parquet";
        // A session that already runs in this JVM (a notebook, a test) is used and left running.
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = session();
        try {
            SparkEncodeJob job = SparkEncodeJob.forModel(spark, modelBytes);
            ImageInput images = ImageInputs.open(spark, input,
                    new ImageInputs.Columns(idColumn, pixelsColumn, labelColumn), rowsPerSplit);
            SparkEncodeJob.Result result = job.encode(images, out, rejectsPath,
                    new SparkEncodeJob.Settings(batchSize, skipBadRows, nd4jThreads, overwrite, errorThreshold),
                    line -> {
                        if (!quiet) {
                            err.println(line);
                        }
                    });
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.printf(Locale.ROOT, "Encoded %,d rows into %d-D codes in %.2f s (%,.0f rows/s) on %s, %d tasks: %s%n",
                    result.rows(), job.latentSize(), result.seconds(), result.rowsPerSecond(), spark.sparkContext().master(),
                    result.partitions(), out);
            if (errorThreshold != null) {
                stdout.printf(Locale.ROOT, "Columns error and anomalous: error above %.3g (%s)%n", errorThreshold,
                        threshold != null ? "given" : "training q" + ErrorDistribution.DEFAULT_LEVEL);
            }
            if (skipBadRows) {
                stdout.printf(Locale.ROOT, "Rejected %,d rows: %s%n", result.rejected(), rejectsPath);
            }
            return 0;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }

    /** --threshold, else the model card's training q0.99 (a model without one needs --threshold). */
    private double errorThreshold() throws ModelLoadException {
        Autoencoder ae = model.isPretrained() ? Autoencoder.pretrained() : Autoencoder.load(Path.of(model.model));
        // A VAE's threshold is in nats of log-probability, which these columns do not hold.
        if (ae.variational()) {
            throw new ModelLoadException(model.model + ": a variational autoencoder is scored by its reconstruction "
                    + "log-probability, which --with-error does not compute; score it with the core's score command");
        }
        if (threshold != null) {
            return threshold;
        }
        return ae.anomalyThreshold().orElseThrow(() -> new ModelLoadException(model.model + ": its model card records no "
                + "training error distribution (trained by an earlier latent4j, or its card is missing); give --threshold T"));
    }

    private SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("latent4j encode-spark");
        String effective = master != null ? master : System.getProperty("spark.master", "local[*]");
        builder.master(effective);
        if (effective.startsWith("local")) {
            // One process: no web UI to serve, nothing to shuffle.
            builder.config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4");
        }
        // OpenMP reads its thread count when an executor starts; ModelCache applies it again through ND4J.
        builder.config("spark.executorEnv.OMP_NUM_THREADS", String.valueOf(nd4jThreads));
        return builder.getOrCreate();
    }
}
