package io.latent4j.train;

import io.latent4j.config.Sampling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Chooses the rows of each training batch, reproducibly from a seeded generator. Checkpoints store
 * it as its {@link State}; it stays {@code Serializable} only so that checkpoints of format 1,
 * which stored it Java-serialized, can still be read (through an allow-list, see
 * {@link Checkpoint}).
 */
final class BatchSampler implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int rows;
    private final Random random;
    /** Row order of the current pass; null when sampling with replacement. */
    private final ArrayList<Integer> permutation;
    private int position;

    BatchSampler(Sampling sampling, int rows, long seed) {
        this(rows, new Random(seed), sampling == Sampling.EPOCHS ? identity(rows) : null, rows);
    }

    private BatchSampler(int rows, Random random, ArrayList<Integer> permutation, int position) {
        if (rows < 1) {
            throw new IllegalArgumentException("no training rows");
        }
        this.rows = rows;
        this.random = random;
        this.permutation = permutation;
        this.position = permutation == null ? 0 : position;
    }

    private static ArrayList<Integer> identity(int rows) {
        ArrayList<Integer> order = new ArrayList<>(Math.max(rows, 0));
        for (int i = 0; i < rows; i++) {
            order.add(i);
        }
        return order;
    }

    /**
     * Where a sampler stands, as plain numbers.
     *
     * @param rows        number of training rows
     * @param randomState the generator's 48-bit state (see {@link RandomState})
     * @param position    next index into {@code permutation}
     * @param permutation row order of the current pass; null when sampling with replacement
     */
    record State(int rows, long randomState, int position, List<Integer> permutation) {
    }

    /** This sampler's state; the sampler itself continues exactly as before. */
    State state() {
        return new State(rows, RandomState.of(random), position, permutation == null ? null : List.copyOf(permutation));
    }

    /** A sampler continuing from {@code state}, which must describe a sampler over its rows. */
    static BatchSampler restore(State state) {
        int rows = state.rows();
        if (rows < 1) {
            throw new IllegalArgumentException("sampler over " + rows + " rows");
        }
        if (state.permutation() == null) {
            return new BatchSampler(rows, RandomState.restore(state.randomState()), null, 0);
        }
        if (state.permutation().size() != rows || state.position() < 0 || state.position() > rows) {
            throw new IllegalArgumentException("sampler position " + state.position() + " in an order of "
                    + state.permutation().size() + " of " + rows + " rows");
        }
        boolean[] seen = new boolean[rows];
        for (Integer row : state.permutation()) {
            if (row == null || row < 0 || row >= rows || seen[row]) {
                throw new IllegalArgumentException("sampler order is not a permutation of " + rows + " rows");
            }
            seen[row] = true;
        }
        return new BatchSampler(rows, RandomState.restore(state.randomState()), new ArrayList<>(state.permutation()),
                state.position());
    }

    /** How many training rows this sampler chooses from. */
    int rows() {
        return rows;
    }

    /** Fills {@code batch} with the next batch's row indices. */
    void next(int[] batch) {
        for (int k = 0; k < batch.length; k++) {
            if (permutation == null) {
                batch[k] = random.nextInt(rows);
                continue;
            }
            if (position == rows) {
                Collections.shuffle(permutation, random);
                position = 0;
            }
            batch[k] = permutation.get(position++);
        }
    }
}
