package io.latent4j.cli;

import io.latent4j.data.RealMnist;
import io.latent4j.model.ModelStore;
import io.latent4j.train.Checkpoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training killed mid-run (SIGKILL, and SIGTERM as Ctrl-C would) in a separate process, then
 * resumed from its checkpoint, ends with exactly the parameters of an uninterrupted run. While
 * the child trains, a second run on its model is refused.
 */
@Tag("integration")
class ResumeIT {
    private static final int ITERATIONS = 300;
    @TempDir
    static Path shared;
    private static INDArray uninterrupted;

    @TempDir
    Path dir;

    private static String[] trainArgs(Path model, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--data-dir", RealMnist.sourceDir().toString(),
                "--iterations", Integer.toString(ITERATIONS), "--log-every", "100", "--no-export", "--quiet",
                "--model-out", model.toString()));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    private static int runInProcess(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return code;
    }

    @BeforeAll
    static void trainWithoutInterruption() throws IOException {
        Path model = shared.resolve("full.zip");
        runInProcess(trainArgs(model, "--checkpoint-every", "0"));
        uninterrupted = ModelStore.load(model).params();
    }

    /** Starts the CLI in its own JVM, with this test JVM's class path and settings. */
    private Process startTraining(Path model, Path checkpoint) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx2g", "-Djava.awt.headless=true",
                "-Dorg.deeplearning4j.resources.directory=" + System.getProperty("org.deeplearning4j.resources.directory"),
                Main.class.getName()));
        command.addAll(List.of(trainArgs(model, "--checkpoint-every", "50", "--checkpoint", checkpoint.toString(),
                "--threads", "1")));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .start();
    }

    /** Waits until the checkpoint shows at least {@code iteration} done. */
    private void awaitCheckpoint(Process child, Path checkpoint, int iteration) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), () -> "training ended early: " + log());
            if (Files.exists(checkpoint) && Checkpoint.load(checkpoint).checkpoint().nextIteration() >= iteration) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no checkpoint at iteration " + iteration + ": " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void assertResumesToTheUninterruptedParameters(Path checkpoint) throws IOException {
        int stoppedAt = Checkpoint.load(checkpoint).checkpoint().nextIteration();
        assertTrue(stoppedAt > 0 && stoppedAt < ITERATIONS, "stopped at " + stoppedAt);
        Path resumed = dir.resolve("resumed.zip");
        runInProcess(trainArgs(resumed, "--resume", checkpoint.toString(), "--checkpoint", dir.resolve("c2.zip").toString()));
        assertEquals(uninterrupted, ModelStore.load(resumed).params(), "resumed from iteration " + stoppedAt);
    }

    @Test
    void killedWithSigkillThenResumed() throws Exception {
        Path model = dir.resolve("killed.zip");
        Path checkpoint = dir.resolve("killed.checkpoint.zip");
        Process child = startTraining(model, checkpoint);
        try {
            awaitCheckpoint(child, checkpoint, 100);
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(model), "the run must have been killed before it finished");
        assertResumesToTheUninterruptedParameters(checkpoint);
    }

    @Test
    void stoppedLikeCtrlCSavesACheckpointAndResumes() throws Exception {
        Path model = dir.resolve("stopped.zip");
        Path checkpoint = dir.resolve("stopped.checkpoint.zip");
        Process child = startTraining(model, checkpoint);
        awaitCheckpoint(child, checkpoint, 50);
        StringWriter second = new StringWriter();
        assertEquals(1, Main.run(trainArgs(model), new PrintWriter(new StringWriter(), true), new PrintWriter(second, true)),
                "a second run on the same model is refused while the first holds it");
        assertEquals("latent4j: " + model + ": another training is writing it (it holds "
                + io.latent4j.files.OutputLock.lockFileFor(model) + "); wait for that run to end or write to another path",
                second.toString().strip());
        child.destroy();
        assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the stopped run must exit");
        assertEquals(143, child.exitValue(), "SIGTERM exits 128 + 15, as the README says: " + log());
        assertFalse(Files.exists(model), "a stopped run writes no model");
        assertTrue(log().contains("continue with --resume " + checkpoint), log());
        assertEquals(1, log().split("Stopped at iteration", -1).length - 1, "said once: " + log());
        int saved = Checkpoint.load(checkpoint).checkpoint().nextIteration();
        assertTrue(saved % 50 != 0 || saved > 50, "the stop itself wrote a checkpoint (at " + saved + ")");
        assertResumesToTheUninterruptedParameters(checkpoint);
    }
}
