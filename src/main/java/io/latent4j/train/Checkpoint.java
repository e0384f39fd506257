package io.latent4j.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.ModelCard.LossPoint;
import io.latent4j.model.ModelStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Where a training run stands, saved so it can continue exactly: the network with Adam's state
 * (a normal DL4J model zip), plus, inside the same zip, the next iteration, the batch generator's
 * state, the loss log so far, the training time so far and the config.
 *
 * @param nextIteration the first iteration still to run
 * @param sampler       the batch sampler, positioned where the run stopped
 * @param lossLog       logged losses so far
 * @param seconds       training time so far
 * @param config        the run's settings
 */
public record Checkpoint(int nextIteration, BatchSampler sampler, List<LossPoint> lossLog, double seconds,
                         AutoencoderConfig config) {
    private static final String KEY = "latent4j-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Checkpoint {
        lossLog = List.copyOf(lossLog);
    }

    /** The JSON form stored in the zip; the sampler travels as its serialized bytes. */
    private record Stored(int nextIteration, String sampler, List<LossPoint> lossLog, double seconds,
                          AutoencoderConfig config) {
    }

    /** A network restored from a checkpoint, with the state to continue from. */
    public record Loaded(MultiLayerNetwork network, Checkpoint checkpoint) {
    }

    /** Writes {@code net} and this state to {@code file}, atomically. */
    public void save(MultiLayerNetwork net, Path file) throws IOException {
        Stored stored = new Stored(nextIteration, Base64.getEncoder().encodeToString(serialize(sampler)), lossLog,
                seconds, config);
        ModelStore.save(net, file, true, Map.of(KEY, JSON.writeValueAsString(stored)));
    }

    /** Reads a checkpoint written by {@link #save}; the message names the file when that fails. */
    public static Loaded load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such checkpoint");
        }
        try {
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
            String json = ModelSerializer.getObjectFromFile(file.toFile(), KEY);
            Stored s = JSON.readValue(json, Stored.class);
            BatchSampler sampler = (BatchSampler) new ObjectInputStream(new ByteArrayInputStream(
                    Base64.getDecoder().decode(s.sampler()))).readObject();
            return new Loaded(net, new Checkpoint(s.nextIteration(), sampler, s.lossLog(), s.seconds(), s.config()));
        } catch (IOException | RuntimeException | ClassNotFoundException e) {
            throw new IOException(file + ": not a latent4j checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] serialize(BatchSampler sampler) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sampler);
        }
        return bytes.toByteArray();
    }
}
