package io.latent4j.train;

import io.latent4j.config.Sampling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Chooses the rows of each training batch, reproducibly from a seeded generator. */
final class BatchSampler implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final int rows;
    private final Random random;
    /** Row order of the current pass; null when sampling with replacement. */
    private final ArrayList<Integer> permutation;
    private int position;

    BatchSampler(Sampling sampling, int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("no training rows");
        }
        this.rows = rows;
        this.random = new Random(seed);
        if (sampling == Sampling.EPOCHS) {
            permutation = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                permutation.add(i);
            }
            position = rows;
        } else {
            permutation = null;
        }
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
