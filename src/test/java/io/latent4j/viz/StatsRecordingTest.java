package io.latent4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.train.Trainer;
import io.latent4j.train.TrainingProgress;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsRecordingTest {
    private static final AutoencoderConfig SMALL = AutoencoderConfig.tutorial()
            .withEncoderSizes(List.of(16, 8, 2)).withIterations(20).withBatchSize(10).withLearningRate(1e-2);

    private static void train(StatsRecording recording) {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(SMALL);
        net.setListeners(recording.listener());
        new Trainer(SMALL, TrainingProgress.NONE).train(net, Nd4j.rand(DataType.FLOAT, 100, 16));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(Path::getFileName).sorted().toList();
        }
    }

    private static List<Integer> plottedIterations(TrainingUi ui) throws Exception {
        URI data = URI.create("http://" + TrainingUi.HOST + ":" + ui.port() + "/train/overview/data");
        JsonNode json = new ObjectMapper().readTree(TrainingUiTest.get(data).body());
        List<Integer> iterations = new ArrayList<>();
        json.get("scoresIter").forEach(n -> iterations.add(n.asInt()));
        return iterations;
    }

    @Test
    void theStatsFileGoesBesideTheModel() {
        assertEquals(Path.of("models/autoencoder-stats.dl4j"), StatsRecording.fileFor(Path.of("models/autoencoder.zip")));
        assertEquals(Path.of("m/ae-stats.dl4j"), StatsRecording.fileFor(Path.of("m/ae")));
    }

    @Test
    void recordsOneRunShowsItLiveAndThenFromTheSavedFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ae-stats.dl4j");
        String firstSession;
        try (TrainingUi ui = TrainingUi.start(0)) {
            try (StatsRecording recording = ui.record(file, 5)) {
                train(recording);
                assertEquals(List.of(), files(dir).stream().filter(p -> p.toString().equals("ae-stats.dl4j")).toList(),
                        "the stats file appears only when finished");
                recording.finish();
                assertEquals(List.of(Path.of("ae-stats.dl4j")), files(dir));
                // Iterations 5, 10 and 15 of 0-19: DL4J's listener skips iteration 0 when reporting less often than every step.
                assertEquals(List.of(5, 10, 15), plottedIterations(ui));
            }
            StatsStorage saved = StatsRecording.open(file);
            try {
                assertEquals(1, saved.listSessionIDs().size());
                firstSession = saved.listSessionIDs().get(0);
                assertEquals(3, saved.getAllUpdatesAfter(firstSession, StatsListener.TYPE_ID, 0).size());
            } finally {
                saved.close();
            }

            try (StatsRecording again = ui.record(file, 5)) {
                train(again);
                again.finish();
            }
        }
        StatsStorage replaced = StatsRecording.open(file);
        try {
            assertEquals(1, replaced.listSessionIDs().size(), "a new run replaces the old file");
            assertNotEquals(firstSession, replaced.listSessionIDs().get(0));
        } finally {
            replaced.close();
        }
    }

    @Test
    void anUnfinishedRecordingLeavesNothingBehind(@TempDir Path dir) throws Exception {
        try (TrainingUi ui = TrainingUi.start(0); StatsRecording recording = ui.record(dir.resolve("s.dl4j"), 5)) {
            train(recording);
            assertTrue(files(dir).size() > 0, "recording in progress");
        }
        assertEquals(List.of(), files(dir));
    }

    @Test
    void openingSomethingElseSaysWhat(@TempDir Path dir) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> StatsRecording.open(dir.resolve("none.dl4j")));
        assertEquals("stats file " + dir.resolve("none.dl4j") + " does not exist; record one with 'train --ui'",
                missing.getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.dl4j"), "not a database");
        IOException bad = assertThrows(IOException.class, () -> StatsRecording.open(garbage));
        assertTrue(bad.getMessage().startsWith(garbage + " is not a DL4J stats file"), bad.getMessage());
        assertEquals("not a database", Files.readString(garbage), "left untouched");
    }
}
