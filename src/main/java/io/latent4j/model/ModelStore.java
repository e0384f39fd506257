package io.latent4j.model;

import io.latent4j.files.AtomicFiles;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads networks in DL4J's {@code ModelSerializer} format, writing atomically and
 * reading every file as untrusted ({@link ModelZip}).
 */
public final class ModelStore {
    private static final int BUFFER = 1 << 16;

    private ModelStore() {
    }

    /**
     * Writes {@code net} to {@code file} via a temporary file and a rename, so an interrupted save
     * never leaves a half-written model where a good one was.
     *
     * @param saveUpdater keep Adam's state (needed to continue training, doubles the size)
     */
    public static void save(MultiLayerNetwork net, Path file, boolean saveUpdater) throws IOException {
        save(net, file, saveUpdater, Map.of());
    }

    /**
     * As {@link #save(MultiLayerNetwork, Path, boolean)}, plus {@code entries} stored as they are
     * (no Java serialization), which {@link ModelZip#entry} reads back.
     *
     * @return the SHA-256 of the file written (lower-case hex), digested as it is written
     */
    public static String save(MultiLayerNetwork net, Path file, boolean saveUpdater, Map<String, byte[]> entries)
            throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
        AtomicFiles.write(file, out -> write(net, saveUpdater, entries, new DigestOutputStream(out, digest)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The entries {@code ModelSerializer.writeModel} writes, in its order and byte for byte, but
     * not compressed: parameters and Adam moments are float noise that deflate shrinks by only 10%
     * at about 35 MB/s, which made saving the tutorial network (13 MB) take 0.4 s, and
     * storing extra objects through {@code addObjectToFile} inflated and deflated the whole zip once
     * more. Readers see an ordinary zip.
     */
    static void write(MultiLayerNetwork net, boolean saveUpdater, Map<String, byte[]> entries, OutputStream out)
            throws IOException {
        BufferedOutputStream file = new BufferedOutputStream(out, BUFFER);
        ZipOutputStream zip = new ZipOutputStream(file);
        zip.setLevel(Deflater.NO_COMPRESSION);
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip, BUFFER));
        zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
        data.write(net.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
        data.flush();
        zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
        Nd4j.write(net.params(), data);
        data.flush();
        INDArray updaterState = saveUpdater ? net.getUpdater().getStateViewArray() : null;
        if (updaterState != null && updaterState.length() > 0) {
            zip.putNextEntry(new ZipEntry(ModelSerializer.UPDATER_BIN));
            Nd4j.write(updaterState, data);
            data.flush();
        }
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            zip.putNextEntry(new ZipEntry(entry.getKey()));
            data.write(entry.getValue());
            data.flush();
        }
        zip.finish();
        file.flush();
    }

    /**
     * Loads a network from a stream in {@code ModelSerializer} format (e.g. a classpath resource),
     * treating it as untrusted: see {@link ModelZip}.
     */
    public static MultiLayerNetwork load(InputStream in) throws IOException {
        try {
            return ModelZip.read(in).network(false);
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a latent4j model (" + ModelZip.reason(e) + ")", e);
        }
    }

    /** A saved model: the network and the scaling its features went through, if any. */
    public record StoredModel(MultiLayerNetwork network, Optional<FeatureScaling> scaling) {
    }

    /** Loads a model from a stream in {@code ModelSerializer} format, with its scaling. */
    public static StoredModel loadModel(InputStream in) throws IOException {
        try {
            ModelZip zip = ModelZip.read(in);
            return new StoredModel(zip.network(false), FeatureScaling.in(zip));
        } catch (IOException | RuntimeException e) {
            throw new IOException("not a latent4j model (" + ModelZip.reason(e) + ")", e);
        }
    }

    /** Loads a model saved by {@link #save}, with its scaling; the message names the file when that fails. */
    public static StoredModel loadModel(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such model file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            ModelZip zip = ModelZip.read(new BufferedInputStream(in, BUFFER));
            return new StoredModel(zip.network(true), FeatureScaling.in(zip));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a latent4j model (" + ModelZip.reason(e) + ")", e);
        }
    }

    /** Loads a network saved by {@link #save}; the message names the file when that fails. */
    public static MultiLayerNetwork load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such model file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModelZip.read(new BufferedInputStream(in, BUFFER)).network(true);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a latent4j model (" + ModelZip.reason(e) + ")", e);
        }
    }
}
