package io.latent4j.train;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When and where the training loop saves {@link Checkpoint}s, and the flag that asks it to stop
 * early (set from a signal handler): it then saves a checkpoint and returns.
 *
 * @param file  where checkpoints go (each replaces the last, atomically)
 * @param every save every this many iterations; 0 saves only when stopped early
 * @param stop  set to end training after the current iteration
 */
public record Checkpointing(Path file, int every, AtomicBoolean stop) {
    public Checkpointing {
        if (every < 0) {
            throw new IllegalArgumentException("checkpoint interval must be 0 (off) or positive, got " + every);
        }
    }

    /** No checkpoints, no early stop. */
    public static Checkpointing none() {
        return new Checkpointing(null, 0, new AtomicBoolean());
    }

    boolean due(int completedIterations) {
        return file != null && every > 0 && completedIterations % every == 0;
    }
}
