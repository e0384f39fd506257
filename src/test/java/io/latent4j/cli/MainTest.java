package io.latent4j.cli;

import io.latent4j.train.Checkpointing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
        for (String option : new String[] {"--preset", "--iterations", "--batch-size", "--learning-rate", "--adam-beta2", "--seed",
                "--digits", "--log-every", "--data-dir", "--model-out", "--checkpoint-seconds", "--checkpoint-every",
                "--threads", "--quiet", "--ui", "--ui-port", "--ui-exit",
                "--verbose"}) {
            assertTrue(out.toString().contains(option), "help lacks " + option);
        }
    }

    @Test
    void theReadmeOptionsTableListsEveryTrainOption() throws java.io.IOException {
        assertEquals(0, run("train", "--help"));
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("### Options"), readme.indexOf("Exit codes:"));
        java.util.regex.Matcher option = java.util.regex.Pattern.compile("(?m)^\\s+(?:-\\w, )?(--[a-z-]+)")
                .matcher(out.toString());
        int found = 0;
        while (option.find()) {
            found++;
            if (!option.group(1).equals("--help") && !option.group(1).equals("--version")) {
                assertTrue(table.contains("`" + option.group(1)), "README's options table lacks " + option.group(1));
            }
        }
        assertTrue(found > 20, "parsed only " + found + " options from:\n" + out);
    }

    @Test
    void onlyTheNoArgumentRunWritesTheCommittedReport() {
        assertEquals(java.util.List.of("train", "--export-dir", "notebooks-export"), java.util.List.of(Main.NO_ARGUMENTS));
        assertEquals(Path.of("models", "all-digits-report"),
                TrainCommand.exportDirFor(Path.of("models", "all-digits.zip"), null));
        assertEquals(Path.of("elsewhere"), TrainCommand.exportDirFor(Path.of("models", "all-digits.zip"), Path.of("elsewhere")));
    }

    @Test
    void topLevelHelpListsTrain() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("train"));
    }

    @Test
    void topLevelHelpListsBenchAndBenchHelpDocumentsItsOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("bench"));
        assertEquals(0, run("bench", "--help"));
        for (String option : new String[] {"--batch-sizes", "--runs", "--iterations", "--peak-size", "--quality-runs",
                "--target-mse", "--layers", "--engine", "--data-dir", "--threads"}) {
            assertTrue(out.toString().contains(option), "bench help lacks " + option);
        }
    }

    @Test
    void benchUsageErrorsExitTwoWithTheReason() {
        assertEquals(2, run("bench", "--runs", "0"));
        assertEquals(2, run("bench", "--batch-sizes", "50,-1"));
        assertTrue(err.toString().contains("--batch-sizes must be positive"), err.toString());
        assertEquals(2, run("bench", "--engine", "warp"));
        assertTrue(err.toString().contains("unknown engine 'warp'"), err.toString());
        assertEquals(2, run("bench", "--layers", "10,2"));
        assertTrue(err.toString().contains("--layers must start with 784"), err.toString());
        assertEquals(2, run("bench", "--target-mse", "0"));
    }

    @Test
    void trainCheckpointsByTimeUnlessGivenIterations() {
        assertEquals(Checkpointing.Schedule.DEFAULT, trainCommand().checkpointSchedule());
        TrainCommand bySeconds = trainCommand();
        bySeconds.checkpointSeconds = 5;
        assertEquals(Checkpointing.Schedule.every(Duration.ofSeconds(5)), bySeconds.checkpointSchedule());
        TrainCommand byIterations = trainCommand();
        byIterations.checkpointEvery = 500;
        assertEquals(Checkpointing.Schedule.everyIterations(500), byIterations.checkpointSchedule());
    }

    @Test
    void trainCheckpointUsageErrorsExitTwoWithTheReason() {
        assertEquals(2, run("train", "--checkpoint-every", "10", "--checkpoint-seconds", "10"));
        assertTrue(err.toString().contains("give --checkpoint-every or --checkpoint-seconds, not both"), err.toString());
        assertEquals(2, run("train", "--checkpoint-seconds", "-1"));
        assertTrue(err.toString().contains("--checkpoint-seconds must be 0 or more"), err.toString());
        assertEquals(2, run("train", "--checkpoint-every", "-1"));
        assertTrue(err.toString().contains("--checkpoint-every must be 0 or more"), err.toString());
    }

    private static TrainCommand trainCommand() {
        return new picocli.CommandLine(new TrainCommand()).getCommand();
    }

    @Test
    void trainAcceptsTheFastAndBestPresets() {
        TrainCommand fast = new picocli.CommandLine(new TrainCommand()).getCommand();
        fast.preset = "fast";
        assertEquals(io.latent4j.config.Preset.FAST.config(), fast.config());
        TrainCommand best = new picocli.CommandLine(new TrainCommand()).getCommand();
        best.preset = "best";
        best.iterations = 10;
        assertEquals(io.latent4j.config.Preset.BEST.config().withIterations(10), best.config());
    }

    @Test
    void adamBeta2OverridesThePresetsAndBadValuesAreUsageErrors() {
        TrainCommand tuned = trainCommand();
        tuned.preset = "fast";
        tuned.adamBeta2 = 0.8;
        assertEquals(io.latent4j.config.Preset.FAST.config().withBeta2(0.8), tuned.config());
        assertEquals(2, run("train", "--adam-beta2", "1"));
        assertTrue(err.toString().contains("beta2 must be in (0, 1), got 1.0"), err.toString());
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
        assertTrue(err.toString().contains("--threads must be at least 1"), err.toString());
    }

    @Test
    void figureCommandsRejectBadPointsRangesAndModelsWithExitTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, run("generate", "--z", "1"));
        assertTrue(err.toString().contains("'1' is not two numbers like -6,1"), err.toString());
        assertEquals(2, run("generate", "--z", "a,b"));
        assertEquals(2, run("manifold", "--z1", "4,-8", "--z2", "-2,6"));
        assertTrue(err.toString().contains("empty range"), err.toString());
        assertEquals(2, run("manifold", "--z1", "-8,4"));
        assertTrue(err.toString().contains("give both --z1 and --z2"), err.toString());
        Path threeD = dir.resolve("3d.zip");
        io.latent4j.model.ModelStore.save(io.latent4j.model.AutoencoderArchitecture.newAutoencoder(
                io.latent4j.config.AutoencoderConfig.tutorial().withEncoderSizes(java.util.List.of(784, 16, 3))), threeD, false);
        assertEquals(2, run("reconstruct", "--count", "0"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void figureCommandsOnAModelWithoutA2dLatentSpaceFailWithOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path threeD = dir.resolve("3d.zip");
        io.latent4j.model.ModelStore.save(io.latent4j.model.AutoencoderArchitecture.newAutoencoder(
                io.latent4j.config.AutoencoderConfig.tutorial().withEncoderSizes(java.util.List.of(784, 16, 3))), threeD, false);
        String[][] commands = {
            {"manifold", "--model", threeD.toString(), "--z1", "0,1", "--z2", "0,1", "--out", dir.resolve("m.png").toString()},
            {"generate", "--model", threeD.toString(), "--z", "0,1", "--out", dir.resolve("g.png").toString()},
            {"report", "--model", threeD.toString(), "--export-dir", dir.resolve("r").toString()},
        };
        for (String[] command : commands) {
            err.getBuffer().setLength(0);
            assertEquals(1, run(command), command[0] + ": " + err);
            String message = err.toString().strip();
            assertEquals("latent4j: " + threeD + ": this command draws a 2-D latent space, but the model's latent space is "
                    + "3-D; use encode and decode for it", message);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(threeD), files.toList(), "no figure is written");
        }
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
