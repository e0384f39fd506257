package io.latent4j.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (or SIGTERM) during training into a request to stop: a shutdown hook raises the
 * flag, then holds the JVM open until the training loop has saved its checkpoint and returned.
 */
final class StopSignal implements AutoCloseable {
    /** Longest the hook waits for the checkpoint to be written. */
    private static final long GRACE_SECONDS = 120;
    /** True once the JVM is shutting down: {@code System.exit} would then block forever. */
    static volatile boolean shuttingDown;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /** @param flag raised on Ctrl-C; the training loop polls it */
    StopSignal(AtomicBoolean flag) {
        hook = new Thread(() -> {
            shuttingDown = true;
            flag.set(true);
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "latent4j-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            shuttingDown = true;
        }
    }
}
