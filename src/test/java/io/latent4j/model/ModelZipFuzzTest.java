package io.latent4j.model;

import io.latent4j.config.AutoencoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates a tiny valid model zip a few hundred times (seeded: bit flips and truncations of the
 * zip, and of one entry's content re-zipped with valid CRCs so the mutation reaches the parsers)
 * and requires every case to load or fail with the one-line "not a latent4j model" error naming
 * the file, quickly and without any other exception or error.
 */
class ModelZipFuzzTest {
    private static final int CASES = 300;
    private static final long MAX_MILLIS_PER_CASE = 2000;

    @TempDir
    Path dir;

    @Test
    void mutatedModelZipsLoadOrFailWithTheOneLineError() throws IOException {
        Path good = dir.resolve("good.zip");
        ModelStore.save(AutoencoderArchitecture.newAutoencoder(
                AutoencoderConfig.tutorial().withEncoderSizes(List.of(6, 3, 2))), good, true);
        byte[] model = Files.readAllBytes(good);
        Map<String, byte[]> entries = HostileFiles.entries(model);
        Random random = new Random(20261201L);
        int loaded = 0;
        int rejected = 0;
        for (int n = 0; n < CASES; n++) {
            Path file = Files.write(dir.resolve("case-" + n + ".zip"), mutate(model, entries, random));
            long start = System.nanoTime();
            try {
                ModelStore.load(file);
                loaded++;
            } catch (IOException e) {
                String message = e.getMessage();
                if (!message.startsWith(file + ": not a latent4j model (") || message.lines().count() != 1) {
                    fail("case " + n + ": unexpected message " + message, e);
                }
                rejected++;
            } catch (RuntimeException | Error e) {
                fail("case " + n + ": " + e, e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < MAX_MILLIS_PER_CASE, "case " + n + " took " + millis + " ms");
            Files.delete(file);
        }
        assertTrue(loaded > 0 && rejected > CASES / 3, "loaded " + loaded + ", rejected " + rejected);
    }

    private static byte[] mutate(byte[] zip, Map<String, byte[]> entries, Random random) throws IOException {
        if (random.nextBoolean()) {
            return random.nextBoolean() ? flip(zip, random) : Arrays.copyOf(zip, random.nextInt(zip.length));
        }
        List<String> names = new ArrayList<>(entries.keySet());
        String name = names.get(random.nextInt(names.size()));
        byte[] content = entries.get(name);
        Map<String, byte[]> mutated = new LinkedHashMap<>(entries);
        mutated.put(name, switch (random.nextInt(3)) {
            case 0 -> flip(content, random);
            case 1 -> Arrays.copyOf(content, random.nextInt(content.length + 1));
            // The array headers and the start of the JSON are where a flip changes most.
            default -> flipWithin(content, Math.min(content.length, 48), random);
        });
        return HostileFiles.zip(mutated, random.nextBoolean());
    }

    private static byte[] flip(byte[] bytes, Random random) {
        return flipWithin(bytes, bytes.length, random);
    }

    private static byte[] flipWithin(byte[] original, int length, Random random) {
        byte[] bytes = original.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0 && length > 0; flips--) {
            bytes[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
        }
        return bytes;
    }
}
