package io.latent4j.cli;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.HostileFiles;
import io.latent4j.model.ModelStore;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bad file handed to {@code encode}: one line naming the file and the problem, exit 1, no
 * stack trace, no output file. (Bad MNIST for {@code train} is in {@link HostileTrainingDataIT}.)
 */
class HostileInputTest {
    @TempDir
    Path dir;

    private Path model;
    private Path out;
    private final StringWriter stdout = new StringWriter();
    private final StringWriter stderr = new StringWriter();

    @BeforeEach
    void smallModel() throws IOException {
        model = dir.resolve("ae.zip");
        ModelStore.save(AutoencoderArchitecture.newAutoencoder(AutoencoderConfig.tutorial()
                .withEncoderSizes(List.of(784, 8, 2))), model, false);
        out = dir.resolve("z.csv");
    }

    private static byte[] idx(int[] dims, int payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(0x800 | dims.length);
        for (int d : dims) {
            data.writeInt(d);
        }
        data.write(new byte[payload]);
        return bytes.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private void assertFails(String fragment, String... args) {
        stderr.getBuffer().setLength(0);
        int code = Main.run(args, new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        String message = stderr.toString().strip();
        assertEquals(1, code, message);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(fragment), () -> "'" + message + "' lacks '" + fragment + "'");
        assertFalse(message.contains("\tat "), message);
        assertFalse(Files.exists(out), "no output may be written");
    }

    private void assertBadInput(Path input, String fragment) {
        assertFails(fragment, "encode", "--model", model.toString(), "--input", input.toString(),
                "--out", out.toString());
        assertTrue(stderr.toString().startsWith("latent4j: " + input + ": "), stderr.toString());
    }

    @Test
    void badImageFiles() throws IOException {
        byte[] good = idx(new int[] {2, 28, 28}, 2 * 784);
        byte[] magic = good.clone();
        magic[2] = 0x0B;
        assertBadInput(file("magic", magic), "bad magic number");
        assertBadInput(file("dims", idx(new int[] {2, 784}, 2 * 784)), "has 2 dimensions, expected 3");
        assertBadInput(file("truncated", Arrays.copyOf(good, good.length - 100)), "truncated");
        assertBadInput(file("padded", Arrays.copyOf(good, good.length + 3)), "trailing data");
        assertBadInput(file("billions", idx(new int[] {2_000_000_000, 28, 28}, 784)), "promises");
        assertBadInput(file("huge-image", idx(new int[] {1, 100_000, 100_000}, 10)), "header claims items of more than");
        assertBadInput(file("empty", new byte[0]), "ends inside the IDX header");
        Path gzBillions = dir.resolve("billions.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(gzBillions))) {
            gz.write(idx(new int[] {2_000_000_000, 28, 28}, 3 * 784));
        }
        assertBadInput(gzBillions, "truncated: header promises 2000000000 images, the data ends in image 3");
        Path corrupt = file("corrupt.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4});
        assertBadInput(corrupt, "gzip");
        Path folder = Files.createDirectory(dir.resolve("no-pngs"));
        assertFails(folder + ": no PNG or JPEG images in this folder", "encode", "--model", model.toString(), "--input",
                folder.toString(), "--out", out.toString());
        assertBadInput(dir.resolve("missing-file"), "no such file");
        stderr.getBuffer().setLength(0);
        assertEquals(2, Main.run(new String[] {"encode", "--model", model.toString(), "--input", corrupt.toString(),
                "--out", out.toString(), "--batch-size", "2147483647"}, new PrintWriter(stdout, true), new PrintWriter(stderr, true)));
        assertTrue(stderr.toString().lines().findFirst().orElse("").contains("--batch-size 2,147,483,647 needs about"),
                stderr.toString());
    }

    @Test
    void badLabelFiles() throws IOException {
        Path images = file("images", idx(new int[] {3, 28, 28}, 3 * 784));
        byte[] labels = idx(new int[] {3}, 0);
        byte[] outOfRange = Arrays.copyOf(labels, labels.length + 3);
        outOfRange[outOfRange.length - 1] = 12;
        Path bad = file("labels-12", outOfRange);
        assertFails(bad + ": label 2 is 12, expected a digit 0-9", "encode", "--model", model.toString(), "--input",
                images.toString(), "--labels", bad.toString(), "--out", out.toString());
        Path four = file("labels-4", idx(new int[] {4}, 4));
        assertFails("holds 3 images but " + four + " holds 4 labels", "encode", "--model", model.toString(), "--input",
                images.toString(), "--labels", four.toString(), "--out", out.toString());
        assertFails(dir + ": is a directory", "encode", "--model", model.toString(), "--input", images.toString(),
                "--labels", dir.toString(), "--out", out.toString());
    }

    @Test
    void aLabelGzipThatInflatesToGigabytesIsRefusedAfterTheLabelsItsHeaderPromises() throws IOException {
        Path images = file("images", idx(new int[] {3, 28, 28}, 3 * 784));
        // Concatenated gzip members: one with the header and 3 labels, then 3 GB of zeros.
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(member)) {
            gz.write(new byte[64 << 20]);
        }
        Path bomb = dir.resolve("labels-bomb.gz");
        try (OutputStream file = Files.newOutputStream(bomb)) {
            try (OutputStream gz = new GZIPOutputStream(new java.io.FilterOutputStream(file) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            })) {
                gz.write(idx(new int[] {3}, 3));
            }
            for (int i = 0; i < 48; i++) {
                member.writeTo(file);
            }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFails(bomb
                + ": header promises 3 labels but the file holds more (trailing data)", "encode", "--model",
                model.toString(), "--input", images.toString(), "--labels", bomb.toString(), "--out", out.toString()));
        Path shortGz = dir.resolve("labels-short.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(shortGz))) {
            gz.write(idx(new int[] {2_000_000_000}, 5));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFails(shortGz
                + ": header promises 2000000000 labels but the file holds 5 (truncated)", "encode", "--model",
                model.toString(), "--input", images.toString(), "--labels", shortGz.toString(), "--out", out.toString()));
    }

    @Test
    void badModelFiles() throws IOException {
        Path images = file("images", idx(new int[] {1, 28, 28}, 784));
        Path missing = dir.resolve("missing.zip");
        Path empty = file("empty.zip", new byte[0]);
        byte[] zip = Files.readAllBytes(model);
        Path truncated = file("truncated.zip", Arrays.copyOf(zip, zip.length / 3));
        Path notDl4j = dir.resolve("other.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(notDl4j))) {
            z.putNextEntry(new ZipEntry("hello.txt"));
            z.write("not a model".getBytes());
            z.closeEntry();
        }
        MultiLayerNetwork regression = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(784).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build()).build());
        regression.init();
        Path foreign = dir.resolve("regression.zip");
        ModelStore.save(regression, foreign, false);
        String[][] cases = {
            {missing.toString(), missing + ": no such model file"},
            {empty.toString(), empty + ": not a latent4j model ("},
            {truncated.toString(), truncated + ": not a latent4j model ("},
            {notDl4j.toString(), notDl4j + ": not a latent4j model ("},
            {foreign.toString(), foreign + ": not a latent4j autoencoder"},
            {dir.toString(), dir + ": no such model file"},
        };
        for (String[] c : cases) {
            assertFails(c[1], "encode", "--model", c[0], "--input", images.toString(), "--out", out.toString());
        }
    }

    @Test
    void serializationBombsInModelsAndCheckpointsFailAtOnce() throws Exception {
        byte[] bomb = HostileFiles.serialBomb();
        Path images = file("images", idx(new int[] {1, 28, 28}, 784));
        Path bombModel = file("bomb.zip", HostileFiles.withEntry(Files.readAllBytes(model), "preprocessor.bin", bomb));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFails(bombModel
                + ": not a latent4j model (preprocessor.bin: class java.util.HashSet is not allowed)",
                "encode", "--model", bombModel.toString(), "--input", images.toString(), "--out", out.toString()));
        byte[] checkpoint;
        try (InputStream in = HostileInputTest.class.getResourceAsStream("/io/latent4j/train/format1.checkpoint.zip")) {
            checkpoint = in.readAllBytes();
        }
        Path bombCheckpoint = file("bomb.checkpoint.zip",
                HostileFiles.withEntry(checkpoint, "objects/latent4j-checkpoint", bomb));
        Path trained = dir.resolve("trained.zip");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFails(bombCheckpoint
                + ": not a latent4j checkpoint (class java.util.HashSet is not allowed)",
                "train", "--resume", bombCheckpoint.toString(), "--model-out", trained.toString(),
                "--data-dir", dir.resolve("no-mnist").toString(), "--no-export"));
        assertFalse(Files.exists(trained));
    }
}
