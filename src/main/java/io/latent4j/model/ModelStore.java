package io.latent4j.model;

import io.latent4j.files.AtomicFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves and loads networks with DL4J's {@code ModelSerializer}, writing atomically. */
public final class ModelStore {
    private ModelStore() {
    }

    /**
     * Writes {@code net} to {@code file} via a temporary file and a rename, so an interrupted save
     * never leaves a half-written model where a good one was.
     *
     * @param saveUpdater keep Adam's state (needed to continue training, doubles the size)
     */
    public static void save(MultiLayerNetwork net, Path file, boolean saveUpdater) throws IOException {
        AtomicFiles.write(file, out -> ModelSerializer.writeModel(net, out, saveUpdater));
    }

    /** Loads a network from a stream in {@code ModelSerializer} format (e.g. a classpath resource). */
    public static MultiLayerNetwork load(java.io.InputStream in) throws IOException {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(in, false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a readable DL4J model (" + e.getMessage() + ")", e);
        }
    }

    /** Loads a network saved by {@link #save}; the message names the file when that fails. */
    public static MultiLayerNetwork load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such model file");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a readable DL4J model (" + e.getMessage() + ")", e);
        }
    }
}
