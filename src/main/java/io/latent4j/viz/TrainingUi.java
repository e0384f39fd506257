package io.latent4j.viz;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.VertxUIServer;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DL4J's training UI ({@code deeplearning4j-ui}), served on the loopback address only, so training
 * statistics never reach the network. One per JVM: DL4J keeps its UI server in a static field.
 */
public final class TrainingUi implements AutoCloseable {
    /** The address the UI listens on. */
    public static final String HOST = "127.0.0.1";
    /** DL4J's default UI port. */
    public static final int DEFAULT_PORT = VertxUIServer.DEFAULT_UI_PORT;

    private static final long START_TIMEOUT_SECONDS = 60;

    static {
        // Vert.x 3 logs through java.util.logging unless told otherwise; route it to SLF4J and logback's levels.
        if (System.getProperty("vertx.logger-delegate-factory-class-name") == null) {
            System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        }
    }

    private final VertxUIServer server;
    private StatsStorage shown;

    private TrainingUi(VertxUIServer server) {
        this.server = server;
    }

    /**
     * Starts the UI on {@value #HOST}.
     *
     * @param port TCP port, or 0 for any free one
     * @throws IOException if the server cannot listen there, for example because the port is taken
     */
    public static synchronized TrainingUi start(int port) throws IOException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("UI port must be 0-65535, not " + port);
        }
        VertxUIServer running = VertxUIServer.getInstance();
        if (running != null && !running.isStopped()) {
            throw new IllegalStateException("a training UI is already running in this process at " + running.getAddress());
        }
        LoopbackUiServer server = new LoopbackUiServer(HOST, port);
        CompletableFuture<String> deployed = new CompletableFuture<>();
        // DL4J sets the UI up on the event loop, which takes seconds on a busy machine: not worth Vert.x's warnings.
        VertxOptions options = new VertxOptions().setMaxEventLoopExecuteTime(START_TIMEOUT_SECONDS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS);
        Vertx.vertx(options).deployVerticle(server, result -> {
            if (result.succeeded()) {
                deployed.complete(result.result());
            } else {
                deployed.completeExceptionally(result.cause());
            }
        });
        try {
            deployed.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stopQuietly();
            throw new IOException("cannot serve the training UI on " + HOST + ":" + port + ": " + rootMessage(e)
                    + "; choose another port with --ui-port", e);
        } catch (InterruptedException e) {
            stopQuietly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the training UI", e);
        }
        return new TrainingUi(server);
    }

    /** The port the UI listens on (the one chosen when started with port 0). */
    public int port() {
        return server.getPort();
    }

    /** The overview page: score chart, model and update statistics. */
    public URI overviewUrl() {
        return URI.create("http://" + HOST + ":" + port() + "/train/overview");
    }

    /**
     * Starts recording a run's statistics to {@code statsFile} and shows them live.
     *
     * @param reportEvery iterations between two reports (score, parameter, gradient and update statistics)
     */
    public StatsRecording record(Path statsFile, int reportEvery) throws IOException {
        return StatsRecording.start(this, statsFile, reportEvery);
    }

    /** Shows {@code storage} in place of what was shown before; the caller keeps it open while shown. */
    public synchronized void show(StatsStorage storage) {
        hide();
        server.attach(storage);
        shown = storage;
    }

    /** Stops showing the current storage; do this before closing it, since detaching reads it. */
    public synchronized void hide() {
        if (shown != null) {
            server.detach(shown);
            shown = null;
        }
    }

    /** Stops the server. */
    @Override
    public synchronized void close() {
        if (!server.isStopped()) {
            stopQuietly();
        }
    }

    private static void stopQuietly() {
        try {
            VertxUIServer.stopInstance();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LoggerFactory.getLogger(TrainingUi.class).warn("could not stop the training UI: {}", e.toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
