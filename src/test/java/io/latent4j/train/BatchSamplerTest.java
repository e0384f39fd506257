package io.latent4j.train;

import io.latent4j.config.Sampling;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchSamplerTest {

    @Test
    void withReplacementDrawsTheTutorialSequence() {
        BatchSampler sampler = new BatchSampler(Sampling.WITH_REPLACEMENT, 100, 42);
        Random expected = new Random(42);
        int[] batch = new int[7];
        for (int step = 0; step < 3; step++) {
            sampler.next(batch);
            for (int row : batch) {
                assertEquals(expected.nextInt(100), row);
            }
        }
    }

    @Test
    void epochsVisitEveryRowOncePerPassInAFreshOrder() {
        int rows = 12;
        BatchSampler sampler = new BatchSampler(Sampling.EPOCHS, rows, 3);
        int[] batch = new int[4];
        int[][] passes = new int[2][rows];
        for (int pass = 0; pass < 2; pass++) {
            for (int b = 0; b < rows / batch.length; b++) {
                sampler.next(batch);
                System.arraycopy(batch, 0, passes[pass], b * batch.length, batch.length);
            }
        }
        int[] identity = new int[rows];
        Arrays.setAll(identity, i -> i);
        for (int[] pass : passes) {
            assertArrayEquals(identity, Arrays.stream(pass).sorted().toArray());
        }
        assertFalse(Arrays.equals(passes[0], passes[1]), "each pass should be reshuffled");
    }

    @Test
    void batchesSpanPassBoundariesAndSameSeedRepeats() {
        int[] a = new int[5];
        int[] b = new int[5];
        BatchSampler first = new BatchSampler(Sampling.EPOCHS, 3, 9);
        BatchSampler second = new BatchSampler(Sampling.EPOCHS, 3, 9);
        first.next(a);
        second.next(b);
        assertArrayEquals(a, b);
        assertEquals(3, Arrays.stream(a, 0, 3).distinct().count());
    }

    @Test
    void refusesEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(Sampling.EPOCHS, 0, 1));
    }
}
