package io.latent4j.train;

/** The loss became NaN or infinite; the run's parameters are no longer usable. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(int iteration, double loss) {
        this("training diverged at iteration " + iteration + " (loss " + loss
                + "); lower the learning rate (--learning-rate)");
    }

    TrainingDivergedException(String message) {
        super(message);
    }
}
