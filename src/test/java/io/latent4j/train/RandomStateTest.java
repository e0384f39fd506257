package io.latent4j.train;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RandomStateTest {
    @Test
    void readingTheStateLeavesTheGeneratorWhereItWasAndRestoringContinuesIt() {
        Random seeds = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            long seed = seeds.nextLong();
            int draws = seeds.nextInt(50);
            Random read = new Random(seed);
            Random reference = new Random(seed);
            for (int i = 0; i < draws; i++) {
                read.nextInt(100);
                reference.nextInt(100);
            }
            Random restored = RandomState.restore(RandomState.of(read));
            for (int i = 0; i < 20; i++) {
                int expected = reference.nextInt(1000);
                assertEquals(expected, read.nextInt(1000), "seed " + seed + " after " + draws);
                assertEquals(expected, restored.nextInt(1000), "seed " + seed + " after " + draws);
            }
        }
    }

    @Test
    void theStateOfAFreshGeneratorIsItsScrambledSeed() {
        assertEquals((42 ^ 0x5DEECE66DL) & ((1L << 48) - 1), RandomState.of(new Random(42)));
    }

    @Test
    void onlyFortyEightBitStatesAreRestored() {
        assertThrows(IllegalArgumentException.class, () -> RandomState.restore(-1));
        assertThrows(IllegalArgumentException.class, () -> RandomState.restore(1L << 48));
    }
}
