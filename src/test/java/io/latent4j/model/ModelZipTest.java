package io.latent4j.model;

import io.latent4j.config.AutoencoderConfig;
import org.apache.commons.collections4.bag.HashBag;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile model zips fail fast with one line naming the file; legitimate ones still load. */
class ModelZipTest {
    private static final Duration FAST = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private MultiLayerNetwork net;
    private byte[] model;

    @BeforeEach
    void smallModel() throws IOException {
        net = AutoencoderArchitecture.newAutoencoder(AutoencoderConfig.tutorial().withEncoderSizes(List.of(12, 6, 2)));
        Path file = dir.resolve("good.zip");
        ModelStore.save(net, file, true);
        model = Files.readAllBytes(file);
    }

    /** Loading {@code bytes} as a model file fails within {@link #FAST} with a message containing {@code reason}. */
    private void assertRefused(String name, byte[] bytes, String reason) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        IOException e = assertTimeoutPreemptively(FAST, () -> assertThrows(IOException.class, () -> ModelStore.load(file)));
        assertOneLine(e.getMessage(), file + ": not a latent4j model (", reason);
    }

    static void assertOneLine(String message, String prefix, String reason) {
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith(prefix), () -> "'" + message + "' does not start with '" + prefix + "'");
        assertTrue(message.contains(reason), () -> "'" + message + "' lacks '" + reason + "'");
    }

    @Test
    void aSerializationBombInPreprocessorBinIsRefusedAtOnce() throws IOException {
        assertRefused("bomb.zip", HostileFiles.withEntry(model, ModelSerializer.PREPROCESSOR_BIN,
                HostileFiles.serialBomb()), "preprocessor.bin: class java.util.HashSet is not allowed");
    }

    @Test
    void classesOffTheAllowListAreRefused() throws IOException {
        PriorityQueue<Integer> queue = new PriorityQueue<>(List.of(3, 1, 2));
        assertRefused("queue.zip", HostileFiles.withEntry(model, ModelSerializer.PREPROCESSOR_BIN,
                HostileFiles.serialize(queue)), "class java.util.PriorityQueue is not allowed");
        HashBag<String> bag = new HashBag<>(List.of("a", "b"));
        assertRefused("bag.zip", HostileFiles.withEntry(model, ModelSerializer.PREPROCESSOR_BIN,
                HostileFiles.serialize(bag)), "class org.apache.commons.collections4.bag.HashBag is not allowed");
        assertRefused("string.zip", HostileFiles.withEntry(model, ModelSerializer.PREPROCESSOR_BIN,
                HostileFiles.serialize("text")), "holds no DataSetPreProcessor");
    }

    @Test
    void aSerializationBombInTheNormalizerEntryIsNeverRead() throws IOException {
        Path file = Files.write(dir.resolve("normalizer-bomb.zip"), HostileFiles.withEntry(model,
                ModelSerializer.NORMALIZER_BIN, HostileFiles.serialBomb()));
        assertEquals(net.params(), assertTimeoutPreemptively(FAST, () -> ModelStore.load(file)).params(),
                "DL4J's loader would deserialize it; latent4j's ignores it");
    }

    @Test
    void anAdmittedPreprocessorLoadsAndIsDroppedAsDl4jDropsIt() throws IOException {
        Path file = Files.write(dir.resolve("scaler.zip"), HostileFiles.withEntry(model,
                ModelSerializer.PREPROCESSOR_BIN, HostileFiles.serialize(new ImagePreProcessingScaler(0, 1))));
        assertEquals(net.params(), ModelStore.load(file).params());
        assertEquals(net.params(), ModelSerializer.restoreMultiLayerNetwork(file.toFile()).params());
    }

    @Test
    void entriesClaimingOrHoldingTooManyBytesAreRefused() throws IOException {
        Map<String, byte[]> entries = HostileFiles.entries(model);
        byte[] stored = HostileFiles.zip(entries, true);
        assertRefused("claims-config.zip", HostileFiles.claimingSize(stored, ModelSerializer.CONFIGURATION_JSON,
                Integer.MAX_VALUE), "configuration.json claims 2147483647 bytes, more than the 4194304 allowed");
        assertRefused("claims-coefficients.zip", HostileFiles.claimingSize(stored, ModelSerializer.COEFFICIENTS_BIN,
                Integer.MAX_VALUE), "coefficients.bin claims 2147483647 bytes");
        long parameters = net.numParams();
        Map<String, byte[]> padded = new LinkedHashMap<>(entries);
        padded.put(ModelSerializer.COEFFICIENTS_BIN, new byte[(int) (parameters * 8 + 8192)]);
        assertRefused("padded.zip", HostileFiles.zip(padded, false), "coefficients.bin holds more than");
        Map<String, byte[]> deflateBomb = new LinkedHashMap<>(entries);
        deflateBomb.put("objects/zeros", new byte[65 << 20]);
        assertRefused("zeros.zip", HostileFiles.zip(deflateBomb, false), "objects/zeros holds more than");
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        reordered.put(ModelSerializer.COEFFICIENTS_BIN, entries.get(ModelSerializer.COEFFICIENTS_BIN));
        reordered.putAll(entries);
        assertRefused("reordered.zip", HostileFiles.zip(reordered, false),
                "coefficients.bin comes before configuration.json");
    }

    @Test
    void aConfigurationOfBillionsOfParametersIsRefusedBeforeAllocating() throws IOException {
        String huge = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(100_000).nOut(100_000).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(100_000).nOut(100_000).build())
                .build().toJson();
        assertRefused("huge.zip", HostileFiles.withEntry(model, ModelSerializer.CONFIGURATION_JSON,
                huge.getBytes(StandardCharsets.UTF_8)), "more than 134217728 parameters");
    }

    @Test
    void arrayHeadersMustMatchTheBytesPresent() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(8);
        out.writeUTF("LONG");
        for (int i = 0; i < 8; i++) {
            out.writeLong(i);
        }
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(1L << 40);
        out.writeUTF("FLOAT");
        out.writeFloat(1);
        assertRefused("terabyte.zip", HostileFiles.withEntry(model, ModelSerializer.COEFFICIENTS_BIN,
                bytes.toByteArray()), "coefficients.bin: header promises 1099511627776 values, the entry holds 4 bytes");
        byte[] shortCoefficients = HostileFiles.entries(model).get(ModelSerializer.COEFFICIENTS_BIN);
        assertRefused("cut.zip", HostileFiles.withEntry(model, ModelSerializer.COEFFICIENTS_BIN,
                java.util.Arrays.copyOf(shortCoefficients, 20)), "coefficients.bin");
    }

    @Test
    void theFilterLimitsDepthCountAndArraysAsWellAsClasses() {
        SerializationAllowList lists = new SerializationAllowList(java.util.Set.of("java.util.ArrayList"), 10, 100,
                50, 1 << 20);
        List<Object> nested = new ArrayList<>();
        List<Object> inner = nested;
        for (int i = 0; i < 50; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertMessage(() -> lists.read(HostileFiles.serialize((ArrayList<Object>) nested)), "nested more than 10 deep");
        ArrayList<Object> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(new ArrayList<>());
        }
        ArrayList<Object> wide = new ArrayList<>(java.util.Collections.nCopies(60, null));
        SerializationAllowList longLists = new SerializationAllowList(java.util.Set.of("java.util.ArrayList"), 10, 100,
                1000, 1 << 20);
        assertMessage(() -> longLists.read(HostileFiles.serialize(many)), "more than 100 objects");
        assertMessage(() -> lists.read(HostileFiles.serialize(wide)), "an array of 60 elements, more than 50");
    }

    @Test
    void anArrayLongerThanTheStreamIsALieRefusedBeforeAllocating() throws IOException {
        byte[] one = HostileFiles.serialize(new ArrayList<>(List.of(7)));
        // ArrayList's size field, then its block of one int (capacity): claim a million elements.
        byte[] sizeThenCapacity = {0, 0, 0, 1, 0x77, 4, 0, 0, 0, 1};
        int at = indexOf(one, sizeThenCapacity);
        one[at + 1] = 0x0F;
        one[at + 2] = 0x42;
        one[at + 3] = 0x40;
        SerializationAllowList lists = new SerializationAllowList(java.util.Set.of("java.util.ArrayList",
                "java.lang.Integer", "java.lang.Number"), 10, 100, 10_000_000, 1 << 20);
        assertMessage(() -> lists.read(one), "an array of 1000000 elements, more than " + one.length);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private static void assertMessage(Executable read, String reason) {
        IOException e = assertTimeoutPreemptively(FAST, () -> assertThrows(IOException.class, read));
        assertTrue(e.getMessage().contains(reason), () -> "'" + e.getMessage() + "' lacks '" + reason + "'");
    }

    @Test
    void modelsSavedByDl4jAndTheShippedModelStillLoad() throws IOException {
        Path dl4j = dir.resolve("dl4j.zip");
        ModelSerializer.writeModel(net, dl4j.toFile(), true);
        MultiLayerNetwork loaded = ModelStore.load(dl4j);
        assertEquals(net.params(), loaded.params());
        assertEquals(net.getUpdater().getStateViewArray(), loaded.getUpdater().getStateViewArray());
        try (var in = ModelZipTest.class.getResourceAsStream("/io/latent4j/pretrained/autoencoder.zip")) {
            MultiLayerNetwork pretrained = ModelStore.load(in);
            try (var again = ModelZipTest.class.getResourceAsStream("/io/latent4j/pretrained/autoencoder.zip")) {
                assertEquals(ModelSerializer.restoreMultiLayerNetwork(again, false).params(), pretrained.params());
            }
        }
    }
}
