package io.latent4j.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A DL4J model zip read as untrusted input, in place of {@code ModelSerializer.restoreMultiLayerNetwork}.
 * That method runs an unfiltered {@code ObjectInputStream.readObject} on {@code preprocessor.bin}
 * (a serialization bomb there hangs the process) and reads every entry and array whole, whatever
 * size it claims. A JVM-wide filter factory could police its reads, but can be set only once per
 * JVM and would also govern the application's own deserialization; reading the few entries
 * ourselves is simpler and leaves nothing unfiltered. So: every entry has a size limit
 * ({@code coefficients.bin} and {@code updaterState.bin} from the parameter count of
 * {@code configuration.json}, which must come first, as DL4J writes it), the arrays are parsed by
 * {@link NdArrayEntry}, {@code preprocessor.bin} is deserialized only through
 * {@link #PREPROCESSOR} and then dropped, as DL4J drops it, and no other entry (e.g. a
 * {@code normalizer.bin}) is ever deserialized. The network is then built as DL4J builds it.
 */
public final class ModelZip {
    /** Far more than any autoencoder latent4j trains (the tutorial has 1.1 million). */
    static final long MAX_PARAMETERS = 1L << 27;
    /** Adam keeps two values per parameter; a little room for updaters that keep three. */
    private static final int UPDATER_VALUES_PER_PARAMETER = 3;
    /** Room for the array headers in front of the values. */
    private static final int ARRAY_HEADER_BYTES = 4096;
    private static final int MAX_CONFIGURATION_BYTES = 4 << 20;
    private static final int MAX_PREPROCESSOR_BYTES = 64 << 10;
    /** All other entries together, e.g. a checkpoint's training state. */
    private static final long MAX_OTHER_BYTES = 64 << 20;
    /**
     * The DataSetPreProcessors whose serialized form is plain numbers. Normalizers that hold
     * INDArrays (mean/std, min/max) are not admitted: an INDArray deserializes by allocating
     * whatever length its bytes claim, which no filter limit sees. latent4j writes none of them.
     */
    static final SerializationAllowList PREPROCESSOR = new SerializationAllowList(Set.of(
            "org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler",
            "org.nd4j.linalg.dataset.api.preprocessor.ImageFlatteningDataSetPreProcessor"),
            2, 8, 0, MAX_PREPROCESSOR_BYTES);

    private final MultiLayerConfiguration configuration;
    private final long parameters;
    private final byte[] coefficients;
    private final byte[] updaterState;
    private final Map<String, byte[]> otherEntries;

    private ModelZip(MultiLayerConfiguration configuration, long parameters, byte[] coefficients, byte[] updaterState,
                     Map<String, byte[]> otherEntries) {
        this.configuration = configuration;
        this.parameters = parameters;
        this.coefficients = coefficients;
        this.updaterState = updaterState;
        this.otherEntries = otherEntries;
    }

    /** Reads a model zip from {@code in}; the message says what is wrong, without naming a file. */
    public static ModelZip read(InputStream in) throws IOException {
        MultiLayerConfiguration configuration = null;
        long parameters = 0;
        byte[] coefficients = null;
        byte[] updaterState = null;
        Map<String, byte[]> others = new HashMap<>();
        long otherBytes = 0;
        try (ZipEntryReader zip = new ZipEntryReader(in)) {
            for (String name = zip.next(); name != null; name = zip.next()) {
                switch (name) {
                    case ModelSerializer.CONFIGURATION_JSON -> {
                        configuration = parseConfiguration(zip.read(MAX_CONFIGURATION_BYTES));
                        parameters = parameterCount(configuration);
                    }
                    case ModelSerializer.COEFFICIENTS_BIN ->
                            coefficients = zip.read(arrayLimit(name, configuration, parameters, 1));
                    case ModelSerializer.UPDATER_BIN -> updaterState = zip.read(
                            arrayLimit(name, configuration, parameters, UPDATER_VALUES_PER_PARAMETER));
                    case ModelSerializer.PREPROCESSOR_BIN -> checkPreprocessor(zip.read(MAX_PREPROCESSOR_BYTES));
                    default -> {
                        byte[] data = zip.read(MAX_OTHER_BYTES - otherBytes);
                        otherBytes += data.length;
                        others.put(name, data);
                    }
                }
            }
        }
        if (configuration == null || coefficients == null) {
            throw new IOException(configuration == null && coefficients == null && updaterState == null
                    ? "not a zip file, or a zip without a DL4J model"
                    : "no " + (configuration == null ? ModelSerializer.CONFIGURATION_JSON : ModelSerializer.COEFFICIENTS_BIN));
        }
        return new ModelZip(configuration, parameters, coefficients, updaterState, others);
    }

    /** An entry that is neither part of the network nor its preprocessor, e.g. a checkpoint's state. */
    public Optional<byte[]> entry(String name) {
        return Optional.ofNullable(otherEntries.get(name));
    }

    /** The network, with the updater's (Adam's) state when asked and stored. */
    public MultiLayerNetwork network(boolean withUpdaterState) throws IOException {
        INDArray params = NdArrayEntry.read(ModelSerializer.COEFFICIENTS_BIN, coefficients);
        if (params.length() != parameters) {
            throw new IOException(ModelSerializer.COEFFICIENTS_BIN + " holds " + params.length()
                    + " parameters, the configuration has " + parameters);
        }
        configuration.setDataType(params.dataType());
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init(params, false);
        if (withUpdaterState && updaterState != null) {
            INDArray state = NdArrayEntry.read(ModelSerializer.UPDATER_BIN, updaterState);
            INDArray expected = network.getUpdater().getStateViewArray();
            if (expected == null || expected.length() != state.length()) {
                throw new IOException(ModelSerializer.UPDATER_BIN + " holds " + state.length() + " values, the updater has "
                        + (expected == null ? 0 : expected.length()));
            }
            network.getUpdater().setStateViewArray(network, state, false);
        }
        return network;
    }

    /** The first line of why {@code e} failed, for one-line messages. */
    public static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        return message.isEmpty() ? e.getClass().getSimpleName() : message.lines().findFirst().orElseThrow();
    }

    private static MultiLayerConfiguration parseConfiguration(byte[] json) throws IOException {
        try {
            return MultiLayerConfiguration.fromJson(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(ModelSerializer.CONFIGURATION_JSON + " is not a DL4J MultiLayerNetwork configuration",
                    e);
        }
    }

    /**
     * The parameter count, from layer sizes checked first: latent4j's layers are dense, and for
     * those {@code nIn * nOut + nOut} cannot overflow once both sizes are bounded, so the count
     * is exact and a huge claim is refused before anything is allocated; a variational layer is
     * counted sub-layer by sub-layer the same way.
     */
    private static long parameterCount(MultiLayerConfiguration configuration) throws IOException {
        long total = 0;
        for (int i = 0; i < configuration.getConfs().size(); i++) {
            NeuralNetConfiguration layer = configuration.getConf(i);
            if (layer.getLayer() instanceof VariationalAutoencoder vae) {
                long count = VariationalLayers.parameterCount(vae, MAX_PARAMETERS - total);
                if (count < 0) {
                    throw new IOException("layer " + i + ", a variational autoencoder, has layer sizes out of range or "
                            + "more than " + MAX_PARAMETERS + " parameters");
                }
                total += count;
                continue;
            }
            if (!(layer.getLayer() instanceof DenseLayer || layer.getLayer() instanceof BaseOutputLayer)) {
                throw new IOException("layer " + i + " is a " + layer.getLayer().getClass().getSimpleName()
                        + ", not a dense layer");
            }
            FeedForwardLayer dense = (FeedForwardLayer) layer.getLayer();
            if (dense.getNIn() < 1 || dense.getNOut() < 1 || dense.getNIn() > MAX_PARAMETERS
                    || dense.getNOut() > MAX_PARAMETERS) {
                throw new IOException("layer " + i + " maps " + dense.getNIn() + " to " + dense.getNOut() + " values");
            }
            total += dense.initializer().numParams(layer);
            if (total > MAX_PARAMETERS) {
                throw new IOException("more than " + MAX_PARAMETERS + " parameters");
            }
        }
        return total;
    }

    private static long arrayLimit(String name, MultiLayerConfiguration configuration, long parameters,
                                   int valuesPerParameter) throws IOException {
        if (configuration == null) {
            throw new IOException(name + " comes before " + ModelSerializer.CONFIGURATION_JSON);
        }
        return ARRAY_HEADER_BYTES + parameters * valuesPerParameter * Double.BYTES;
    }

    private static void checkPreprocessor(byte[] serialized) throws IOException {
        Object preprocessor;
        try {
            preprocessor = PREPROCESSOR.read(serialized);
        } catch (IOException e) {
            throw new IOException(ModelSerializer.PREPROCESSOR_BIN + ": " + e.getMessage(), e);
        }
        if (!(preprocessor instanceof DataSetPreProcessor)) {
            throw new IOException(ModelSerializer.PREPROCESSOR_BIN + " holds no DataSetPreProcessor");
        }
    }
}
