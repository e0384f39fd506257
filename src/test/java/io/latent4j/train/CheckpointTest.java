package io.latent4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.Sampling;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.HostileFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoint files: the plain format-2 layout, old format-1 files, and hostile ones. */
class CheckpointTest {
    private static final String FORMAT1 = "/io/latent4j/train/format1.checkpoint.zip";
    private static final String STATE = "latent4j-checkpoint.json";
    private static final String FORMAT1_STATE = "objects/latent4j-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static INDArray uninterrupted(AutoencoderConfig config) {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(config);
        new Trainer(config, TrainingProgress.NONE).train(net, TrainerTest.data());
        return net.params();
    }

    private static INDArray resumed(Checkpoint.Loaded loaded) throws IOException {
        new Trainer(loaded.checkpoint().config(), TrainingProgress.NONE).train(loaded.network(), TrainerTest.data(),
                loaded.checkpoint(), Checkpointing.none());
        return loaded.network().params();
    }

    /** Trains {@code config} until iteration {@code stopAt}, saving a checkpoint there. */
    private Path stoppedRun(AutoencoderConfig config, int stopAt) throws IOException {
        Path file = dir.resolve("run-" + config.schedule().sampling() + ".checkpoint.zip");
        AtomicBoolean stop = new AtomicBoolean();
        new Trainer(config, new TrainingProgress() {
            @Override
            public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
            }

            @Override
            public void step(int iteration, int iterations, double batchScore, double elapsedSeconds) {
                stop.set(iteration + 1 == stopAt);
            }
        }).train(AutoencoderArchitecture.newAutoencoder(config), TrainerTest.data(), null,
                new Checkpointing(file, 0, stop));
        return file;
    }

    private byte[] format1() throws IOException {
        try (InputStream in = CheckpointTest.class.getResourceAsStream(FORMAT1)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFormat1CheckpointStillResumesToTheParametersOfAnUninterruptedRun() throws IOException {
        Path file = Files.write(dir.resolve("old.checkpoint.zip"), format1());
        Checkpoint.Loaded old = Checkpoint.load(file);
        assertEquals(35, old.checkpoint().nextIteration());
        assertEquals(Sampling.EPOCHS, old.checkpoint().config().schedule().sampling());
        assertEquals(uninterrupted(old.checkpoint().config()), resumed(old));
    }

    @Test
    void format2StoresPlainJsonAndResumesExactly() throws IOException {
        for (Sampling sampling : Sampling.values()) {
            AutoencoderConfig config = TrainerTest.SMALL.withSampling(sampling);
            Path file = stoppedRun(config, 25);
            Map<String, byte[]> entries = HostileFiles.entries(Files.readAllBytes(file));
            assertFalse(entries.keySet().stream().anyMatch(name -> name.startsWith("objects/")), entries.keySet().toString());
            JsonNode state = JSON.readTree(new String(entries.get(STATE), StandardCharsets.UTF_8));
            assertEquals(2, state.get("format").asInt());
            assertEquals(25, state.get("nextIteration").asInt());
            JsonNode sampler = state.get("sampler");
            assertTrue(sampler.get("randomState").isIntegralNumber(), sampler.toString());
            assertEquals(sampling == Sampling.EPOCHS, sampler.get("permutation").isArray(), sampler.toString());
            Checkpoint.Loaded loaded = Checkpoint.load(file);
            assertEquals(25, loaded.checkpoint().nextIteration());
            assertEquals(uninterrupted(config), resumed(loaded), sampling.toString());
        }
    }

    @Test
    void aCheckpointOfOtherDataIsNotResumedOnIt() throws IOException {
        Checkpoint.Loaded old = Checkpoint.load(Files.write(dir.resolve("old.zip"), format1()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                old.checkpoint().config(), TrainingProgress.NONE).train(old.network(),
                TrainerTest.data().getRows(java.util.stream.IntStream.range(0, 50).toArray()), old.checkpoint(),
                Checkpointing.none()));
        assertEquals("the checkpoint samples 100 training rows, this data has 50", e.getMessage());
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                old.checkpoint().config(), TrainingProgress.NONE).train(old.network(),
                org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 100, 20), old.checkpoint(),
                Checkpointing.none()));
        assertEquals("the network takes rows of 16 values, this data has 20", wide.getMessage());
    }

    private void assertRefused(String name, byte[] bytes, String reason) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IOException.class, () -> Checkpoint.load(file)));
        String message = e.getMessage();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith(file + ": not a latent4j checkpoint ("), message);
        assertTrue(message.contains(reason), () -> "'" + message + "' lacks '" + reason + "'");
    }

    @Test
    void hostileFormat1StateIsRefusedAtOnce() throws Exception {
        byte[] old = format1();
        byte[] bomb = HostileFiles.serialBomb();
        assertRefused("bomb.checkpoint.zip", HostileFiles.withEntry(old, FORMAT1_STATE, bomb),
                "class java.util.HashSet is not allowed");
        String json;
        try (ObjectInputStream trusted = new ObjectInputStream(new ByteArrayInputStream(
                HostileFiles.entries(old).get(FORMAT1_STATE)))) {
            json = (String) trusted.readObject();
        }
        ObjectNode stored = (ObjectNode) JSON.readTree(json);
        stored.put("sampler", Base64.getEncoder().encodeToString(bomb));
        assertRefused("sampler-bomb.checkpoint.zip", HostileFiles.withEntry(old, FORMAT1_STATE,
                HostileFiles.serialize(stored.toString())), "class java.util.HashSet is not allowed");
        assertRefused("preprocessor-bomb.checkpoint.zip", HostileFiles.withEntry(old,
                ModelSerializer.PREPROCESSOR_BIN, bomb), "preprocessor.bin: class java.util.HashSet is not allowed");
    }

    @Test
    void hostileFormat2StateIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(stoppedRun(TrainerTest.SMALL.withSampling(Sampling.EPOCHS), 15));
        ObjectNode state = (ObjectNode) JSON.readTree(HostileFiles.entries(good).get(STATE));
        ObjectNode duplicateRow = state.deepCopy();
        ((ArrayNode) duplicateRow.get("sampler").get("permutation")).set(0, 1).set(1, 1);
        assertRefused("duplicate.zip", HostileFiles.withEntry(good, STATE, JSON.writeValueAsBytes(duplicateRow)),
                "sampler order is not a permutation of 100 rows");
        ObjectNode moreRows = state.deepCopy();
        ((ObjectNode) moreRows.get("sampler")).put("rows", 1000);
        assertRefused("rows.zip", HostileFiles.withEntry(good, STATE, JSON.writeValueAsBytes(moreRows)),
                "in an order of 100 of 1000 rows");
        ObjectNode noConfig = state.deepCopy();
        noConfig.remove("config");
        assertRefused("no-config.zip", HostileFiles.withEntry(good, STATE, JSON.writeValueAsBytes(noConfig)),
                "incomplete training state");
        ObjectNode otherNetwork = state.deepCopy();
        ((ArrayNode) otherNetwork.get("config").get("architecture").get("encoderSizes")).set(0, 784);
        assertRefused("other-network.zip", HostileFiles.withEntry(good, STATE, JSON.writeValueAsBytes(otherNetwork)),
                "the network has layers [16, 8, 2] (tanh), its settings describe [784, 8, 2] (tanh)");
        int iterations = TrainerTest.SMALL.schedule().iterations();
        for (int next : new int[] {99_999, -5, iterations + 1}) {
            assertRefused("next-" + next + ".zip", HostileFiles.withEntry(good, STATE,
                    JSON.writeValueAsBytes(state.deepCopy().put("nextIteration", next))),
                    "next iteration " + next + " lies outside the run's 0.." + iterations + " iterations");
        }
        assertRefused("time.zip", HostileFiles.withEntry(good, STATE,
                JSON.writeValueAsBytes(state.deepCopy().put("seconds", -1.0))), "training time -1.0 s");
        ObjectNode future = state.deepCopy().put("format", 99);
        assertRefused("future.zip", HostileFiles.withEntry(good, STATE, JSON.writeValueAsBytes(future)),
                "checkpoint format 99");
        byte[] stored = HostileFiles.zip(HostileFiles.entries(good), true);
        assertRefused("claims.zip", HostileFiles.claimingSize(stored, STATE, Integer.MAX_VALUE),
                STATE + " claims 2147483647 bytes");
        assertRefused("bomb.zip", HostileFiles.withEntry(good, STATE, HostileFiles.serialBomb()), "");
    }
}
