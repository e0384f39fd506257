package io.latent4j.cli;

import io.latent4j.Autoencoder;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.data.IdxFiles;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.ModelStore;
import io.latent4j.train.AnomalyMetrics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code score} end to end on 4x4 synthetic images: a model trained on classes 0 and 1, scored on 0, 1 and 2. */
class ScoreCommandTest {
    private static final Pattern SEPARATION = Pattern.compile("ROC AUC (\\d\\.\\d{3}), average precision (\\d\\.\\d{2}), "
            + "recall (\\d\\.\\d{2}) and false-positive rate (\\d\\.\\d{3}) at threshold (\\S+) \\(training q0\\.99\\)");

    @TempDir
    static Path dir;
    private static Path model;
    private static Path images;
    private static Path labels;
    private static int[] labelValues;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Classes 0 and 1 are smooth gradients of random strength; class 2 is noise. */
    private static byte[] pixels(int count, int[] classes, long seed) {
        Random random = new Random(seed);
        byte[] payload = new byte[count * 16];
        for (int i = 0; i < count; i++) {
            double strength = 0.5 + 0.5 * random.nextDouble();
            for (int p = 0; p < 16; p++) {
                int x = p % 4;
                int y = p / 4;
                double v = switch (classes[i]) {
                    case 0 -> strength * x / 3.0;
                    case 1 -> strength * y / 3.0;
                    default -> random.nextDouble();
                };
                payload[i * 16 + p] = (byte) Math.round(255 * v);
            }
        }
        return payload;
    }

    private static Path idxPair(String name, int[] classes, long seed) throws IOException {
        Files.write(dir.resolve(name + "-labels.idx"), IdxFiles.idx(new int[] {classes.length},
                toBytes(classes)));
        return Files.write(dir.resolve(name + "-images.idx"), IdxFiles.idx(new int[] {classes.length, 4, 4},
                pixels(classes.length, classes, seed)));
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @BeforeAll
    static void trainOnClassesZeroAndOne() throws IOException {
        int[] trainClasses = new int[400];
        for (int i = 0; i < trainClasses.length; i++) {
            trainClasses[i] = i % 2;
        }
        Path train = idxPair("train", trainClasses, 1);
        model = dir.resolve("small.zip");
        StringWriter log = new StringWriter();
        int code = Main.run(new String[] {"train", "--train", train.toString(), "--train-labels",
                dir.resolve("train-labels.idx").toString(), "--layers", "16,8,2", "--iterations", "400", "--lr", "0.01",
                "--model-out", model.toString(), "--no-export", "--quiet"}, new PrintWriter(log, true),
                new PrintWriter(log, true));
        assertEquals(0, code, log.toString());
        labelValues = new int[90];
        for (int i = 0; i < labelValues.length; i++) {
            labelValues[i] = i % 3;
        }
        images = idxPair("test", labelValues, 2);
        labels = dir.resolve("test-labels.idx");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aVariationalModelIsScoredByItsNegativeLogProbabilityAgainstItsOwnThreshold() throws Exception {
        Path vae = dir.resolve("vae.zip");
        assertEquals(0, run("train", "--kind", "vae", "--train", dir.resolve("train-images.idx").toString(),
                "--train-labels", dir.resolve("train-labels.idx").toString(), "--layers", "16,8,2", "--iterations", "300",
                "--lr", "0.01", "--model-out", vae.toString(), "--no-export", "--quiet"), err.toString());
        Path scores = dir.resolve("vae-scores.csv");
        assertEquals(0, run("score", "--model", vae.toString(), "--input", images.toString(), "--labels",
                labels.toString(), "--out", scores.toString(), "--batch-size", "7"), err.toString());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("id,neg_log_probability,anomalous,label", lines.get(0));
        double[] written = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[1])).toArray();
        Autoencoder ae = Autoencoder.load(vae);
        float[][] rows = new float[labelValues.length][];
        try (io.latent4j.Rows.Reader reader = io.latent4j.Rows.open(images)) {
            for (int i = 0; i < rows.length; i++) {
                rows[i] = reader.next();
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(ae.anomalyScores(rows), written, 1e-9);
        assertTrue(out.toString().contains("with negative log-probability above "
                + ScoreCommand.describe(new ScoreCommand.Threshold(ae.anomalyThreshold().orElseThrow(), "training q0.99"))),
                out.toString());
        Matcher separation = SEPARATION.matcher(out.toString());
        assertTrue(separation.find(), out.toString());
        assertTrue(Double.parseDouble(separation.group(1)) > 0.9, "noise rows score higher: " + out);
    }

    @Test
    void writesEveryRowsErrorFlagsAboveTheCardsThresholdAndMeasuresTheSeparation() throws Exception {
        Path scores = dir.resolve("scores.csv");
        assertEquals(0, run("score", "--model", model.toString(), "--input", images.toString(), "--labels",
                labels.toString(), "--out", scores.toString(), "--batch-size", "7"), err.toString());

        Autoencoder ae = Autoencoder.load(model);
        double threshold = ae.anomalyThreshold().orElseThrow();
        List<String> lines = Files.readAllLines(scores);
        assertEquals("id,error,anomalous,label", lines.get(0));
        assertEquals(labelValues.length + 1, lines.size());
        float[][] rows = new float[labelValues.length][16];
        byte[] payload = pixels(labelValues.length, labelValues, 2);
        for (int i = 0; i < payload.length; i++) {
            rows[i / 16][i % 16] = (payload[i] & 0xFF) / 255f;
        }
        double[] expected = ae.reconstructionErrors(rows);
        double[] errors = new double[labelValues.length];
        boolean[] anomalous = new boolean[labelValues.length];
        long flagged = 0;
        for (int i = 0; i < labelValues.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(String.valueOf(i), cells[0]);
            errors[i] = Double.parseDouble(cells[1]);
            assertEquals(expected[i], errors[i], 1e-6, "row " + i);
            assertEquals(String.valueOf(errors[i] > threshold), cells[2], "row " + i);
            assertEquals(String.valueOf(labelValues[i]), cells[3]);
            anomalous[i] = labelValues[i] == 2;
            flagged += errors[i] > threshold ? 1 : 0;
        }

        String printed = out.toString();
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT, "Scored 90 rows in "))
                && printed.contains(String.format(java.util.Locale.ROOT, ": %d flagged anomalous (%.1f%%) with error above "
                + "%.3g (training q0.99); wrote %s", flagged, 100.0 * flagged / 90, threshold, scores)), printed);
        Matcher m = SEPARATION.matcher(printed);
        assertTrue(m.find(), printed);
        double auc = AnomalyMetrics.rocAuc(errors, anomalous);
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", auc), m.group(1));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", AnomalyMetrics.averagePrecision(errors, anomalous)),
                m.group(2));
        AnomalyMetrics.AtThreshold at = AnomalyMetrics.atThreshold(errors, anomalous, threshold);
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", at.recall()), m.group(3));
        assertEquals(String.format(java.util.Locale.ROOT, "%.3f", at.falsePositiveRate()), m.group(4));
        assertTrue(auc > 0.9, "noise reconstructs worse than the gradients trained on: AUC " + auc);
    }

    @Test
    void thresholdOptionsAndNormalLabelsOverrideTheCard() throws IOException {
        Path scores = dir.resolve("given.csv");
        assertEquals(0, run("score", "--model", model.toString(), "--input", images.toString(), "--out", scores.toString(),
                "--threshold", "0"), err.toString());
        assertTrue(out.toString().contains(": 90 flagged anomalous (100.0%) with error above 0.00 (given)"), out.toString());
        assertEquals("id,error,anomalous", Files.readAllLines(scores).get(0));

        assertEquals(0, run("score", "--model", model.toString(), "--input", images.toString(), "--labels",
                labels.toString(), "--out", scores.toString(), "--threshold-quantile", "0.5", "--normal-labels", "0,1,2"));
        assertTrue(out.toString().contains("(training q0.5)"), out.toString());
        assertTrue(out.toString().contains("Separation not measured: all of the 90 labelled rows have a normal label "
                + "[0, 1, 2]"), out.toString());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path scores = dir.resolve("bad.csv");
        String[][] cases = {
            {"--normal-labels must be label values like 1,5,6; got 'one'", "--labels", labels.toString(), "--normal-labels",
                "one,5"},
            {"--threshold-quantile must be one of the quantiles the model card records (0.5, 0.9, 0.95, 0.99, 0.999), "
                + "got 0.97", "--threshold-quantile", "0.97"},
            {"give --threshold or --threshold-quantile, not both", "--threshold", "0.1", "--threshold-quantile", "0.99"},
            {"--threshold must be a finite error of 0 or more", "--threshold", "-1"},
            {"--normal-labels goes with --labels", "--normal-labels", "1"},
            {"--batch-size must be at least 1", "--batch-size", "0"},
        };
        for (String[] c : cases) {
            String[] args = concat(new String[] {"score", "--model", model.toString(), "--input", images.toString(), "--out",
                    scores.toString()}, Arrays.copyOfRange(c, 1, c.length));
            assertEquals(2, run(args), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().lines().findFirst().orElse("").contains(c[0]), err.toString());
            assertFalse(Files.exists(scores));
        }
    }

    @Test
    void fileProblemsFailWithOneLineNamingTheFile() throws IOException {
        Path scores = dir.resolve("failed.csv");
        Path missing = dir.resolve("no-labels.idx");
        assertFails("no-labels.idx", "--labels", missing.toString());
        Path three = Files.write(dir.resolve("three-labels.idx"), IdxFiles.idx(new int[] {3}, new byte[3]));
        assertFails("holds 90 images but " + three + " holds 3 labels", "--labels", three.toString());

        // A model whose card records no distribution (here: no card at all) needs a threshold.
        Path bare = dir.resolve("bare.zip");
        ModelStore.save(AutoencoderArchitecture.newAutoencoder(AutoencoderConfig.tutorial()
                .withEncoderSizes(List.of(16, 8, 2))), bare, false);
        assertEquals(1, run("score", "--model", bare.toString(), "--input", images.toString(), "--out", scores.toString()));
        assertTrue(err.toString().strip().contains(bare + ": its model card records no training error distribution"),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertEquals(0, run("score", "--model", bare.toString(), "--input", images.toString(), "--out", scores.toString(),
                "--threshold", "0.05"), err.toString());
        assertEquals(2, run("score", "--model", bare.toString(), "--input", images.toString(), "--out", scores.toString(),
                "--labels", labels.toString(), "--threshold", "0.05"));
        assertTrue(err.toString().contains("names no numeric training classes to take as normal; give --normal-labels"),
                err.toString());
    }

    private void assertFails(String fragment, String... extra) {
        Path scores = dir.resolve("failed.csv");
        String[] args = concat(new String[] {"score", "--model", model.toString(), "--input", images.toString(), "--out",
                scores.toString()}, extra);
        assertEquals(1, run(args), err.toString());
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(fragment), message);
        assertFalse(message.contains("\tat "), message);
        assertFalse(Files.exists(scores), "no output on failure");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
