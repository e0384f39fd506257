package io.latent4j.model;

import io.latent4j.config.AutoencoderConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {
    @TempDir
    Path dir;

    private final AutoencoderConfig small = AutoencoderConfig.tutorial().withEncoderSizes(List.of(12, 6, 2));

    @Test
    void saveAndLoadGiveIdenticalOutputs() throws IOException {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(small);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 12);
        net.fit(x, x);
        Path file = dir.resolve("models/ae.zip");
        ModelStore.save(net, file, true);
        MultiLayerNetwork loaded = ModelStore.load(file);
        assertEquals(net.params(), loaded.params());
        assertEquals(net.output(x), loaded.output(x));
        assertEquals(net.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "only the model, no temporary files");
        }
    }

    @Test
    void loadNamesTheFileWhenItIsMissingOrNotAModel() throws IOException {
        Path missing = dir.resolve("missing.zip");
        IOException e1 = assertThrows(IOException.class, () -> ModelStore.load(missing));
        assertTrue(e1.getMessage().startsWith(missing.toString()), e1.getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.zip"), "not a zip");
        IOException e2 = assertThrows(IOException.class, () -> ModelStore.load(garbage));
        assertTrue(e2.getMessage().startsWith(garbage + ": not a readable DL4J model"), e2.getMessage());
    }
}
