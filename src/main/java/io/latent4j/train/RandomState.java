package io.latent4j.train;

import java.util.Random;

/**
 * Reads and sets the 48-bit state of a {@code java.util.Random}, which it keeps private, so a
 * checkpoint can store it as a number. Reading inverts the generator the class documents
 * ({@code state = state * 0x5DEECE66D + 0xB mod 2^48}, each {@code nextInt()} giving the top 32
 * bits): three draws fix the state, which is then set back through {@code setSeed}.
 */
final class RandomState {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    /** {@code MULTIPLIER}'s inverse modulo 2^48, to step the generator back. */
    private static final long INVERSE_MULTIPLIER = 0xDFE05BCB1365L;

    private RandomState() {
    }

    /** The state of {@code random}, which afterwards continues exactly as if it had not been read. */
    static long of(Random random) {
        long first = Integer.toUnsignedLong(random.nextInt());
        long second = Integer.toUnsignedLong(random.nextInt());
        long third = Integer.toUnsignedLong(random.nextInt());
        for (long low = 0; low < 1 << 16; low++) {
            long afterFirst = first << 16 | low;
            long afterSecond = step(afterFirst);
            if (afterSecond >>> 16 == second && step(afterSecond) >>> 16 == third) {
                long state = (afterFirst - ADDEND) * INVERSE_MULTIPLIER & MASK;
                random.setSeed(state ^ MULTIPLIER);
                return state;
            }
        }
        throw new IllegalStateException(random.getClass().getName() + " is not java.util.Random's generator");
    }

    /** A generator in {@code state}. */
    static Random restore(long state) {
        if (state < 0 || state > MASK) {
            throw new IllegalArgumentException("random state " + state + " is not a 48-bit number");
        }
        return new Random(state ^ MULTIPLIER);
    }

    private static long step(long state) {
        return state * MULTIPLIER + ADDEND & MASK;
    }
}
