package io.latent4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latent4j.data.MnistFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ModelCardTest {
    /** A card of the given preset and sampling, as a CSV run would write it. */
    public static ModelCard sample(String preset, String sampling) {
        return new ModelCard(ModelCard.FORMAT, "2026-01-01T00:00:00Z", preset, List.of(4, 2, 4), "tanh", 0.1,
                1e-4, 1.0, sampling, 10, 50, 42, "csv", "iris.csv: 150 rows", "CSV structure (every row numeric, 4 columns)",
                "10% of the rows, seed 42", List.of(new ModelCard.DataFile("train", "iris.csv", "ab")),
                List.of("setosa", "versicolor"), "min-max per column, fitted on the training rows", 135, 15, 1.5, 150, 1,
                0.03, 0.02, Map.of("setosa", 0.01, "versicolor", 0.05), Map.of("setosa", 0.015, "versicolor", 0.04), 0.043,
                List.of(new ModelCard.LossPoint(0, 0.5), new ModelCard.LossPoint(9, 0.1)),
                "0.1", "1.0.0-M2.1", "CpuBackend", "17", "Linux amd64", null);
    }

    @Test
    void jsonHasTheDocumentedFieldsInAFixedOrderAndRoundTrips(@TempDir Path dir) throws IOException {
        ModelCard card = sample("tutorial", "with-replacement");
        Path file = dir.resolve("card.json");
        card.save(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        for (String field : List.of("testMse", "trainMse", "testMsePerClass", "pcaTestMse", "iterations", "batchSize",
                "learningRate", "finalLearningRateFactor", "sampling", "seed", "classNames", "trainCount", "testCount",
                "trainSeconds", "msPerIteration", "dataKind", "dataDescription", "dataVerification", "dataSplit",
                "dataFiles", "scaling", "dl4jVersion", "layers", "createdAt")) {
            assertTrue(json.has(field), "missing " + field);
        }
        assertEquals(0.01, json.get("testMsePerClass").get("setosa").asDouble());
        assertEquals(card, ModelCard.load(file));
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals("format", keys.get(0));
        assertEquals(Files.readString(file), card.toJson(), "the same card, the same bytes");
    }

    @Test
    void adamBeta2RoundTripsAndCardsWithoutItReadAsAdamsDefault(@TempDir Path dir) throws IOException {
        String json = sample("fast", "epochs").toJson();
        assertTrue(json.contains("\"adamBeta2\" : 0.999"), json);
        ModelCard tuned = ModelCard.parse(new java.io.ByteArrayInputStream(
                json.replace("\"adamBeta2\" : 0.999", "\"adamBeta2\" : 0.95").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(0.95, tuned.adamBeta2());
        Path file = dir.resolve("card.json");
        tuned.save(file);
        assertEquals(tuned, ModelCard.load(file));
        String before = json.replace(",\n  \"adamBeta2\" : 0.999", "");
        assertFalse(before.contains("adamBeta2"), before);
        ModelCard old = ModelCard.parse(new java.io.ByteArrayInputStream(before.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(io.latent4j.config.OptimizerSchedule.DEFAULT_BETA2, old.adamBeta2());
    }

    @Test
    void aFirstFormatBestCardDecayedInEpochs() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/io/latent4j/card-format1.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        ModelCard card = ModelCard.parse(new java.io.ByteArrayInputStream(
                json.replace("\"tutorial\"", "\"best\"").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("epochs", card.sampling());
        assertEquals(0.05, card.finalLearningRateFactor(), "the best preset of the first format decayed to 0.05");
        assertEquals(io.latent4j.config.OptimizerSchedule.DEFAULT_BETA2, card.adamBeta2());
    }

    @Test
    void theTrainingErrorDistributionRoundTripsAndCardsWithoutItStillLoad(@TempDir Path dir) throws IOException {
        ErrorDistribution errors = ErrorDistribution.of(new double[] {0.01, 0.02, 0.05, 0.03});
        ModelCard card = sample("tutorial", "with-replacement").withTrainErrors(errors);
        Path file = dir.resolve("card.json");
        card.save(file);
        assertEquals(card, ModelCard.load(file));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(0.99, json.get("trainErrors").get("quantiles").get(3).get("level").asDouble());
        assertEquals(errors.quantile(0.99).orElseThrow(), json.get("trainErrors").get("quantiles").get(3).get("value")
                .asDouble());

        // A card of this format written before the distribution was recorded: no threshold, nothing else lost.
        com.fasterxml.jackson.databind.node.ObjectNode older = (com.fasterxml.jackson.databind.node.ObjectNode) json;
        older.remove("trainErrors");
        Files.writeString(file, older.toString());
        ModelCard loaded = ModelCard.load(file);
        assertEquals(null, loaded.trainErrors());
        assertEquals(card.withTrainErrors(null), loaded);
    }

    @Test
    void aFirstFormatCardIsReadInTodaysTerms() throws IOException {
        ModelCard card;
        try (InputStream in = getClass().getResourceAsStream("/io/latent4j/card-format1.json")) {
            card = ModelCard.parse(in);
        }
        assertEquals(ModelCard.FORMAT, card.format());
        assertEquals(List.of("1", "5", "6"), card.classNames());
        assertEquals(List.of(1, 5, 6), card.digits());
        assertEquals("mnist", card.dataKind());
        assertTrue(card.verifiedMnist(), "its digests are MNIST's published ones");
        assertEquals(4, card.dataFiles().size());
        assertTrue(card.dataFiles().contains(new ModelCard.DataFile("test", MnistFile.TEST_IMAGES.fileName(),
                MnistFile.TEST_IMAGES.sha256())));
        assertEquals(Map.of("1", 0.017066012641626556, "5", 0.05117994707507219, "6", 0.04480868650769101),
                card.testMsePerClass());
        assertEquals("with-replacement", card.sampling(), "the tutorial preset drew with replacement");
        assertEquals(2500, card.iterations());
        assertEquals("ae", card.kind(), "cards before variational autoencoders describe plain ones");
        assertEquals(null, card.variational());
    }

    @Test
    void aVariationalCardRoundTripsItsElbo(@TempDir Path dir) throws IOException {
        ModelCard plain = sample("tutorial", "with-replacement");
        ModelCard.Variational elbo = new ModelCard.Variational("bernoulli", -150.5, -140.25, 10.25, 4, 42);
        ModelCard card = new ModelCard(plain.format(), plain.createdAt(), plain.preset(), plain.layers(), plain.activation(),
                plain.initStd(), plain.learningRate(), plain.finalLearningRateFactor(), plain.sampling(), plain.iterations(),
                plain.batchSize(), plain.seed(), plain.dataKind(), plain.dataDescription(), plain.dataVerification(),
                plain.dataSplit(), plain.dataFiles(), plain.classNames(), plain.scaling(), plain.trainCount(),
                plain.testCount(), plain.trainSeconds(), plain.msPerIteration(), plain.threads(), plain.testMse(),
                plain.trainMse(), plain.testMsePerClass(), plain.trainMsePerClass(), plain.pcaTestMse(), plain.lossLog(),
                plain.latent4jVersion(), plain.dl4jVersion(), plain.nd4jBackend(), plain.javaVersion(), plain.os(), null,
                null, "vae", elbo, plain.adamBeta2());
        Path file = dir.resolve("vae.json");
        card.withModelSha256("ab").save(file);
        ModelCard loaded = ModelCard.load(file);
        assertEquals("vae", loaded.kind());
        assertEquals(elbo, loaded.variational());
        assertEquals("ab", loaded.modelSha256());
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(-140.25, json.path("variational").path("testReconstructionLogLikelihood").asDouble());
    }

    @Test
    void aFirstFormatCardOfOtherFilesIsNotCalledVerified() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/io/latent4j/card-format1.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String fashion = json.replace(MnistFile.TRAIN_IMAGES.sha256(), "0".repeat(64)).replace("\"tutorial\"", "\"fast\"");
        ModelCard card = ModelCard.parse(new java.io.ByteArrayInputStream(fashion.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertFalse(card.verifiedMnist());
        assertEquals("epochs", card.sampling(), "the fast preset trained in shuffled epochs");
    }
}
