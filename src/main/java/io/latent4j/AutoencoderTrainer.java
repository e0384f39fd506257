package io.latent4j;

import io.latent4j.data.TrainingData;
import io.latent4j.model.FeatureScaling;
import io.latent4j.train.Checkpointing;
import io.latent4j.train.TrainingProgress;
import io.latent4j.train.TrainingRun;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains autoencoders with fixed {@link TrainingOptions}; made by {@link Autoencoder#trainer}.
 *
 * <pre>{@code
 * Autoencoder ae = Autoencoder.trainer(TrainingOptions.preset("fast")).fit(Dataset.csv(Path.of("data.csv")));
 * ae.save(Path.of("models/data.zip"));       // and models/data.json, its card
 * }</pre>
 */
public final class AutoencoderTrainer {
    private final TrainingOptions options;

    AutoencoderTrainer(TrainingOptions options) {
        this.options = options;
    }

    /**
     * Reads {@code data}, trains a new autoencoder on it and measures it on the test rows. The
     * result carries its card (the same record the command line saves) and, for features other
     * than pixels, the scaling it applies to callers' rows.
     *
     * @throws IOException           if the data cannot be read (the message names the file, row or column)
     * @throws IllegalArgumentException if the data does not suit the options
     * @throws CancellationException if the options' stop said so
     */
    public Autoencoder fit(Dataset data) throws IOException {
        TrainingData rows = data.read(options.testFraction(), options.seed());
        AtomicBoolean stop = new AtomicBoolean();
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void report(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
            }

            @Override
            public void step(int iteration, int iterations, double batchLoss, double elapsedSeconds) {
                options.progress().step(iteration, iterations, batchLoss);
                if (options.stop().getAsBoolean()) {
                    stop.set(true);
                }
            }
        };
        TrainingRun.Outcome outcome = new TrainingRun(line -> { }, progress).run(new TrainingRun.Options(
                options.config(rows.columns()), options.preset(), null, options.threads(), false,
                new Checkpointing(null, Checkpointing.Schedule.DEFAULT, stop), null), rows);
        if (!outcome.complete()) {
            throw new CancellationException("training stopped at iteration " + outcome.stoppedAt());
        }
        try {
            return Autoencoder.trained(outcome.network(), rows.scaler().map(FeatureScaling::of).orElse(null),
                    outcome.card());
        } catch (ModelLoadException e) {
            throw new IllegalStateException("a freshly trained network could not be split", e);
        }
    }
}
