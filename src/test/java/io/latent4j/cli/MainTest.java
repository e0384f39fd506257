package io.latent4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void trainHelpDocumentsEveryOption() {
        assertEquals(0, run("train", "--help"));
        for (String option : new String[] {"--preset", "--iterations", "--batch-size", "--learning-rate", "--seed",
                "--digits", "--log-every", "--data-dir", "--model-out", "--threads", "--quiet", "--ui", "--ui-port", "--ui-exit",
                "--verbose"}) {
            assertTrue(out.toString().contains(option), "help lacks " + option);
        }
    }

    @Test
    void topLevelHelpListsTrain() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("train"));
    }

    @Test
    void topLevelHelpListsUi() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("ui "), out.toString());
        assertEquals(0, run("ui", "--help"));
        assertTrue(out.toString().contains("--stats") && out.toString().contains("--ui-port"), out.toString());
    }

    @Test
    void uiUsageErrorsExitTwo() {
        assertEquals(2, run("ui"));
        assertTrue(err.toString().contains("Missing required option: '--stats=FILE'"), err.toString());
        assertEquals(2, run("ui", "--stats", "s.dl4j", "--ui-port", "70000"));
        assertTrue(err.toString().contains("--ui-port must be 0-65535, not 70000"), err.toString());
        assertEquals(2, run("train", "--ui", "--ui-port", "-1"));
    }

    @Test
    void replayingAMissingStatsFileExitsOneWithOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("none.dl4j");
        assertEquals(1, run("ui", "--stats", missing.toString()));
        assertEquals("latent4j: stats file " + missing + " does not exist; record one with 'train --ui'", err.toString().strip());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("train", "--no-such-option"));
        assertEquals(2, run("train", "--iterations", "many"));
        assertEquals(2, run("train", "--digits", "1,12"));
        assertTrue(err.toString().contains("digits must be 0-9"), err.toString());
        assertEquals(2, run("train", "--preset", "enormous"));
        assertTrue(err.toString().contains("unknown preset 'enormous'"), err.toString());
        assertEquals(2, run("train", "--threads", "0"));
    }

    @Test
    void runtimeFailureExitsOneWithOneLineAndNoStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        assertEquals(1, run("train", "--data-dir", missing.toString(), "--model-out", dir.resolve("m.zip").toString()));
        String message = err.toString().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("latent4j: --data-dir " + missing + " is not a directory"), message);
        assertFalse(message.contains("\tat "), message);
    }

    @Test
    void verboseShowsTheStackTrace(@TempDir Path dir) {
        assertEquals(1, run("train", "--verbose", "--data-dir", dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("\tat "), err.toString());
    }
}
