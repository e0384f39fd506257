package io.latent4j.viz;

import io.latent4j.files.AtomicFiles;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.mapdb.DBException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run's training statistics, recorded by a {@link StatsListener} into a {@link FileStatsStorage}
 * and shown live in the {@link TrainingUi}. The file is written under a temporary name beside its
 * target and renamed into place by {@link #finish()}, so a stats file holds exactly one complete
 * run (DL4J would otherwise add a session to an existing file). Made by {@link TrainingUi#record}.
 */
public final class StatsRecording implements AutoCloseable {
    private final TrainingUi ui;
    private final Path target;
    private final Path tmp;
    private final StatsStorage live;
    private final StatsListener listener;
    private StatsStorage saved;

    private StatsRecording(TrainingUi ui, Path target, Path tmp, int reportEvery) {
        this.ui = ui;
        this.target = target;
        this.tmp = tmp;
        this.live = new FileStatsStorage(tmp.toFile());
        this.listener = new FastStatsListener(live, reportEvery);
    }

    static StatsRecording start(TrainingUi ui, Path target, int reportEvery) throws IOException {
        if (reportEvery < 1) {
            throw new IllegalArgumentException("stats report interval must be at least 1, not " + reportEvery);
        }
        Path tmp = AtomicFiles.newTempFileFor(target);
        // MapDB creates its own file: an existing empty one is not a database to it.
        Files.delete(tmp);
        StatsRecording recording = new StatsRecording(ui, target, tmp, reportEvery);
        ui.show(recording.live);
        return recording;
    }

    /** The stats file that belongs to a model file: {@code autoencoder.zip} to {@code autoencoder-stats.dl4j}. */
    public static Path fileFor(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return model.resolveSibling(stem + "-stats.dl4j");
    }

    /**
     * Opens a finished stats file, for replay; the caller closes it.
     *
     * @throws IOException if the file is missing, is not a DL4J stats file, or holds no training session
     */
    public static StatsStorage open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("stats file " + file + " does not exist; record one with 'train --ui'");
        }
        StatsStorage storage;
        try {
            storage = new FileStatsStorage(file.toFile());
        } catch (DBException.FileLocked e) {
            throw new IOException(file + " is open in another process (a training UI still serving it?); stop that first", e);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a DL4J stats file (" + e + ")", e);
        }
        if (storage.listSessionIDs().isEmpty()) {
            storage.close();
            throw new IOException(file + " holds no training session");
        }
        return storage;
    }

    /** The listener to attach to the network. */
    public TrainingListener listener() {
        return listener;
    }

    /** Where the finished recording goes. */
    public Path target() {
        return target;
    }

    /** Closes the recording, moves it into place, and shows the saved file in the UI from then on. */
    public void finish() throws IOException {
        // Detaching reads the storage, so the UI lets go of it before it closes.
        ui.hide();
        live.close();
        AtomicFiles.moveIntoPlace(tmp, target.toAbsolutePath());
        saved = open(target);
        ui.show(saved);
    }

    /** Takes the stats off the UI and closes them; an unfinished recording is deleted. */
    @Override
    public void close() throws IOException {
        ui.hide();
        if (saved != null) {
            saved.close();
        } else {
            if (!live.isClosed()) {
                live.close();
            }
            Files.deleteIfExists(tmp);
        }
    }
}
