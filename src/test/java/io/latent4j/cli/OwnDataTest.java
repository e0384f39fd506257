package io.latent4j.cli;

import io.latent4j.ModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train}, {@code encode} and {@code decode} on data of the user's own: CSV, image folders, IDX of any size. */
class OwnDataTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** 200 rows of 4 features around 100, 200, 300 and 400, in two classes, with a header. */
    private Path sensorCsv() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,status,c,d\n");
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            String status = i % 2 == 0 ? "ok" : "fault";
            double shift = status.equals("ok") ? 0 : 20;
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%.3f,%.3f%n", 100 + shift + 5 * random.nextGaussian(),
                    200 + 5 * random.nextGaussian(), status, 300 - shift + 5 * random.nextGaussian(),
                    400 + 5 * random.nextGaussian()));
        }
        return Files.writeString(dir.resolve("sensors.csv"), csv);
    }

    @Test
    void aCsvWithAHeaderAndALabelColumnTrainsEncodesAndDecodesInItsOwnUnits() throws IOException {
        Path csv = sensorCsv();
        Path model = dir.resolve("models/sensors.zip");
        assertEquals(0, run("train", "--train", csv.toString(), "--skip-lines", "1", "--label-column", "status",
                "--layers", "4,8,2", "--preset", "fast", "--iterations", "300", "--model-out", model.toString()), err.toString());
        ModelCard card = ModelCard.load(dir.resolve("models/sensors.json"));
        assertEquals("csv", card.dataKind());
        assertEquals(List.of("fault", "ok"), card.classNames());
        assertEquals(List.of(4, 8, 2, 8, 4), card.layers());
        assertEquals(180, card.trainCount());
        assertEquals(20, card.testCount());
        assertTrue(card.scaling().startsWith("min-max"), card.scaling());
        assertTrue(card.dataDescription().contains("sensors.csv"), card.dataDescription());
        assertFalse(card.verifiedMnist());
        assertTrue(card.lossLog().get(card.lossLog().size() - 1).loss() < card.lossLog().get(0).loss(), "loss fell");
        String report = Files.readString(dir.resolve("models/sensors-report/README.md"));
        assertTrue(report.contains(card.dataDescription()), "the report names the data");
        assertFalse(report.contains("SHA-256 before loading") || report.contains("digit"), "no MNIST words: " + report);
        assertTrue(Files.exists(dir.resolve("models/sensors-report/latent-space.png")));
        assertTrue(report.contains(String.format(java.util.Locale.ROOT, "recorded in the model card: %.5f",
                card.trainErrors().quantile(0.99).orElseThrow())), "the anomaly section has the card's threshold");
        assertTrue(report.contains("there are no other rows to separate them from"), "every test row is of a trained class");
        assertTrue(Files.exists(dir.resolve("models/sensors-report/anomaly-scores.png")));
        assertFalse(Files.exists(dir.resolve("models/sensors-report/anomaly-examples.png")), "CSV rows are not images");

        Path codes = dir.resolve("z.csv");
        assertEquals(0, run("encode", "--model", model.toString(), "--input", csv.toString(), "--skip-lines", "1",
                "--label-column", "status", "--out", codes.toString()), err.toString());
        assertEquals(201, Files.readAllLines(codes).size(), "a header and one code per row");
        Path rows = dir.resolve("rows.csv");
        assertEquals(0, run("decode", "--model", model.toString(), "--input", codes.toString(), "--out", rows.toString()),
                err.toString());
        List<String> decoded = Files.readAllLines(rows);
        assertEquals(200, decoded.size());
        double[] means = new double[4];
        for (String line : decoded) {
            String[] cells = line.split(",");
            for (int c = 0; c < 4; c++) {
                means[c] += Double.parseDouble(cells[c]) / decoded.size();
            }
        }
        for (int c = 0; c < 4; c++) {
            assertEquals(100 * (c + 1), means[c], 25, "decoded column " + c + " is in the file's units");
        }
    }

    @Test
    void aLabelledImageFolderTrainsWithALatentSizeOfThree() throws IOException {
        Random random = new Random(5);
        for (String shape : List.of("bars", "blocks")) {
            Path folder = Files.createDirectories(dir.resolve("shapes").resolve(shape));
            for (int n = 0; n < 20; n++) {
                BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 12; x++) {
                        boolean on = shape.equals("bars") ? x % 4 < 2 : (x / 6 + y / 6) % 2 == 0;
                        image.getRaster().setSample(x, y, 0, on ? 200 + random.nextInt(55) : random.nextInt(40));
                    }
                }
                ImageIO.write(image, n % 2 == 0 ? "png" : "jpg", folder.resolve(n + (n % 2 == 0 ? ".png" : ".jpg")).toFile());
            }
        }
        Path model = dir.resolve("shapes.zip");
        assertEquals(0, run("train", "--train", dir.resolve("shapes").toString(), "--image-size", "8x8", "--layers",
                "64,16,3", "--iterations", "200", "--learning-rate", "1e-3", "--model-out", model.toString()), err.toString());
        ModelCard card = ModelCard.load(dir.resolve("shapes.json"));
        assertEquals("image-folder", card.dataKind());
        assertEquals(List.of("bars", "blocks"), card.classNames());
        assertEquals(3, card.latentSize());
        assertEquals("pixels / 255", card.scaling());
        String report = Files.readString(dir.resolve("shapes-report/README.md"));
        assertTrue(report.contains("principal components"), "a 3-D code is shown by its principal components");
        assertTrue(report.contains("need a 2-D code"), "the report says what it left out and why");
        assertTrue(Files.exists(dir.resolve("shapes-report/reconstruction.png")));
        assertTrue(Files.exists(dir.resolve("shapes-report/anomaly-examples.png")), "image rows show their extremes");
        assertTrue(out.toString().contains("skipped generation, manifold and interpolation"), out.toString());
        assertTrue(card.lossLog().get(card.lossLog().size() - 1).loss() < card.lossLog().get(0).loss(), "loss fell");
        Path codes = dir.resolve("shapes-z.csv");
        assertEquals(0, run("encode", "--model", model.toString(), "--input", dir.resolve("shapes").toString(),
                "--image-size", "8x8", "--out", codes.toString()), err.toString());
        assertEquals(41, Files.readAllLines(codes).size(), "the model reloads and encodes every image");
        assertEquals(0, run("decode", "--model", model.toString(), "--input", codes.toString(), "--out",
                dir.resolve("shapes-back.csv").toString()), err.toString());
        for (String line : Files.readAllLines(dir.resolve("shapes-back.csv"))) {
            for (String value : line.split(",")) {
                assertTrue(Float.parseFloat(value) > -0.5 && Float.parseFloat(value) < 1.5, "pixels stay pixels: " + value);
            }
        }
    }

    @Test
    void anIdxPairOfAnyCountAndSizeTrains() throws IOException {
        Path images = dir.resolve("small-images.idx");
        Path labels = dir.resolve("small-labels.idx");
        Random random = new Random(1);
        try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(images));
             DataOutputStream lab = new DataOutputStream(Files.newOutputStream(labels))) {
            img.writeInt(0x803);
            img.writeInt(300);
            img.writeInt(6);
            img.writeInt(6);
            lab.writeInt(0x801);
            lab.writeInt(300);
            for (int i = 0; i < 300; i++) {
                int label = i % 3;
                for (int p = 0; p < 36; p++) {
                    img.writeByte(p % 3 == label ? 180 + random.nextInt(70) : random.nextInt(30));
                }
                lab.writeByte(label);
            }
        }
        Path model = dir.resolve("small.zip");
        assertEquals(0, run("train", "--train", images.toString(), "--train-labels", labels.toString(), "--layers",
                "36,8,2", "--iterations", "200", "--learning-rate", "1e-3", "--test-fraction", "0.2", "--model-out",
                model.toString(), "--quiet"), err.toString());
        ModelCard card = ModelCard.load(dir.resolve("small.json"));
        assertEquals("idx", card.dataKind());
        assertEquals(240, card.trainCount());
        assertEquals(60, card.testCount());
        assertEquals(List.of("0", "1", "2"), card.classNames());
        assertEquals("20% of the rows, seed 42", card.dataSplit());
        assertTrue(card.testMse() < card.lossLog().get(0).loss(), "the model learned something");
        assertTrue(card.lossLog().get(card.lossLog().size() - 1).loss() < card.lossLog().get(0).loss(), "loss fell");
        Path codes = dir.resolve("small-z.csv");
        assertEquals(0, run("encode", "--model", model.toString(), "--input", images.toString(), "--labels",
                labels.toString(), "--out", codes.toString()), err.toString());
        List<String> lines = Files.readAllLines(codes);
        assertEquals(301, lines.size(), "the model reloads and encodes all 300 images");
        assertEquals("z1,z2,label", lines.get(0));
    }

    @Test
    void badOwnDataAndOptionsFailWithOneLineNamingTheProblem() throws IOException {
        Path csv = sensorCsv();
        assertEquals(1, run("train", "--train", csv.toString(), "--skip-lines", "1", "--label-column", "status",
                "--layers", "784,500,300,2", "--iterations", "5"));
        assertOneLine("--layers starts with 784 but " + csv + " has 4 values per row; make the first layer 4");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2,3\n4,5\n");
        assertEquals(1, run("train", "--train", ragged.toString(), "--iterations", "5"));
        assertOneLine(ragged.toString());
        assertTrue(err.toString().contains("row 2"), err.toString());
        assertEquals(2, run("train", "--train", csv.toString(), "--train-labels", csv.toString()));
        assertUsage("--train-labels and --test-labels are for IDX files");
        assertEquals(2, run("train", "--train", csv.toString(), "--test-fraction", "1.5"));
        assertUsage("--test-fraction must be between 0 and 1");
        assertEquals(2, run("train", "--train", csv.toString(), "--digits", "1,2"));
        assertUsage("do not go with --train");
        assertEquals(1, run("train", "--train", csv.toString(), "--skip-lines", "1", "--label-column", "status",
                "--batch-size", "100000000", "--model-out", dir.resolve("huge.zip").toString()));
        assertOneLine("a batch of 100,000,000 rows needs about");
        assertFalse(Files.exists(dir.resolve("huge.zip")));
        assertEquals(2, run("train", "--train", csv.toString(), "--model-out", dir.resolve("m.json").toString()));
        assertUsage("--model-out names the model");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals(1, run("train", "--train", csv.toString(), "--model-out", file.resolve("m.zip").toString()));
        assertOneLine("cannot write " + file.resolve("m.zip"));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(1, run("train", "--train", empty.toString(), "--iterations", "5"));
        assertOneLine(empty.toString());
    }

    /** A usage error: its first line says what is wrong, the usage follows. */
    private void assertUsage(String fragment) {
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.contains(fragment), () -> "'" + first + "' lacks '" + fragment + "'");
    }

    private void assertOneLine(String fragment) {
        String text = err.toString();
        assertTrue(text.contains(fragment), () -> "'" + text + "' lacks '" + fragment + "'");
        assertEquals(1, text.strip().lines().count(), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }
}
