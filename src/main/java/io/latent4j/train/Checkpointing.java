package io.latent4j.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * When and where the training loop saves {@link Checkpoint}s, and the flag that asks it to stop
 * early (set from a signal handler): it then saves a checkpoint and returns. A class, not a
 * record, because a timed schedule remembers when it last saved.
 */
public final class Checkpointing {
    /** The default interval: a crash loses at most a minute of training. */
    public static final int DEFAULT_SECONDS = 60;

    /**
     * How often to save besides the early stop. By default after an interval of training time:
     * a fixed iteration count saves many times on a short run (where a save costs more than it
     * protects) and too rarely on a slow one.
     *
     * @param iterations save every this many iterations; 0 for none
     * @param interval   save once this much training time has passed since the last save (or the
     *                   first iteration); zero for none
     */
    public record Schedule(int iterations, Duration interval) {
        public static final Schedule DEFAULT = every(Duration.ofSeconds(DEFAULT_SECONDS));
        /** Only when stopped early. */
        public static final Schedule ON_STOP_ONLY = new Schedule(0, Duration.ZERO);

        public Schedule {
            if (iterations < 0) {
                throw new IllegalArgumentException("checkpoint interval must be 0 (off) or positive, got " + iterations);
            }
            if (interval.isNegative()) {
                throw new IllegalArgumentException("checkpoint interval must be 0 (off) or positive, got " + interval);
            }
            if (iterations > 0 && !interval.isZero()) {
                throw new IllegalArgumentException("save by iterations or by time, not both");
            }
        }

        public static Schedule everyIterations(int iterations) {
            return new Schedule(iterations, Duration.ZERO);
        }

        public static Schedule every(Duration interval) {
            return new Schedule(0, interval);
        }
    }

    private final Path file;
    private final Schedule schedule;
    private final AtomicBoolean stop;
    private final LongSupplier nanoClock;
    /** Whether a timed schedule has started counting, and the clock at its start or last save. */
    private boolean timing;
    private long since;

    /**
     * @param file     where checkpoints go (each replaces the last, atomically)
     * @param schedule when to save besides the early stop
     * @param stop     set to end training after the current iteration
     */
    public Checkpointing(Path file, Schedule schedule, AtomicBoolean stop) {
        this(file, schedule, stop, System::nanoTime);
    }

    /** Saves every {@code every} iterations; 0 saves only when stopped early. */
    public Checkpointing(Path file, int every, AtomicBoolean stop) {
        this(file, Schedule.everyIterations(every), stop);
    }

    Checkpointing(Path file, Schedule schedule, AtomicBoolean stop, LongSupplier nanoClock) {
        this.file = file;
        this.schedule = schedule;
        this.stop = stop;
        this.nanoClock = nanoClock;
    }

    /** No checkpoints, no early stop. */
    public static Checkpointing none() {
        return new Checkpointing(null, Schedule.ON_STOP_ONLY, new AtomicBoolean());
    }

    public Path file() {
        return file;
    }

    public AtomicBoolean stop() {
        return stop;
    }

    /** Asked after each iteration; a true answer counts as a save. */
    boolean due(int completedIterations) {
        if (file == null) {
            return false;
        }
        if (schedule.iterations() > 0) {
            return completedIterations % schedule.iterations() == 0;
        }
        if (schedule.interval().isZero()) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (!timing) {
            timing = true;
            since = now;
            return false;
        }
        if (now - since < schedule.interval().toNanos()) {
            return false;
        }
        since = now;
        return true;
    }
}
