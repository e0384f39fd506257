package io.latent4j.cli;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.ModelStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code decode} streams its input in batches and refuses rows that do not fit the model's latent space. */
class DecodeCommandTest {
    /** 8x8 images: decodable to PNGs, and cheap to decode by the hundred thousand. */
    @TempDir
    static Path models;
    private static Path model;

    @TempDir
    Path dir;
    private Path out;
    private final StringWriter stderr = new StringWriter();

    @BeforeAll
    static void smallModel() throws IOException {
        model = models.resolve("ae.zip");
        ModelStore.save(AutoencoderArchitecture.newAutoencoder(AutoencoderConfig.tutorial()
                .withEncoderSizes(List.of(64, 16, 2))), model, false);
    }

    private int decode(Path input, Path target) {
        stderr.getBuffer().setLength(0);
        out = dir.resolve("decoded.csv");
        return Main.run(new String[] {"decode", "--model", model.toString(), "--input", input.toString(), "--out",
            target.toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(stderr, true));
    }

    private void assertRefused(String content, String message) throws IOException {
        Path input = Files.writeString(dir.resolve("z.csv"), content);
        assertEquals(1, decode(input, dir.resolve("decoded.csv")), stderr.toString());
        assertEquals("latent4j: " + input + ": " + message, stderr.toString().strip());
        assertFalse(Files.exists(out), "no output on failure");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    @Timeout(60)
    void rowsOfAnotherWidthThanTheLatentSpaceAreOneLineNamingFileAndRow() throws IOException {
        assertRefused("1,2,3\n", "row 1 has 3 columns, expected 2 (the model's latent space is 2-D)");
        assertRefused("0,0\n1,1\n5\n", "row 3 has 1 columns, expected 2 (the model's latent space is 2-D)");
        assertRefused("z1,z2,z3\n1,2,3\n", "header [z1, z2, z3] does not name the columns z1..z2 of the model's "
                + "2-D latent space");
        assertRefused("z1,z2,label\n1,2,7\n3,4\n", "row 3 has 2 columns, expected 3 like the header");
        assertRefused("0,0\n1,NaN\n", "row 2, column 1: 'NaN' is not a finite number");
        assertRefused("\n\n", "no latent rows");
        assertRefused("0," + "1".repeat(LatentFiles.MAX_LINE_BYTES) + "\n",
                "row 1 is longer than " + LatentFiles.MAX_LINE_BYTES + " bytes: not a CSV of latent codes");
    }

    @Test
    @Timeout(60)
    void encodesOwnOutputWithLabelsAndAByteOrderMarkDecodeToPngs() throws IOException {
        Path input = Files.writeString(dir.resolve("z.csv"), "\uFEFFz1,z2,label\n0,0,3\n1,-1,4\n");
        Path pngs = dir.resolve("pngs");
        assertEquals(0, decode(input, pngs), stderr.toString());
        try (var files = Files.list(pngs)) {
            assertEquals(List.of("row-000000.png", "row-000001.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /**
     * 200,000 rows decoded in a JVM of 64 MB heap: holding the rows, their 64 outputs each and the
     * CSV text at once (as decode did before it streamed) needs well over 150 MB.
     */
    @Test
    @Timeout(240)
    void twoHundredThousandRowsDecodeInA64MbHeap() throws Exception {
        int rows = 200_000;
        Path input = dir.resolve("many.csv");
        out = dir.resolve("decoded.csv");
        try (BufferedWriter w = Files.newBufferedWriter(input)) {
            w.write("z1,z2\n");
            for (int i = 0; i < rows; i++) {
                w.write(String.format(Locale.ROOT, "%.3f,%.3f%n", (i % 100) / 50.0 - 1, (i % 7) / 3.5 - 1));
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx64m", "-Dorg.bytedeco.javacpp.maxbytes=256m",
                "-Djava.awt.headless=true", Main.class.getName(), "decode", "--model", model.toString(), "--input",
                input.toString(), "--out", out.toString(), "--threads", "1"));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(child.waitFor(200, TimeUnit.SECONDS), "decode must finish");
        assertEquals(0, child.exitValue(), Files.readString(log));
        try (var lines = Files.lines(out)) {
            assertEquals(rows, lines.count());
        }
        try (var lines = Files.lines(out)) {
            assertTrue(lines.allMatch(l -> l.split(",").length == 64), "every row has the model's 64 outputs");
        }
    }
}
