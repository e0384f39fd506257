package io.latent4j.spark;

import io.latent4j.Autoencoder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job on small synthetic inputs: Parquet and PNG input, bad rows, the command line. */
class SparkEncodeJobTest {
    private static final int WIDTH = 784;
    private static final SparkEncodeJob.Settings FAIL_ON_BAD = new SparkEncodeJob.Settings(64, false, 1, false);
    private static final SparkEncodeJob.Settings SKIP_BAD = new SparkEncodeJob.Settings(64, true, 1, false);

    private static SparkSession spark;
    private static SparkEncodeJob job;
    private static Autoencoder single;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = LocalSpark.session();
        job = SparkEncodeJob.forModel(spark, SparkEncodeJob.modelBytes("pretrained"));
        single = Autoencoder.pretrained();
    }

    private static float[][] randomImages(int n, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][WIDTH];
        for (float[] row : rows) {
            for (int j = 0; j < WIDTH; j++) {
                row[j] = random.nextFloat();
            }
        }
        return rows;
    }

    /** Writes rows as Parquet (id, pixels array<float>, label); {@code pixels[i]} may be odd on purpose. */
    private String parquet(float[][] pixels, long firstId) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < pixels.length; i++) {
            Float[] boxed = new Float[pixels[i].length];
            for (int j = 0; j < boxed.length; j++) {
                boxed[j] = pixels[i][j];
            }
            rows.add(RowFactory.create(firstId + i, boxed, i % 10));
        }
        StructType schema = new StructType()
                .add("id", DataTypes.LongType)
                .add("pixels", DataTypes.createArrayType(DataTypes.FloatType))
                .add("label", DataTypes.IntegerType);
        String path = dir.resolve("in.parquet").toString();
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(path);
        return path;
    }

    private static Map<Long, Row> byId(Dataset<Row> table) {
        return table.collectAsList().stream().collect(Collectors.toMap(r -> r.getLong(0), Function.identity()));
    }

    private static void assertMatchesSingleJvm(float[][] pixels, long firstId, Map<Long, Row> out, int firstZ) {
        float[][] expected = single.encode(pixels);
        for (int i = 0; i < pixels.length; i++) {
            Row row = out.get(firstId + i);
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], row.getFloat(firstZ + j), 1e-5, "id " + (firstId + i) + " z" + (j + 1));
            }
        }
    }

    @Test
    void parquetRowsAreEncodedOnceEachWithTheirIdsAndLabelsAsInOneJvm() throws Exception {
        float[][] pixels = randomImages(500, 1);
        String in = parquet(pixels, 1000);
        String out = dir.resolve("out.parquet").toString();

        SparkEncodeJob.Result result = job.encode(ImageInputs.open(spark, in, ImageInputs.Columns.DEFAULT, 0), out,
                null, FAIL_ON_BAD, line -> { });

        assertEquals(500, result.rows());
        Dataset<Row> written = spark.read().parquet(out);
        assertEquals(List.of("id", "label", "z1", "z2"), Arrays.asList(written.columns()));
        Map<Long, Row> rows = byId(written);
        assertEquals(500, rows.size());
        assertEquals(500, written.count());
        assertEquals(7, rows.get(1007L).getInt(1));
        assertMatchesSingleJvm(pixels, 1000, rows, 2);
    }

    @Test
    void aBinaryPixelColumnIsReadAsBytesOver255() throws Exception {
        byte[][] bytes = new byte[40][WIDTH];
        new Random(2).nextBytes(bytes[0]);
        for (int i = 1; i < bytes.length; i++) {
            bytes[i] = bytes[i - 1].clone();
            bytes[i][i] ^= 0x55;
        }
        List<Row> rows = new ArrayList<>();
        float[][] scaled = new float[bytes.length][WIDTH];
        for (int i = 0; i < bytes.length; i++) {
            rows.add(RowFactory.create(i, bytes[i]));
            for (int j = 0; j < WIDTH; j++) {
                scaled[i][j] = (bytes[i][j] & 0xFF) / 255f;
            }
        }
        StructType schema = new StructType().add("key", DataTypes.IntegerType).add("image", DataTypes.BinaryType);
        String in = dir.resolve("bytes.parquet").toString();
        spark.createDataFrame(rows, schema).write().parquet(in);
        String out = dir.resolve("out.parquet").toString();

        job.encode(ImageInputs.open(spark, in, new ImageInputs.Columns("key", "image", "label"), 0), out, null,
                FAIL_ON_BAD, line -> { });

        Dataset<Row> written = spark.read().parquet(out);
        assertEquals(List.of("id", "z1", "z2"), Arrays.asList(written.columns()));
        assertMatchesSingleJvm(scaled, 0, byId(written), 1);
    }

    @Test
    void aNanPixelFailsTheJobNamingTheRowId() throws Exception {
        float[][] pixels = randomImages(300, 3);
        pixels[142][5] = Float.NaN;
        String in = parquet(pixels, 0);

        Exception failure = assertThrows(Exception.class, () -> job.encode(
                ImageInputs.open(spark, in, ImageInputs.Columns.DEFAULT, 0), dir.resolve("out.parquet").toString(),
                null, FAIL_ON_BAD, line -> { }));

        String message = SparkEncodeJob.badRow(failure).orElseThrow(() -> new AssertionError("not a bad row", failure));
        assertTrue(message.startsWith("row id 142: pixel 5 is NaN"), message);
    }

    @Test
    void aRowOfTheWrongWidthFailsTheJobNamingTheRowId() throws Exception {
        float[][] pixels = randomImages(300, 4);
        pixels[17] = Arrays.copyOf(pixels[17], WIDTH - 1);
        String in = parquet(pixels, 0);

        Exception failure = assertThrows(Exception.class, () -> job.encode(
                ImageInputs.open(spark, in, ImageInputs.Columns.DEFAULT, 0), dir.resolve("out.parquet").toString(),
                null, FAIL_ON_BAD, line -> { }));

        String message = SparkEncodeJob.badRow(failure).orElseThrow(() -> new AssertionError("not a bad row", failure));
        assertTrue(message.startsWith("row id 17 has 783 pixel values, expected 784"), message);
    }

    @Test
    void withSkipBadRowsEveryBadRowGoesToTheRejectsWithItsReason() throws Exception {
        float[][] pixels = randomImages(300, 5);
        pixels[17] = Arrays.copyOf(pixels[17], WIDTH + 3);
        pixels[142][5] = Float.NaN;
        pixels[200][9] = 200f;
        String in = parquet(pixels, 0);
        String out = dir.resolve("out.parquet").toString();
        String rejects = dir.resolve("rejects.parquet").toString();

        SparkEncodeJob.Result result = job.encode(ImageInputs.open(spark, in, ImageInputs.Columns.DEFAULT, 0), out,
                rejects, SKIP_BAD, line -> { });

        assertEquals(297, result.rows());
        assertEquals(3, result.rejected());
        Map<Long, Row> bad = byId(spark.read().parquet(rejects));
        assertEquals(List.of("id", "label", "reason"), Arrays.asList(spark.read().parquet(rejects).columns()));
        assertEquals(Map.of(17L, "row id 17 has 787 pixel values, expected 784",
                        142L, "row id 142: pixel 5 is NaN",
                        200L, "row id 200: pixel 9 is 200.0, outside [0, 1]; the pixels look like 0-255 values: divide them by 255"),
                bad.values().stream().collect(Collectors.toMap(r -> r.getLong(0), r -> r.getString(2))));
        Map<Long, Row> good = byId(spark.read().parquet(out));
        assertEquals(297, good.size());
        float[][] kept = new float[1][];
        for (long id : good.keySet()) {
            kept[0] = pixels[(int) id];
            assertMatchesSingleJvm(kept, id, good, 2);
        }
    }

    @Test
    void pngFolderIsEncodedInFileNameOrder() throws Exception {
        float[][] pixels = randomImages(12, 6);
        Path pngs = Files.createDirectories(dir.resolve("pngs"));
        float[][] stored = new float[pixels.length][WIDTH];
        for (int i = 0; i < pixels.length; i++) {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < WIDTH; p++) {
                int grey = Math.round(pixels[i][p] * 255);
                image.getRaster().setSample(p % 28, p / 28, 0, grey);
                stored[i][p] = grey / 255f;
            }
            ImageIO.write(image, "png", pngs.resolve(String.format("img-%03d.png", i)).toFile());
        }
        String out = dir.resolve("out.parquet").toString();

        SparkEncodeJob.Result result = job.encode(ImageInputs.open(spark, pngs.toString(), ImageInputs.Columns.DEFAULT, 5),
                out, null, FAIL_ON_BAD, line -> { });

        assertEquals(12, result.rows());
        assertEquals(3, result.partitions());
        assertMatchesSingleJvm(stored, 0, byId(spark.read().parquet(out)), 1);
    }

    @Test
    void idxSplitsSpanFilesAndCoverEveryRowOnce() {
        List<ImageInputs.IdxPart> files = List.of(new ImageInputs.IdxPart("a", null, 0, 10, 0),
                new ImageInputs.IdxPart("b", "b-labels", 0, 7, 10));

        List<List<ImageInputs.IdxPart>> splits = ImageInputs.split(files, 6);

        assertEquals(List.of(
                List.of(new ImageInputs.IdxPart("a", null, 0, 6, 0)),
                List.of(new ImageInputs.IdxPart("a", null, 6, 4, 6), new ImageInputs.IdxPart("b", "b-labels", 0, 2, 10)),
                List.of(new ImageInputs.IdxPart("b", "b-labels", 2, 5, 12))), splits);
    }

    @Test
    void commandLineEncodesAndRefusesToOverwrite() throws Exception {
        String in = parquet(randomImages(50, 7), 0);
        String out = dir.resolve("cli.parquet").toString();
        String[] args = {"encode-spark", "--master", LocalSpark.MASTER, "--model", "pretrained", "--input", in,
                "--out", out, "--quiet"};
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int first = SparkMain.run(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        int second = SparkMain.run(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));

        assertEquals(0, first, stderr.toString());
        assertTrue(stdout.toString().startsWith("Encoded 50 rows into 2-D codes"), stdout.toString());
        assertEquals(50, spark.read().parquet(out).count());
        assertEquals(1, second);
        assertEquals("latent4j-spark: " + out + " already exists: remove it or pass --overwrite",
                stderr.toString().strip());
    }

    @Test
    void withAnErrorThresholdEveryRowGetsItsReconstructionErrorAndFlagAsInOneJvm() throws Exception {
        float[][] pixels = randomImages(200, 11);
        double[] expected = single.reconstructionErrors(pixels);
        double[] sorted = expected.clone();
        Arrays.sort(sorted);
        // Between the 100th and 101st errors: half the rows above it.
        double threshold = (sorted[99] + sorted[100]) / 2;
        String out = dir.resolve("errors.parquet").toString();

        SparkEncodeJob.Result result = job.encode(ImageInputs.open(spark, parquet(pixels, 0), ImageInputs.Columns.DEFAULT, 0),
                out, null, new SparkEncodeJob.Settings(64, false, 1, false, threshold), line -> { });

        assertEquals(200, result.rows());
        Dataset<Row> written = spark.read().parquet(out);
        assertEquals(List.of("id", "label", "z1", "z2", "error", "anomalous"), Arrays.asList(written.columns()));
        Map<Long, Row> rows = byId(written);
        long flagged = 0;
        for (int i = 0; i < pixels.length; i++) {
            Row row = rows.get((long) i);
            assertEquals(expected[i], row.getDouble(4), 1e-6 * expected[i], "id " + i);
            assertEquals(expected[i] > threshold, row.getBoolean(5), "id " + i);
            flagged += row.getBoolean(5) ? 1 : 0;
        }
        assertEquals(100, flagged);
        assertMatchesSingleJvm(pixels, 0, rows, 2);
    }

    @Test
    void commandLineWithErrorNeedsAThresholdForAModelWithoutOne() {
        String in = parquet(randomImages(20, 12), 0);
        String out = dir.resolve("cli-errors.parquet").toString();
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        String[] base = {"encode-spark", "--master", LocalSpark.MASTER, "--model", "pretrained", "--input", in, "--out", out,
            "--quiet", "--with-error"};

        assertEquals(1, SparkMain.run(base, new PrintWriter(stdout, true), new PrintWriter(stderr, true)));
        assertEquals("latent4j-spark: pretrained: its model card records no training error distribution (trained by an "
                + "earlier latent4j, or its card is missing); give --threshold T", stderr.toString().strip());
        String[] given = Arrays.copyOf(base, base.length + 2);
        given[base.length] = "--threshold";
        given[base.length + 1] = "0.05";
        assertEquals(0, SparkMain.run(given, new PrintWriter(stdout, true), new PrintWriter(stderr, true)), stderr.toString());
        assertTrue(stdout.toString().contains("Columns error and anomalous: error above 0.0500 (given)"), stdout.toString());
        assertEquals(List.of("id", "label", "z1", "z2", "error", "anomalous"),
                Arrays.asList(spark.read().parquet(out).columns()));
        String[] withoutError = {"encode-spark", "--model", "pretrained", "--input", in, "--out", out, "--threshold", "0.05"};
        assertEquals(2, SparkMain.run(withoutError, new PrintWriter(stdout, true), new PrintWriter(stderr, true)));
    }

    @Test
    void commandLineNamesAMissingInput() {
        StringWriter stderr = new StringWriter();
        String missing = dir.resolve("nothing-here").toString();

        int code = SparkMain.run(new String[] {"encode-spark", "--master", LocalSpark.MASTER, "--model", "pretrained",
                        "--input", missing, "--out", dir.resolve("o.parquet").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true));

        assertEquals(1, code);
        assertEquals("latent4j-spark: " + missing + ": no such file or directory", stderr.toString().strip());
    }
}
