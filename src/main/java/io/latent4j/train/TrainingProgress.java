package io.latent4j.train;

/** Receives the training loop's periodic reports; the CLI prints them, tests collect them. */
@FunctionalInterface
public interface TrainingProgress {
    /**
     * Called every {@code logEvery} iterations and after the last one.
     *
     * @param iteration      zero-based index of the step just taken
     * @param iterations     total number of steps
     * @param batchLoss      MSE (in double) of the updated network on the batch it just trained on
     * @param elapsedSeconds training time so far
     */
    void report(int iteration, int iterations, double batchLoss, double elapsedSeconds);

    /**
     * Called after every step, for displays that update continuously; does nothing by default.
     *
     * @param iteration      zero-based index of the step just taken
     * @param iterations     total number of steps
     * @param batchLoss      the MSE of this step's batch before its update (DL4J's {@code score()} after {@code fit})
     * @param elapsedSeconds training time so far
     */
    default void step(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
    }

    /** Reports nothing. */
    TrainingProgress NONE = (iteration, iterations, batchLoss, elapsedSeconds) -> { };
}
