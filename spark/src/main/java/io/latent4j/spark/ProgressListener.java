package io.latent4j.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** Reports rows written by finished tasks, at most every few seconds. */
final class ProgressListener extends SparkListener {
    private static final long EVERY_NANOS = 5_000_000_000L;

    private final Consumer<String> log;
    private final OptionalLong total;
    private final long start = System.nanoTime();
    private long written;
    private long lastReport = start;

    ProgressListener(Consumer<String> log, OptionalLong total) {
        this.log = log;
        this.total = total;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (!end.taskInfo().successful() || end.taskMetrics() == null) {
            return;
        }
        written += end.taskMetrics().outputMetrics().recordsWritten();
        long now = System.nanoTime();
        if (now - lastReport >= EVERY_NANOS) {
            lastReport = now;
            String of = total.isPresent() ? String.format(Locale.ROOT, " of %,d", total.getAsLong()) : "";
            log.accept(String.format(Locale.ROOT, "encoded %,d%s rows (%.0f s)", written, of, (now - start) / 1e9));
        }
    }
}
