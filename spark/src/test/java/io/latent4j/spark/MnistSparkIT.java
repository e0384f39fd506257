package io.latent4j.spark;

import io.latent4j.Autoencoder;
import io.latent4j.Rows;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 70,000 real MNIST images through the job in local[2]: counts, ids, labels, latents, a retried task. */
@Tag("integration")
class MnistSparkIT {
    private static final int MNIST_ROWS = 70_000;
    /** Counts injected faults; local mode runs tasks in this JVM. */
    private static final AtomicInteger FAULTS = new AtomicInteger();

    private static SparkSession spark;
    private static SparkEncodeJob job;
    private static Path mnist;
    /** Single-JVM reference in the job's id order (files by name: t10k, then train). */
    private static float[][] expectedCodes;
    private static int[] expectedLabels;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        String env = System.getenv("MNIST_DIR");
        mnist = env != null && !env.isBlank()
                ? Path.of(System.getProperty("latent4j.invocationDir", ".")).resolve(env)
                : Path.of("../../shared/mnist");
        assertTrue(Files.isDirectory(mnist), "MNIST not found at " + mnist.toAbsolutePath() + " (set MNIST_DIR)");
        spark = LocalSpark.session();
        job = SparkEncodeJob.forModel(spark, SparkEncodeJob.modelBytes("pretrained"));
        Autoencoder single = Autoencoder.pretrained();
        List<float[]> codes = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String set : List.of("t10k", "train")) {
            try (Rows.Reader images = Rows.open(mnist.resolve(set + "-images-idx3-ubyte.gz"))) {
                single.encodeAll(images, 1024).forEachRemaining(codes::add);
            }
            for (int label : Rows.idxLabels(mnist.resolve(set + "-labels-idx1-ubyte.gz"))) {
                labels.add(label);
            }
        }
        expectedCodes = codes.toArray(float[][]::new);
        expectedLabels = labels.stream().mapToInt(Integer::intValue).toArray();
        assertEquals(MNIST_ROWS, expectedCodes.length);
    }

    /** Every id 0..69,999 exactly once, with its label and the single-JVM latent code. */
    private void assertAllMnistRows(String out) {
        Dataset<Row> written = spark.read().parquet(out);
        assertEquals(List.of("id", "label", "z1", "z2"), List.of(written.columns()));
        List<Row> rows = written.orderBy("id").collectAsList();
        assertEquals(MNIST_ROWS, rows.size());
        double worst = 0;
        for (int i = 0; i < MNIST_ROWS; i++) {
            Row row = rows.get(i);
            assertEquals(i, row.getLong(0), "ids must be 0..69,999, each exactly once");
            assertEquals(expectedLabels[i], row.getInt(1), "label of id " + i);
            for (int j = 0; j < 2; j++) {
                worst = Math.max(worst, Math.abs(expectedCodes[i][j] - row.getFloat(2 + j)));
            }
        }
        assertTrue(worst <= 1e-5, "largest difference from single-JVM encode: " + worst);
    }

    @Test
    void allMnistImagesAreEncodedOnceEachAsInOneJvm() throws Exception {
        String out = dir.resolve("latents.parquet").toString();
        int restoresBefore = ModelCache.restores();

        SparkEncodeJob.Result result = job.encode(ImageInputs.open(spark, mnist.toString(),
                ImageInputs.Columns.DEFAULT, 0), out, null, new SparkEncodeJob.Settings(1024, false, 1, false), line -> { });

        assertEquals(MNIST_ROWS, result.rows());
        assertEquals(4, result.partitions(), "two splits per task slot");
        assertEquals(1, ModelCache.restores() - restoresBefore, "one restore for the one local executor");
        assertAllMnistRows(out);
    }

    @Test
    void aTaskThatFailsOnItsFirstAttemptIsRetriedWithoutLosingOrRepeatingRows() throws Exception {
        ImageInput mnistInput = ImageInputs.open(spark, mnist.toString(), ImageInputs.Columns.DEFAULT, 0);
        // Partition 1 fails part-way through its first attempt, after some of its rows were written.
        ImageInput faulty = new ImageInput(mnistInput.rows().mapPartitionsWithIndex(new FirstAttemptFault(1, 5_000), true),
                mnistInput.hasLabels(), mnistInput.size());
        String out = dir.resolve("retried.parquet").toString();
        int faultsBefore = FAULTS.get();

        SparkEncodeJob.Result result = job.encode(faulty, out, null,
                new SparkEncodeJob.Settings(1024, false, 1, false), line -> { });

        assertEquals(1, FAULTS.get() - faultsBefore, "the fault must have fired once");
        assertEquals(MNIST_ROWS, result.rows());
        assertAllMnistRows(out);
    }

    /** Throws at row {@code atRow} of partition {@code partition}, on the task's first attempt only. */
    private record FirstAttemptFault(int partition, int atRow)
            implements Function2<Integer, Iterator<ImageRow>, Iterator<ImageRow>> {
        @Override
        public Iterator<ImageRow> call(Integer index, Iterator<ImageRow> rows) {
            boolean inject = index == partition && TaskContext.get().attemptNumber() == 0;
            return new Iterator<>() {
                private int seen;

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public ImageRow next() {
                    if (inject && ++seen == atRow) {
                        FAULTS.incrementAndGet();
                        throw new IllegalStateException("injected fault on the first attempt");
                    }
                    return rows.next();
                }
            };
        }
    }
}
