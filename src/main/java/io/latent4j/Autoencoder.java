package io.latent4j;

import io.latent4j.data.FloatRows;
import io.latent4j.model.EncoderDecoder;
import io.latent4j.model.FeatureScaling;
import io.latent4j.model.ModelStore;
import io.latent4j.model.NotAnAutoencoderException;
import io.latent4j.train.VariationalMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A trained autoencoder, split into its encoder and decoder: the entry point for programs that
 * turn rows (images, feature vectors) into latent codes and latent codes back into rows.
 *
 * <pre>{@code
 * Autoencoder ae = Autoencoder.load(Path.of("models/autoencoder.zip"));
 * float[][] z = ae.encode(rows);         // rows of inputSize() values -> rows of latentSize()
 * float[][] x = ae.decode(z);            // latent rows -> rows
 * }</pre>
 *
 * <p>Train one with {@link #trainer(TrainingOptions)}.
 *
 * <p><b>Variational autoencoders.</b> A model trained as a variational autoencoder ({@link
 * #variational()}) serves the same calls: {@code encode} returns the means of the posterior
 * q(z|x), {@code decode} the mean of p(x|z), {@code reconstruct} the two in turn; {@link #sample}
 * generates from the prior and {@link #reconstructionLogProbability} scores rows.
 *
 * <p><b>Input.</b> Rows hold {@link #inputSize()} values. For a model trained on pixels (MNIST,
 * IDX, image folders) they are pixels in [0, 1] (MNIST: 28x28 row-major, 0 = background), and
 * values outside [0, 1] are rejected (on a 0-255 scale with a message saying to divide by 255).
 * A model trained on other features (a CSV) carries the min-max scaling fitted on its training
 * rows: callers pass and get rows in their own units, and {@link #scaled()} says so. Rows of the
 * wrong width, NaN or infinite values and empty batches are rejected with an
 * {@link IllegalArgumentException} naming the row.
 *
 * <p><b>Threads.</b> An {@code Autoencoder} is safe to share between threads, and threads do not
 * wait for each other; results do not depend on the number of threads. Dense networks run
 * directly on one read-only copy of the weights with per-thread buffers; any other network runs
 * through DL4J's {@code synchronized} {@code output}, on a copy of it per calling thread.
 */
public final class Autoencoder {
    /** Classpath location of the model shipped in the jar. */
    static final String PRETRAINED = "/io/latent4j/pretrained/autoencoder.zip";
    /** Values above this are taken as a sign of a 0-255 pixel scale. */
    private static final float BYTE_SCALE_HINT = 1.5f;
    /** Tolerance for pixels a hair outside [0, 1] after float arithmetic. */
    private static final float PIXEL_SLACK = 1e-3f;

    private final MultiLayerNetwork full;
    private final EncoderDecoder halves;
    private final FeatureScaling scaling;
    private final ModelCard card;
    private final NetworkOutput encoderOutput;
    private final NetworkOutput decoderOutput;

    private Autoencoder(MultiLayerNetwork full, EncoderDecoder halves, FeatureScaling scaling, ModelCard card) {
        this.full = full;
        this.halves = halves;
        this.scaling = scaling;
        this.card = card;
        this.encoderOutput = new NetworkOutput(halves.encoder());
        this.decoderOutput = new NetworkOutput(halves.decoder());
    }

    /**
     * Loads a model saved by latent4j's {@code train} command (or any DL4J
     * {@code MultiLayerNetwork} with a mirrored dense autoencoder shape). The model card beside it
     * ({@code .json}), if present, becomes available through {@link #card()}.
     *
     * @throws ModelLoadException if the file is missing, damaged or not such an autoencoder
     */
    public static Autoencoder load(Path file) throws ModelLoadException {
        ModelStore.StoredModel model;
        try {
            model = ModelStore.loadModel(file);
        } catch (IOException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
        return fromNetwork(model.network(), model.scaling().orElse(null), cardOf(file), file.toString());
    }

    /**
     * Loads a model from a stream of its zip (e.g. bytes a Spark job broadcast); a stream carries no
     * card. The stream is read to its end, not closed.
     *
     * @throws ModelLoadException if it is not a latent4j autoencoder
     */
    public static Autoencoder load(InputStream model) throws ModelLoadException {
        try {
            ModelStore.StoredModel stored = ModelStore.loadModel(model);
            return fromNetwork(stored.network(), stored.scaling().orElse(null), null, "model stream");
        } catch (IOException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
    }

    /**
     * The model shipped inside the latent4j jar: the tutorial preset (digits 1, 5, 6; 2-D latent
     * space) trained with seed 42. Its card records how it was made.
     *
     * @throws ModelLoadException if the jar was built without it
     */
    public static Autoencoder pretrained() throws ModelLoadException {
        byte[] model = pretrainedModelBytes();
        try (InputStream card = Autoencoder.class.getResourceAsStream(PRETRAINED.replace(".zip", ".json"))) {
            ModelStore.StoredModel stored = ModelStore.loadModel(new java.io.ByteArrayInputStream(model));
            ModelCard parsed = card == null ? null : ModelCard.parse(card);
            return fromNetwork(stored.network(), stored.scaling().orElse(null), parsed, "pretrained model");
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the pretrained model: " + e.getMessage(), e);
        }
    }

    /**
     * The bytes of the model shipped in the jar (DL4J {@code ModelSerializer} format), for
     * programs that ship a model elsewhere themselves, e.g. as a Spark broadcast.
     *
     * @throws ModelLoadException if the jar was built without it
     */
    public static byte[] pretrainedModelBytes() throws ModelLoadException {
        try (InputStream model = Autoencoder.class.getResourceAsStream(PRETRAINED)) {
            if (model == null) {
                throw new ModelLoadException("this latent4j build has no pretrained model (" + PRETRAINED + ")");
            }
            return model.readAllBytes();
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the pretrained model: " + e.getMessage(), e);
        }
    }

    /** Wraps a network already in memory (rows in its own space: no scaling, no card). */
    public static Autoencoder of(MultiLayerNetwork trained) throws ModelLoadException {
        return fromNetwork(trained, null, null, "network");
    }

    /** A trainer of new autoencoders with these settings. */
    public static AutoencoderTrainer trainer(TrainingOptions options) {
        return new AutoencoderTrainer(options);
    }

    static Autoencoder trained(MultiLayerNetwork net, FeatureScaling scaling, ModelCard card) throws ModelLoadException {
        return fromNetwork(net, scaling, card, "network");
    }

    private static Autoencoder fromNetwork(MultiLayerNetwork net, FeatureScaling scaling, ModelCard card, String source)
            throws ModelLoadException {
        try {
            EncoderDecoder halves = EncoderDecoder.split(net);
            if (scaling != null && scaling.columns() != halves.architecture().inputSize()) {
                throw new ModelLoadException(source + ": its scaling has " + scaling.columns() + " columns but the network's "
                        + "input " + halves.architecture().inputSize());
            }
            return new Autoencoder(net, halves, scaling, card);
        } catch (NotAnAutoencoderException e) {
            throw new ModelLoadException(source + ": not a latent4j autoencoder (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The card beside {@code model}, unless it is unreadable or records another model file's
     * digest (left by a run killed between writing the two, or by another run on the same path):
     * the card is documentation, and a wrong one must neither describe nor block a good model.
     */
    private static ModelCard cardOf(Path model) {
        Path file = ModelCard.fileFor(model);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            ModelCard card = ModelCard.load(file);
            if (card.modelSha256() != null && !card.modelSha256().equals(io.latent4j.data.Sha256.of(model))) {
                org.slf4j.LoggerFactory.getLogger(Autoencoder.class).warn("{} belongs to another model than {} "
                        + "(its recorded digest differs); ignoring it", file, model);
                return null;
            }
            return card;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Saves the model (with its scaling) to {@code file}, and its card, when it has one, beside it
     * ({@code model.zip} and {@code model.json}); each is written to a temporary file and renamed.
     */
    public void save(Path file) throws IOException {
        java.util.Map<String, byte[]> entries = scaling == null ? java.util.Map.of()
                : java.util.Map.of(FeatureScaling.ENTRY, scaling.toJson());
        String digest = ModelStore.save(full, file, false, entries);
        Path cardFile = ModelCard.fileFor(file);
        if (card != null) {
            card.withModelSha256(digest).save(cardFile);
        } else {
            Files.deleteIfExists(cardFile);
        }
    }

    /**
     * Whether the model carries a min-max scaling (it was trained on features other than pixels):
     * rows go in and come out in the caller's units.
     */
    public boolean scaled() {
        return scaling != null;
    }

    /**
     * Whether this is a variational autoencoder (DL4J's {@code VariationalAutoencoder} layer):
     * {@link #encode} then gives posterior means, {@link #decode} the mean of p(x|z), and
     * {@link #sample} and {@link #reconstructionLogProbability} are available.
     */
    public boolean variational() {
        return halves.architecture().kind() == io.latent4j.config.ModelKind.VAE;
    }

    /**
     * {@code n} rows generated from the prior of a variational autoencoder: latent points drawn
     * from N(0, I) by a generator seeded with {@code seed} (the same seed, the same rows), each
     * decoded to the mean of p(x|z).
     *
     * @throws UnsupportedOperationException for a plain autoencoder, which has no prior
     */
    public float[][] sample(int n, long seed) {
        requireVariational("sample");
        if (n < 1) {
            throw new IllegalArgumentException("give at least one sample, got " + n);
        }
        java.util.Random random = new java.util.Random(seed);
        float[][] z = new float[n][latentSize()];
        for (float[] point : z) {
            for (int j = 0; j < point.length; j++) {
                point[j] = (float) random.nextGaussian();
            }
        }
        return decode(z);
    }

    /**
     * A variational autoencoder's reconstruction log-probability of each row, E_q[log p(x|z)] in
     * nats: the mean of log p(x|z) over {@code samples} draws of z from the row's posterior
     * (DL4J's Monte Carlo estimate, the anomaly score of An and Cho 2015; lower is less like the
     * training data). ND4J's generator on the calling thread is seeded with {@code seed}, so the
     * same call gives the same values. Calls are serialised: the layer keeps its input between
     * the steps of the estimate.
     *
     * @throws UnsupportedOperationException for a plain autoencoder (use {@link #reconstructionErrors})
     */
    public double[] reconstructionLogProbability(float[][] rows, int samples, long seed) {
        requireVariational("reconstructionLogProbability");
        if (samples < 1) {
            throw new IllegalArgumentException("give at least one sample per row, got " + samples);
        }
        INDArray x = Nd4j.create(scaledIn(checkedInput(rows, 0)));
        var vae = (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) full.getLayer(0);
        INDArray logProbability;
        synchronized (full) {
            Nd4j.getRandom().setSeed(seed);
            logProbability = vae.reconstructionLogProbability(x, samples);
        }
        return logProbability.castTo(DataType.DOUBLE).toDoubleVector();
    }

    /**
     * Each row's anomaly score, higher for rows less like the training data: for a plain
     * autoencoder its {@linkplain #reconstructionErrors reconstruction error}; for a variational
     * one minus its reconstruction log-probability in nats, a Monte Carlo estimate seeded by each
     * row's block of 256 rows, so the same rows in the same order always get the same scores, in
     * one call or streamed ({@link #anomalyScoresAll}). The card's training-score distribution
     * ({@link #trainingErrors()}) and {@link #anomalyThreshold()} are in these units.
     */
    public double[] anomalyScores(float[][] rows) {
        if (!variational()) {
            return reconstructionErrors(rows);
        }
        return variationalScores(rows, 0);
    }

    /** {@link #anomalyScores} of a stream of rows, in memory bounded by about {@code batchSize} rows. */
    public Iterator<Double> anomalyScoresAll(Iterator<float[]> rows, int batchSize) {
        if (!variational()) {
            return reconstructionErrorsAll(rows, batchSize);
        }
        int block = VariationalMetrics.SCORE_BLOCK_ROWS;
        return new Batched<>(rows, Math.max(1, (batchSize + block - 1) / block) * block) {
            @Override
            Double[] process(float[][] batch, long firstRow) {
                return boxed(variationalScores(batch, firstRow));
            }
        };
    }

    /** A VAE's anomaly scores of {@code rows}, the first of which is row {@code firstRow} of its stream. */
    private double[] variationalScores(float[][] rows, long firstRow) {
        return VariationalMetrics.anomalyScores(full, Nd4j.create(scaledIn(checkedInput(rows, firstRow))), firstRow);
    }

    /** What {@link #anomalyScores} measures, in words: {@code reconstruction error} or {@code negative log-probability}. */
    public String anomalyScoreName() {
        return variational() ? "negative log-probability" : "reconstruction error";
    }

    private void requireVariational(String method) {
        if (!variational()) {
            throw new UnsupportedOperationException(method + " needs a variational autoencoder; this model is a plain "
                    + "autoencoder, which has no prior or posterior");
        }
    }

    /** Width of an input row: 784 for MNIST. */
    public int inputSize() {
        return halves.architecture().inputSize();
    }

    /** Width of a latent code: 2 for the tutorial. */
    public int latentSize() {
        return halves.architecture().latentSize();
    }

    /** The model card saved with the model, when there is one. */
    public Optional<ModelCard> card() {
        return Optional.ofNullable(card);
    }

    /**
     * How the training rows' {@linkplain #anomalyScores anomaly scores} were distributed (their
     * reconstruction errors, for a plain autoencoder), as the card records it (cards of models
     * trained before latent4j recorded it have none).
     */
    public Optional<ErrorDistribution> trainingErrors() {
        return card().map(ModelCard::trainErrors);
    }

    /**
     * The default anomaly threshold: the training rows' {@link ErrorDistribution#DEFAULT_LEVEL}
     * quantile of {@linkplain #reconstructionErrors(float[][]) reconstruction error}. A row whose
     * error is above it is reconstructed worse than 99% of the training rows were. Empty when the
     * card records no distribution.
     */
    public OptionalDouble anomalyThreshold() {
        return trainingErrors().map(e -> e.quantile(ErrorDistribution.DEFAULT_LEVEL)).orElse(OptionalDouble.empty());
    }

    /**
     * The encoder network (input to latent code). It is this object's own copy: use it for
     * inspection or export, and do not train it while other threads encode.
     */
    public MultiLayerNetwork encoderNetwork() {
        return halves.encoder();
    }

    /** The decoder-only network (latent code to image); the same caveat as {@link #encoderNetwork()}. */
    public MultiLayerNetwork decoderNetwork() {
        return halves.decoder();
    }

    /** Encodes rows of pixels in [0, 1] into latent codes. */
    public float[][] encode(float[][] pixels) {
        return encodeRows(pixels, 0);
    }

    private float[][] encodeRows(float[][] rows, long firstRow) {
        if (scaling != null) {
            return encoderOutput.output(scaledIn(checkedInput(rows, firstRow)));
        }
        checkRows(rows, inputSize(), valueName(), firstRow);
        // Pixels are checked block by block as the encoder takes them in: one pass over memory, not two.
        return encoderOutput.output(rows, (from, to) -> checkPixelRows(rows, from, to, firstRow));
    }

    /** Decodes latent codes into rows (pixels, or features in the caller's units for a scaled model). */
    public float[][] decode(float[][] latents) {
        checkRows(latents, latentSize(), "latent", 0);
        checkFiniteRows(latents, "latent", 0);
        return unscaledOut(decoderOutput.output(latents));
    }

    /** {@code decode(encode(rows))}: the autoencoder's reconstruction. */
    public float[][] reconstruct(float[][] rows) {
        return unscaledOut(decoderOutput.output(encodeRows(rows, 0)));
    }

    /** Encodes a [rows, inputSize] matrix; returns [rows, latentSize] float32. */
    public INDArray encode(INDArray rows) {
        checkInput(rows, 0);
        return encoderOutput.output(scaledIn(rows.castTo(DataType.FLOAT)));
    }

    /** Decodes a [rows, latentSize] matrix; returns [rows, inputSize] float32. */
    public INDArray decode(INDArray latents) {
        checkFinite(latents, latentSize(), "latent", 0);
        return unscaledOut(decoderOutput.output(latents.castTo(DataType.FLOAT)));
    }

    /** Reconstructs a [rows, inputSize] matrix. */
    public INDArray reconstruct(INDArray rows) {
        checkInput(rows, 0);
        return unscaledOut(decoderOutput.output(encoderOutput.output(scaledIn(rows.castTo(DataType.FLOAT)))));
    }

    /** Rows in the caller's units to the space the network was trained in (a copy; the input is left alone). */
    private float[][] scaledIn(float[][] rows) {
        if (scaling == null) {
            return rows;
        }
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
            scaling.apply(copy[i]);
        }
        return copy;
    }

    private INDArray scaledIn(INDArray rows) {
        return scaling == null ? rows : Nd4j.create(scaledIn(FloatRows.of(rows)));
    }

    /** The network's output back in the caller's units (in place). */
    private float[][] unscaledOut(float[][] rows) {
        if (scaling != null) {
            for (float[] row : rows) {
                scaling.revert(row);
            }
        }
        return rows;
    }

    private INDArray unscaledOut(INDArray rows) {
        return scaling == null ? rows : Nd4j.create(unscaledOut(FloatRows.of(rows)));
    }

    /** What messages call one value of an input row. */
    private String valueName() {
        return scaling == null ? "pixel" : "input";
    }

    /** Checks plain input rows as {@link #checkInput} checks a matrix; returns them. */
    private float[][] checkedInput(float[][] rows, long firstRow) {
        checkRows(rows, inputSize(), valueName(), firstRow);
        if (scaling == null) {
            checkPixelRows(rows, firstRow);
        } else {
            checkFiniteRows(rows, "input", firstRow);
        }
        return rows;
    }

    /** Pixels of an unscaled model must be in [0, 1]; a scaled model's rows only finite. */
    private void checkInput(INDArray rows, long firstRow) {
        if (scaling == null) {
            checkPixels(rows, firstRow);
        } else {
            checkFinite(rows, inputSize(), "input", firstRow);
        }
    }

    /**
     * How badly each row is reconstructed: the mean squared error over its values, summed in
     * double, in the space the model was trained in (pixels, or min-max scaled features), so
     * errors of all rows and all models of one kind compare. Rows unlike the training data
     * reconstruct worse: this is the usual anomaly score.
     */
    public double[] reconstructionErrors(float[][] rows) {
        return rowErrors(featureErrors(rows));
    }

    /** {@link #reconstructionErrors(float[][])} of a [rows, inputSize] matrix. */
    public double[] reconstructionErrors(INDArray rows) {
        checkInput(rows, 0);
        return reconstructionErrors(FloatRows.of(rows));
    }

    /**
     * The squared error of every value of every row, in the model's space: which features a row
     * is reconstructed badly on. Row {@code i}'s mean is {@code reconstructionErrors(rows)[i]}.
     */
    public float[][] featureErrors(float[][] rows) {
        return featureErrorsOfScaled(scaledIn(checkedInput(rows, 0)));
    }

    /**
     * {@link #reconstructionErrors(float[][])} of a stream of rows, {@code batchSize} at a time,
     * so inputs of any length run in memory bounded by one batch.
     */
    public Iterator<Double> reconstructionErrorsAll(Iterator<float[]> rows, int batchSize) {
        return new Batched<>(rows, batchSize) {
            @Override
            Double[] process(float[][] batch, long firstRow) {
                float[][] scaled = scaledIn(checkedInput(batch, firstRow));
                return boxed(rowErrors(featureErrorsOfScaled(scaled)));
            }
        };
    }

    private static Double[] boxed(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }

    private float[][] featureErrorsOfScaled(float[][] scaled) {
        float[][] back = decoderOutput.output(encoderOutput.output(scaled));
        for (int r = 0; r < scaled.length; r++) {
            for (int c = 0; c < scaled[r].length; c++) {
                float d = back[r][c] - scaled[r][c];
                back[r][c] = d * d;
            }
        }
        return back;
    }

    private static double[] rowErrors(float[][] featureErrors) {
        double[] errors = new double[featureErrors.length];
        for (int r = 0; r < featureErrors.length; r++) {
            double sum = 0;
            for (float e : featureErrors[r]) {
                sum += e;
            }
            errors[r] = sum / featureErrors[r].length;
        }
        return errors;
    }

    /**
     * Encodes a stream of pixel rows lazily, {@code batchSize} rows at a time, so inputs of any
     * length run in memory bounded by one batch. Validation errors name the row's position in the
     * whole stream.
     */
    public Iterator<float[]> encodeAll(Iterator<float[]> rows, int batchSize) {
        return new Batched<>(rows, batchSize) {
            @Override
            float[][] process(float[][] batch, long firstRow) {
                return encodeRows(batch, firstRow);
            }
        };
    }

    /** A stream of rows processed a batch at a time; errors name a row's position in the whole stream. */
    private abstract static class Batched<T> implements Iterator<T> {
        private final Iterator<float[]> rows;
        private final int batchSize;
        private T[] results;
        private int next;
        private long consumed;

        Batched(Iterator<float[]> rows, int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.rows = rows;
            this.batchSize = batchSize;
        }

        /** The results of {@code batch}, whose first row is row {@code firstRow} of the stream. */
        abstract T[] process(float[][] batch, long firstRow);

        @Override
        public boolean hasNext() {
            if (results != null && next < results.length) {
                return true;
            }
            if (!rows.hasNext()) {
                return false;
            }
            float[][] batch = new float[batchSize][];
            int n = 0;
            while (n < batchSize && rows.hasNext()) {
                batch[n++] = rows.next();
            }
            results = process(n == batchSize ? batch : Arrays.copyOf(batch, n), consumed);
            consumed += n;
            next = 0;
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return results[next++];
        }
    }

    /** Rejects what the encoder was not trained on; {@code firstRow} numbers rows in messages. */
    private void checkPixels(INDArray pixels, long firstRow) {
        checkFinite(pixels, inputSize(), "pixel", firstRow);
        double max = pixels.maxNumber().doubleValue();
        double min = pixels.minNumber().doubleValue();
        if (max > 1 + PIXEL_SLACK || min < -PIXEL_SLACK) {
            checkPixelRows(FloatRows.of(pixels), firstRow);
        }
    }

    /**
     * The same checks as {@link #checkPixels} on plain rows, in a Java loop: for small batches
     * this costs far less than the ND4J reductions, which dominate single-image latency.
     */
    private static void checkPixelRows(float[][] rows, long firstRow) {
        checkPixelRows(rows, 0, rows.length, firstRow);
    }

    /** {@link #checkPixelRows(float[][], long)} for rows {@code [from, to)} of the batch. */
    private static void checkPixelRows(float[][] rows, int from, int to, long firstRow) {
        for (int r = from; r < to; r++) {
            float[] row = rows[r];
            for (int c = 0; c < row.length; c++) {
                float v = row[c];
                // False for NaN too, so one comparison pair finds every bad value.
                if (!(v >= -PIXEL_SLACK && v <= 1 + PIXEL_SLACK)) {
                    throw badPixel(rows, r, c, firstRow);
                }
            }
        }
    }

    private static IllegalArgumentException badPixel(float[][] rows, int r, int c, long firstRow) {
        float v = rows[r][c];
        if (!Float.isFinite(v)) {
            return new IllegalArgumentException("row " + (firstRow + r) + ": pixel " + c + " is " + v);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float[] row : rows) {
            for (float x : row) {
                max = Math.max(max, x);
            }
        }
        String hint = max > BYTE_SCALE_HINT
                ? "; the pixels look like 0-255 values: divide them by 255"
                : "; scale pixels to [0, 1]";
        return new IllegalArgumentException("row " + (firstRow + r) + ": pixel " + c + " is " + v
                + ", outside [0, 1]" + hint);
    }

    private static void checkFinite(INDArray matrix, int width, String what, long firstRow) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("expected a [rows, " + width + "] matrix of " + what + "s, got shape "
                    + Arrays.toString(matrix.shape()));
        }
        if (matrix.rows() == 0) {
            throw new IllegalArgumentException("empty batch: give at least one row");
        }
        if (matrix.columns() != width) {
            throw new IllegalArgumentException("rows have " + matrix.columns() + " " + what + " values, expected " + width);
        }
        if (matrix.isInfinite().any() || matrix.isNaN().any()) {
            checkFiniteRows(FloatRows.of(matrix), what, firstRow);
        }
    }

    private static void checkFiniteRows(float[][] rows, String what, long firstRow) {
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                if (!Float.isFinite(rows[r][c])) {
                    throw new IllegalArgumentException("row " + (firstRow + r) + ": " + what + " " + c + " is "
                            + rows[r][c]);
                }
            }
        }
    }

    private static void checkRows(float[][] rows, int width, String what, long firstRow) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("empty batch: give at least one row");
        }
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == null || rows[r].length != width) {
                throw new IllegalArgumentException("row " + (firstRow + r) + " has "
                        + (rows[r] == null ? "no" : rows[r].length)
                        + " " + what + " values, expected " + width);
            }
        }
    }
}
