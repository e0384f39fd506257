package io.latent4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCardTest {
    static ModelCard sample() {
        return new ModelCard(ModelCard.FORMAT, "2026-01-01T00:00:00Z", "tutorial", List.of(784, 2, 784), "tanh",
                1e-4, 0.1, 42, List.of(1, 5, 6), 10, 50, 100, 20, Map.of("train-images-idx3-ubyte", "ab"),
                1.5, 150, 1, 0.03, 0.02, Map.of(1, 0.01), Map.of(1, 0.015), 0.043,
                List.of(new ModelCard.LossPoint(0, 0.5), new ModelCard.LossPoint(9, 0.1)),
                "0.1", "1.0.0-M2.1", "CpuBackend", "17", "Linux amd64");
    }

    @Test
    void jsonHasTheDocumentedFieldsAndRoundTrips(@TempDir Path dir) throws IOException {
        ModelCard card = sample();
        Path file = dir.resolve("card.json");
        card.save(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        for (String field : List.of("testMse", "trainMse", "testMsePerDigit", "pcaTestMse", "iterations", "batchSize",
                "learningRate", "seed", "digits", "trainCount", "testCount", "trainSeconds", "msPerIteration",
                "dataSha256", "dl4jVersion", "layers", "createdAt")) {
            assertTrue(json.has(field), "missing " + field);
        }
        assertEquals(0.03, json.get("testMse").asDouble());
        assertEquals(0.01, json.get("testMsePerDigit").get("1").asDouble());
        assertEquals(card, ModelCard.load(file));
    }
}
