package io.latent4j;

import io.latent4j.config.AutoencoderConfig;
import io.latent4j.config.Preset;

import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How {@link Autoencoder#trainer(TrainingOptions)} trains: a preset's schedule with single
 * settings changed. Immutable; every {@code with} method returns a copy, and bad values are
 * refused there with an {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * TrainingOptions options = TrainingOptions.preset("fast").withLayers(List.of(64, 16, 3)).withSeed(7);
 * }</pre>
 *
 * @param preset       the preset the schedule starts from: {@code tutorial}, {@code fast} or {@code best}
 * @param iterations   Adam steps
 * @param batchSize    rows per step
 * @param learningRate Adam's (first) learning rate
 * @param seed         seeds initialisation, batch sampling and the test split
 * @param layers       layer widths after the input, down to the latent code (the tutorial's 500, 300, 2);
 *                     the input is as wide as the data and the decoder mirrors the encoder
 * @param activation   the hidden layers' activation as DL4J names it ({@code tanh}, {@code relu}, ...)
 * @param testFraction the share of rows held out for testing when the data has no test set
 * @param threads      from 2, the plain autoencoder's training step runs on two threads: each computes half
 *                     of every wide layer's forward pass, and the weight gradients run beside
 *                     backpropagation, with the same result as one thread (ND4J's own thread count
 *                     stays the application's: {@code OMP_NUM_THREADS})
 * @param progress     told after every step
 * @param stop         polled after every step; when it says true, training stops and
 *                     {@link AutoencoderTrainer#fit} throws {@link java.util.concurrent.CancellationException}
 * @param kind         {@code ae}, the tutorial's plain autoencoder, or {@code vae}, a variational
 *                     autoencoder on DL4J's {@code VariationalAutoencoder} layer with a Bernoulli
 *                     p(x|z) (see {@link Autoencoder#variational()})
 */
public record TrainingOptions(String preset, int iterations, int batchSize, double learningRate, long seed,
                              List<Integer> layers, String activation, double testFraction, int threads,
                              Progress progress, BooleanSupplier stop, String kind) {

    /** Told after every training step. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param iteration  zero-based index of the step just taken
         * @param iterations total steps
         * @param batchLoss  the MSE (a variational autoencoder: the negative ELBO) of the step's batch before its update
         */
        void step(int iteration, int iterations, double batchLoss);

        /** Says nothing. */
        Progress NONE = (iteration, iterations, batchLoss) -> { };
    }

    public TrainingOptions {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(stop, "stop");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("give at least the latent size");
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1, got " + testFraction);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (io.latent4j.config.ModelKind.byId(kind).isEmpty()) {
            throw new IllegalArgumentException("unknown kind '" + kind + "'; choose ae or vae");
        }
        // The config validates the rest (sizes, activation, rates, counts) whatever the data's width.
        config(1, preset, iterations, batchSize, learningRate, seed, layers, activation, kind);
    }

    /** The settings of a preset ({@code tutorial}, {@code fast} or {@code best}), on one thread. */
    public static TrainingOptions preset(String name) {
        Preset preset = Preset.byId(name).orElseThrow(() -> new IllegalArgumentException("unknown preset '" + name
                + "'; choose tutorial, fast or best"));
        AutoencoderConfig c = preset.config();
        List<Integer> sizes = c.architecture().encoderSizes();
        return new TrainingOptions(preset.id(), c.schedule().iterations(), c.schedule().batchSize(),
                c.schedule().learningRate(), c.seed(), sizes.subList(1, sizes.size()), c.architecture().activation(),
                0.1, 1, Progress.NONE, () -> false, "ae");
    }

    public TrainingOptions withIterations(int value) {
        return new TrainingOptions(preset, value, batchSize, learningRate, seed, layers, activation, testFraction, threads,
                progress, stop, kind);
    }

    public TrainingOptions withBatchSize(int value) {
        return new TrainingOptions(preset, iterations, value, learningRate, seed, layers, activation, testFraction, threads,
                progress, stop, kind);
    }

    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(preset, iterations, batchSize, value, seed, layers, activation, testFraction, threads,
                progress, stop, kind);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, value, layers, activation, testFraction,
                threads, progress, stop, kind);
    }

    /** The widths after the input, down to the latent code, e.g. {@code List.of(64, 16, 3)}. */
    public TrainingOptions withLayers(List<Integer> value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, seed, value, activation, testFraction,
                threads, progress, stop, kind);
    }

    public TrainingOptions withActivation(String value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, seed, layers, value, testFraction, threads,
                progress, stop, kind);
    }

    public TrainingOptions withTestFraction(double value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, seed, layers, activation, value, threads,
                progress, stop, kind);
    }

    public TrainingOptions withThreads(int value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, seed, layers, activation, testFraction,
                value, progress, stop, kind);
    }

    public TrainingOptions withProgress(Progress value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, seed, layers, activation, testFraction,
                threads, value, stop, kind);
    }

    public TrainingOptions withStop(BooleanSupplier value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, seed, layers, activation, testFraction,
                threads, progress, value, kind);
    }

    /** These options training {@code value}: {@code ae} (plain) or {@code vae} (variational). */
    public TrainingOptions withKind(String value) {
        return new TrainingOptions(preset, iterations, batchSize, learningRate, seed, layers, activation, testFraction,
                threads, progress, stop, value);
    }

    /** The training config for data {@code inputWidth} values wide. */
    AutoencoderConfig config(int inputWidth) {
        return config(inputWidth, preset, iterations, batchSize, learningRate, seed, layers, activation, kind);
    }

    private static AutoencoderConfig config(int inputWidth, String preset, int iterations, int batchSize,
                                            double learningRate, long seed, List<Integer> layers, String activation,
                                            String kind) {
        AutoencoderConfig base = Preset.byId(Objects.requireNonNull(preset, "preset")).orElseThrow(() ->
                new IllegalArgumentException("unknown preset '" + preset + "'; choose tutorial, fast or best")).config();
        List<Integer> sizes = new java.util.ArrayList<>();
        sizes.add(inputWidth);
        sizes.addAll(layers);
        return base.withIterations(iterations).withBatchSize(batchSize).withLearningRate(learningRate).withSeed(seed)
                .withArchitecture(new io.latent4j.config.ArchitectureConfig(sizes, activation)
                        .withKind(io.latent4j.config.ModelKind.byId(kind).orElseThrow()))
                .withLogEvery(Math.max(1, Math.min(base.logEvery(), iterations)));
    }
}
