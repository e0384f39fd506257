package io.latent4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Mutates small valid IDX files thousands of times (seeded: bit flips, truncation, extension,
 * header edits, gzip) and requires every case to either read cleanly or fail with the reader's
 * own {@link IdxFormatException}, quickly and without a huge allocation.
 */
class IdxFuzzTest {
    private static final int CASES = 3000;
    private static final long MAX_MILLIS_PER_CASE = 2000;

    @TempDir
    Path dir;

    @Test
    void mutatedImageAndLabelFilesLoadOrFailCleanly() throws IOException {
        byte[] images = IdxFiles.images(5, 6, 7);
        byte[] labels = IdxFiles.idx(new int[] {5}, new byte[] {1, 5, 6, 0, 9});
        Random random = new Random(20261127L);
        int loaded = 0;
        int rejected = 0;
        for (int n = 0; n < CASES; n++) {
            boolean imageFile = random.nextBoolean();
            byte[] mutated = mutate(imageFile ? images : labels, random);
            boolean gzip = random.nextInt(4) == 0;
            Path file = dir.resolve("case-" + n + (gzip ? ".gz" : ""));
            if (gzip) {
                IdxFiles.writeGzip(file, mutated);
                if (random.nextInt(3) == 0) {
                    byte[] packed = Files.readAllBytes(file);
                    Files.write(file, Arrays.copyOf(packed, random.nextInt(packed.length)));
                }
            } else {
                IdxFiles.write(file, mutated);
            }
            long start = System.nanoTime();
            try {
                if (imageFile) {
                    try (IdxImages reader = IdxImages.open(file)) {
                        while (reader.hasNext()) {
                            reader.next();
                        }
                    }
                } else {
                    IdxLabels.read(file);
                }
                loaded++;
            } catch (IdxFormatException e) {
                rejected++;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof IdxFormatException)) {
                    fail("case " + n + ": unexpected " + e.getCause(), e);
                }
                rejected++;
            } catch (RuntimeException | IOException | OutOfMemoryError e) {
                fail("case " + n + " (" + (imageFile ? "images" : "labels") + (gzip ? ", gzip" : "") + "): "
                        + e.getClass().getName() + ": " + e.getMessage(), e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < MAX_MILLIS_PER_CASE, "case " + n + " took " + millis + " ms");
            Files.delete(file);
        }
        assertTrue(loaded > 0 && rejected > CASES / 2, "loaded " + loaded + ", rejected " + rejected);
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    int i = random.nextInt(bytes.length);
                    bytes[i] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2 -> bytes = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(40));
            case 3 -> {
                // Rewrite one header int: count or a dimension, sometimes to a huge value.
                int slot = random.nextInt(Math.max(1, (Math.min(bytes.length, 16) - 4) / 4)) * 4 + 4;
                int value = random.nextBoolean() ? random.nextInt() : random.nextInt(64);
                if (slot + 4 <= bytes.length) {
                    bytes[slot] = (byte) (value >>> 24);
                    bytes[slot + 1] = (byte) (value >>> 16);
                    bytes[slot + 2] = (byte) (value >>> 8);
                    bytes[slot + 3] = (byte) value;
                }
            }
            default -> bytes[random.nextInt(Math.min(4, bytes.length))] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
