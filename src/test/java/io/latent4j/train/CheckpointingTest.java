package io.latent4j.train;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointingTest {
    private final Path file = Path.of("ae.checkpoint.zip");
    private final AtomicLong nanos = new AtomicLong(1_000);

    private Checkpointing timed(Duration interval) {
        return new Checkpointing(file, Checkpointing.Schedule.every(interval), new AtomicBoolean(), nanos::get);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aTimedScheduleSavesOnceTheIntervalHasPassedSinceTheFirstIterationThenSinceTheLastSave() {
        Checkpointing checkpointing = timed(Duration.ofSeconds(60));
        assertFalse(checkpointing.due(1), "the first iteration starts the clock");
        advance(Duration.ofSeconds(59));
        assertFalse(checkpointing.due(500));
        advance(Duration.ofSeconds(1));
        assertTrue(checkpointing.due(501));
        assertFalse(checkpointing.due(502), "the save restarts the clock");
        advance(Duration.ofSeconds(59));
        assertFalse(checkpointing.due(1000));
        advance(Duration.ofSeconds(2));
        assertTrue(checkpointing.due(1001));
    }

    @Test
    void byIterationsSavesOnMultiplesWhateverTheTime() {
        Checkpointing checkpointing = new Checkpointing(file, Checkpointing.Schedule.everyIterations(50),
                new AtomicBoolean(), nanos::get);
        assertFalse(checkpointing.due(49));
        assertTrue(checkpointing.due(50));
        advance(Duration.ofHours(1));
        assertFalse(checkpointing.due(51));
        assertTrue(checkpointing.due(100));
    }

    @Test
    void zeroIntervalsAndAMissingFileNeverSave() {
        Checkpointing off = timed(Duration.ZERO);
        Checkpointing offByIterations = new Checkpointing(file, 0, new AtomicBoolean());
        Checkpointing nowhere = new Checkpointing(null, Checkpointing.Schedule.every(Duration.ofSeconds(1)),
                new AtomicBoolean(), nanos::get);
        for (int it = 1; it < 5; it++) {
            advance(Duration.ofHours(1));
            assertFalse(off.due(it) || offByIterations.due(it) || nowhere.due(it), "iteration " + it);
        }
        assertFalse(Checkpointing.none().due(1));
    }

    @Test
    void theDefaultIsAMinuteOfTraining() {
        assertEquals(Checkpointing.Schedule.every(Duration.ofSeconds(60)), Checkpointing.Schedule.DEFAULT);
    }

    @Test
    void schedulesRefuseNegativeOrDoubleIntervals() {
        assertThrows(IllegalArgumentException.class, () -> Checkpointing.Schedule.everyIterations(-1));
        assertThrows(IllegalArgumentException.class, () -> Checkpointing.Schedule.every(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new Checkpointing.Schedule(10, Duration.ofSeconds(10)));
    }
}
