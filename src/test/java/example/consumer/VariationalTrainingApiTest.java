package example.consumer;

import io.latent4j.Autoencoder;
import io.latent4j.Dataset;
import io.latent4j.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A variational autoencoder trained, saved and used through the public API only. */
class VariationalTrainingApiTest {
    @Test
    void trainsAVariationalAutoencoderOnItsOwnRows(@TempDir Path dir) throws Exception {
        Random random = new Random(4);
        float[][] rows = new float[200][6];
        for (float[] row : rows) {
            double a = random.nextGaussian();
            for (int c = 0; c < 6; c++) {
                row[c] = (float) (c + a * Math.cos(c) + 0.1 * random.nextGaussian());
            }
        }
        TrainingOptions options = TrainingOptions.preset("fast").withIterations(60).withBatchSize(20)
                .withLayers(List.of(4, 2)).withKind("vae");
        Autoencoder vae = Autoencoder.trainer(options).fit(Dataset.of(rows));
        assertTrue(vae.variational());
        assertEquals("vae", vae.card().orElseThrow().kind());
        assertEquals("bernoulli", vae.card().orElseThrow().variational().reconstruction());
        assertTrue(vae.scaled(), "CSV-like rows are min-max scaled into [0, 1] for the Bernoulli p(x|z)");
        Path file = dir.resolve("vae.zip");
        vae.save(file);
        Autoencoder loaded = Autoencoder.load(file);
        assertArrayEquals(vae.encode(rows), loaded.encode(rows));
        assertArrayEquals(vae.sample(3, 1), loaded.sample(3, 1));
        assertFalse(Autoencoder.trainer(options.withKind("ae")).fit(Dataset.of(rows)).variational());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> options.withKind("gan"));
        assertEquals("unknown kind 'gan'; choose ae or vae", e.getMessage());
    }
}
