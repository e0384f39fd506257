package io.latent4j.model;

import io.latent4j.config.AutoencoderConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {
    @TempDir
    Path dir;

    private final AutoencoderConfig small = AutoencoderConfig.tutorial().withEncoderSizes(List.of(12, 6, 2));

    private final INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, 12);

    /** A network after one step, so that Adam's state is not all zeros. */
    private MultiLayerNetwork fitted() {
        MultiLayerNetwork net = AutoencoderArchitecture.newAutoencoder(small);
        net.fit(x, x);
        return net;
    }

    @Test
    void saveAndLoadGiveIdenticalOutputs() throws IOException {
        MultiLayerNetwork net = fitted();
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
    void writesModelSerializersEntriesByteForByteButUncompressed() throws IOException {
        MultiLayerNetwork net = fitted();
        Path file = dir.resolve("ae.zip");
        ModelStore.save(net, file, true);
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, dl4j, true);
        assertEquals(entries(new ByteArrayInputStream(dl4j.toByteArray())), entries(Files.newInputStream(file)));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            zip.stream().forEach(e -> assertTrue(e.getCompressedSize() >= e.getSize(), e.getName() + " is compressed"));
        }
    }

    @Test
    void storesExtraEntriesAsPlainBytesBesideTheNetwork() throws IOException {
        MultiLayerNetwork net = fitted();
        Path file = dir.resolve("ae.zip");
        byte[] json = "{\"a\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ModelStore.save(net, file, true, Map.of("state.json", json));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertArrayEquals(json, zip.getInputStream(zip.getEntry("state.json")).readAllBytes());
        }
        try (InputStream in = Files.newInputStream(file)) {
            ModelZip read = ModelZip.read(in);
            assertArrayEquals(json, read.entry("state.json").orElseThrow());
            assertEquals(net.params(), read.network(true).params());
        }
    }

    /** Each entry's name and content (hex), in zip order. */
    private static Map<String, String> entries(InputStream in) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), HexFormat.of().formatHex(zip.readAllBytes()));
            }
        }
        return entries;
    }

    @Test
    void loadNamesTheFileWhenItIsMissingOrNotAModel() throws IOException {
        Path missing = dir.resolve("missing.zip");
        IOException e1 = assertThrows(IOException.class, () -> ModelStore.load(missing));
        assertTrue(e1.getMessage().startsWith(missing.toString()), e1.getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.zip"), "not a zip");
        IOException e2 = assertThrows(IOException.class, () -> ModelStore.load(garbage));
        assertTrue(e2.getMessage().startsWith(garbage + ": not a latent4j model ("), e2.getMessage());
    }
}
