package io.latent4j.cli;

import io.latent4j.ModelCard;
import io.latent4j.files.OutputLock;
import io.latent4j.model.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code train} writes belongs to one run: a model claimed by another run is refused at once,
 * a dead run's temporary files are cleaned, and a resumed run keeps to its own files and iterations.
 */
class TrainOutputsTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    /** 200 rows of 4 values in [0, 1]. */
    private Path csv() throws IOException {
        StringBuilder text = new StringBuilder();
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            text.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f%n", random.nextDouble(), random.nextDouble(),
                    random.nextDouble(), random.nextDouble()));
        }
        return Files.writeString(dir.resolve("rows.csv"), text);
    }

    private String[] train(Path csv, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--train", csv.toString(), "--layers", "4,8,2", "--preset",
                "fast", "--no-export", "--quiet"));
        args.addAll(List.of(extra));
        return args.toArray(new String[0]);
    }

    private String message() {
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertFalse(text.contains("\tat "), text);
        return text;
    }

    @Test
    @Timeout(60)
    void aModelAnotherRunIsWritingIsRefusedAtOnceAndFreedWhenItEnds() throws IOException {
        Path csv = csv();
        Path model = dir.resolve("m.zip");
        try (OutputLock other = OutputLock.acquire(model)) {
            long start = System.nanoTime();
            assertEquals(1, run(train(csv, "--iterations", "20", "--model-out", model.toString())));
            assertEquals("latent4j: " + model + ": another training is writing it (it holds "
                    + OutputLock.lockFileFor(model) + "); wait for that run to end or write to another path", message());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before loading or training");
            assertFalse(Files.exists(model));
            assertFalse(Files.exists(ModelCard.fileFor(model)));
        }
        assertEquals(0, run(train(csv, "--iterations", "20", "--model-out", model.toString())), err.toString());
        assertTrue(Files.exists(model), "free again once the other run ends");
        try (OutputLock again = OutputLock.acquire(model)) {
            assertTrue(Files.exists(OutputLock.lockFileFor(model)), "the training released its lock");
        }
    }

    @Test
    @Timeout(60)
    void temporaryFilesADeadRunLeftBesideTheModelCardAndCheckpointAreRemoved() throws IOException {
        Path model = dir.resolve("m.zip");
        List<Path> stale = List.of(dir.resolve(".m.zip.1x9k2.tmp"), dir.resolve(".m.json.abc.tmp"),
                dir.resolve(".m.checkpoint.zip.zz0.tmp"));
        List<Path> others = List.of(dir.resolve(".other.zip.1x9k2.tmp"), dir.resolve(".m.zip.not-ours.tmp"),
                dir.resolve("m.zip.tmp"));
        for (Path p : stale) {
            Files.write(p, new byte[4096]);
        }
        for (Path p : others) {
            Files.write(p, new byte[1]);
        }
        assertEquals(0, run(train(csv(), "--iterations", "20", "--model-out", model.toString())), err.toString());
        for (Path p : stale) {
            assertFalse(Files.exists(p), p + " is a dead run's");
        }
        for (Path p : others) {
            assertTrue(Files.exists(p), p + " is not");
        }
    }

    @Test
    @Timeout(120)
    void aResumedRunKeepsItsOwnFilesAndItsCheckpointsIterations() throws IOException {
        Path csv = csv();
        Path checkpoint = dir.resolve("run.checkpoint.zip");
        assertEquals(0, run(train(csv, "--iterations", "20", "--checkpoint-every", "20", "--checkpoint",
                checkpoint.toString(), "--model-out", dir.resolve("first.zip").toString())), err.toString());
        assertTrue(Files.exists(checkpoint));

        assertEquals(2, run("train", "--train", csv.toString(), "--resume", checkpoint.toString(), "--iterations", "10"));
        String first = err.toString().lines().findFirst().orElse("");
        assertEquals("--iterations 10 is below the checkpoint's progress: " + checkpoint + " is at iteration 20; give "
                + "--iterations 20 or more", first);

        Path defaultModel = Path.of("models", "autoencoder.zip");
        FileTime before = Files.exists(defaultModel) ? Files.getLastModifiedTime(defaultModel) : null;
        assertEquals(0, run("train", "--train", csv.toString(), "--resume", checkpoint.toString(), "--iterations", "30",
                "--no-export", "--quiet"), err.toString());
        Path resumed = dir.resolve("run.zip");
        ModelCard card = ModelCard.load(ModelCard.fileFor(resumed));
        assertEquals(30, card.iterations());
        assertEquals(card.modelSha256(), io.latent4j.data.Sha256.of(resumed), "the card is the resumed model's");
        assertEquals(List.of(4, 8, 2, 8, 4), card.layers());
        assertTrue(ModelStore.load(resumed).numParams() > 0);
        assertEquals(before, Files.exists(defaultModel) ? Files.getLastModifiedTime(defaultModel) : null,
                "the default model is not touched");

        Path oddName = Files.copy(checkpoint, dir.resolve("state.zip"));
        assertEquals(2, run("train", "--train", csv.toString(), "--resume", oddName.toString()));
        assertEquals("--resume " + oddName + " is not named NAME.checkpoint.zip, so where its model goes is unknown; "
                + "give --model-out", err.toString().lines().findFirst().orElse(""));
    }

    @Test
    @Timeout(60)
    void aReportFolderHoldingOtherFilesIsRefusedBeforeTraining() throws IOException {
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("notes.txt"), "mine");
        Path model = dir.resolve("m.zip");
        assertEquals(1, run("train", "--train", csv().toString(), "--layers", "4,8,2", "--iterations", "20",
                "--model-out", model.toString(), "--export-dir", export.toString()));
        assertEquals("latent4j: " + export + " holds notes.txt, which is not part of a report, and a report replaces its "
                + "whole folder; move it away or give a new folder for the report", message());
        assertFalse(Files.exists(model), "refused before training");
        assertEquals("mine", Files.readString(export.resolve("notes.txt")));
    }

    @Test
    @Timeout(60)
    void anEmbeddingProjectorPairIsNeverNewVectorsBesideOldLabels() throws IOException {
        Path csv = csv();
        Path model = dir.resolve("m.zip");
        assertEquals(0, run(train(csv, "--iterations", "20", "--model-out", model.toString())), err.toString());
        byte[] labels = new byte[8 + 200];
        java.nio.ByteBuffer.wrap(labels).putInt(0x801).putInt(200);
        Path labelFile = Files.write(dir.resolve("labels.idx"), labels);
        Path vectors = dir.resolve("z.tsv");
        Path metadata = dir.resolve("z-metadata.tsv");
        assertEquals(0, run("encode", "--model", model.toString(), "--input", csv.toString(), "--labels",
                labelFile.toString(), "--out", vectors.toString()), err.toString());
        assertEquals(200, Files.readAllLines(metadata).size());
        assertEquals(0, run("encode", "--model", model.toString(), "--input", csv.toString(), "--out", vectors.toString()),
                err.toString());
        assertEquals(200, Files.readAllLines(vectors).size());
        assertFalse(Files.exists(metadata), "the old labels do not stay beside the new vectors");
    }
}
