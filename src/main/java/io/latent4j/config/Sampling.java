package io.latent4j.config;

/** How each training step draws its batch of rows. */
public enum Sampling {
    /** Every row of every batch uniformly at random, with replacement (the tutorial's scheme). */
    WITH_REPLACEMENT,
    /**
     * Shuffled passes over the data: rows are taken in order from a random permutation, which is
     * redrawn after each pass, so every row is seen once per epoch. Batches span pass boundaries.
     */
    EPOCHS
}
