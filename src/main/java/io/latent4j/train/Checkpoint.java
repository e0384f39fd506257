package io.latent4j.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latent4j.config.ArchitectureConfig;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.ModelCard.LossPoint;
import io.latent4j.model.AutoencoderArchitecture;
import io.latent4j.model.ModelStore;
import io.latent4j.model.ModelZip;
import io.latent4j.model.NotAnAutoencoderException;
import io.latent4j.model.SerializationAllowList;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a training run stands, saved so it can continue exactly: the network with Adam's state
 * (a normal DL4J model zip), plus, inside the same zip as plain UTF-8 JSON, the next iteration,
 * the batch sampler's state, the loss log so far, the training time so far and the config.
 * Checkpoints are read as untrusted files ({@link ModelZip}); the JSON is read without type
 * information, so it can only produce these records.
 *
 * @param nextIteration the first iteration still to run
 * @param sampler       the batch sampler, positioned where the run stopped
 * @param lossLog       logged losses so far
 * @param seconds       training time so far
 * @param config        the run's settings
 */
public record Checkpoint(int nextIteration, BatchSampler sampler, List<LossPoint> lossLog, double seconds,
                         AutoencoderConfig config) {
    /** Format 2: training state as plain JSON; format 1 Java-serialized it (see {@link Format1}). */
    private static final int FORMAT = 2;
    private static final String STATE_ENTRY = "latent4j-checkpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Checkpoint {
        if (sampler == null || lossLog == null || config == null) {
            throw new IllegalArgumentException("incomplete training state");
        }
        if (nextIteration < 0 || nextIteration > config.schedule().iterations()) {
            throw new IllegalArgumentException("next iteration " + nextIteration + " lies outside the run's 0.."
                    + config.schedule().iterations() + " iterations");
        }
        if (!Double.isFinite(seconds) || seconds < 0) {
            throw new IllegalArgumentException("training time " + seconds + " s");
        }
        lossLog = List.copyOf(lossLog);
    }

    /** The JSON stored in the zip. */
    private record Stored(int format, int nextIteration, BatchSampler.State sampler, List<LossPoint> lossLog,
                          double seconds, AutoencoderConfig config) {
    }

    /** A network restored from a checkpoint, with the state to continue from. */
    public record Loaded(MultiLayerNetwork network, Checkpoint checkpoint) {
    }

    /** Writes {@code net} and this state to {@code file}, atomically. */
    public void save(MultiLayerNetwork net, Path file) throws IOException {
        Stored stored = new Stored(FORMAT, nextIteration, sampler.state(), lossLog, seconds, config);
        ModelStore.save(net, file, true, Map.of(STATE_ENTRY, JSON.writeValueAsBytes(stored)));
    }

    /** Reads a checkpoint written by {@link #save}; the message names the file when that fails. */
    public static Loaded load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such checkpoint");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ModelZip zip = ModelZip.read(in);
            MultiLayerNetwork net = zip.network(true);
            byte[] json = zip.entry(STATE_ENTRY).orElse(null);
            Checkpoint checkpoint = json != null ? fromJson(json)
                    : Format1.read(zip.entry(Format1.ENTRY).orElseThrow(() -> new IOException("no training state")));
            checkNetworkMatches(net, checkpoint.config());
            return new Loaded(net, checkpoint);
        } catch (IOException | RuntimeException | NotAnAutoencoderException e) {
            throw new IOException(file + ": not a latent4j checkpoint (" + ModelZip.reason(e) + ")", e);
        }
    }

    /** Training takes its shapes from the settings, so they must describe the stored network. */
    private static void checkNetworkMatches(MultiLayerNetwork net, AutoencoderConfig config)
            throws IOException, NotAnAutoencoderException {
        ArchitectureConfig stored = AutoencoderArchitecture.architectureOf(net);
        if (!stored.equals(config.architecture())) {
            throw new IOException("the network has layers " + stored.encoderSizes() + " (" + stored.activation()
                    + "), its settings describe " + config.architecture().encoderSizes() + " ("
                    + config.architecture().activation() + ")");
        }
    }

    private static Checkpoint fromJson(byte[] json) throws IOException {
        Stored s = JSON.readValue(json, Stored.class);
        if (s.format() != FORMAT) {
            throw new IOException("checkpoint format " + s.format() + ", this latent4j reads formats 1 and " + FORMAT);
        }
        return new Checkpoint(s.nextIteration(), BatchSampler.restore(s.sampler()), s.lossLog(), s.seconds(), s.config());
    }

    /**
     * Checkpoints before format 2: the JSON was a Java-serialized {@code String} under
     * {@code objects/}, holding the sampler Java-serialized in Base64. Both are deserialized only
     * through allow-lists of exactly the classes they held.
     */
    private static final class Format1 {
        static final String ENTRY = "objects/latent4j-checkpoint";
        private static final long MAX_BYTES = 64 << 20;
        /** One string. */
        private static final SerializationAllowList STRING = new SerializationAllowList(Set.of(), 1, 1, 0, MAX_BYTES);
        /**
         * Sampler, generator, row order: one object per row plus a few; the descriptor of the
         * Integers' superclass Number is read at depth 4.
         */
        private static final SerializationAllowList SAMPLER = new SerializationAllowList(Set.of(
                "io.latent4j.train.BatchSampler", "java.util.Random", "java.util.ArrayList",
                "java.lang.Integer", "java.lang.Number"), 4, 10_000_000, 10_000_000, MAX_BYTES);

        private record Stored(int nextIteration, String sampler, List<LossPoint> lossLog, double seconds,
                              AutoencoderConfig config) {
        }

        static Checkpoint read(byte[] serializedJson) throws IOException {
            if (!(STRING.read(serializedJson) instanceof String json)) {
                throw new IOException(ENTRY + " holds no JSON");
            }
            Stored s = JSON.readValue(json, Stored.class);
            if (!(SAMPLER.read(Base64.getDecoder().decode(s.sampler())) instanceof BatchSampler sampler)) {
                throw new IOException(ENTRY + " holds no batch sampler");
            }
            return new Checkpoint(s.nextIteration(), BatchSampler.restore(sampler.state()), s.lossLog(), s.seconds(),
                    s.config());
        }
    }
}
