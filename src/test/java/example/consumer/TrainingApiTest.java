package example.consumer;

import io.latent4j.Autoencoder;
import io.latent4j.Dataset;
import io.latent4j.ModelCard;
import io.latent4j.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training through the public API only, as an outside program would: on its own rows and on a CSV. */
class TrainingApiTest {
    /** Rows of 6 features in the thousands that lie near a 2-D plane. */
    private static float[][] rows(int n, long seed) {
        Random random = new Random(seed);
        float[][] rows = new float[n][6];
        for (int i = 0; i < n; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            for (int c = 0; c < 6; c++) {
                rows[i][c] = (float) (1000 * (c + 1) + 50 * (a * Math.cos(c) + b * Math.sin(c)) + random.nextGaussian());
            }
        }
        return rows;
    }

    @Test
    void trainsOnItsOwnRowsSavesLoadsAndEncodesInItsOwnUnits(@TempDir Path dir) throws Exception {
        float[][] x = rows(400, 1);
        AtomicInteger steps = new AtomicInteger();
        TrainingOptions options = TrainingOptions.preset("fast").withIterations(1500).withLayers(List.of(16, 2))
                .withProgress((iteration, iterations, loss) -> steps.incrementAndGet());
        Autoencoder ae = Autoencoder.trainer(options).fit(Dataset.of(x));
        assertEquals(1500, steps.get(), "progress after every step");
        assertTrue(ae.scaled(), "rows in any units carry their scaling");
        ModelCard card = ae.card().orElseThrow();
        assertEquals("rows", card.dataKind());
        assertEquals(List.of(6, 16, 2, 16, 6), card.layers());

        Path file = dir.resolve("mine.zip");
        ae.save(file);
        Autoencoder loaded = Autoencoder.load(file);
        ModelCard saved = loaded.card().orElseThrow();
        assertEquals(card.withModelSha256(saved.modelSha256()), saved, "the card travels with the model");
        assertEquals(64, saved.modelSha256().length(), "and records which model file it belongs to");
        assertArrayEquals(ae.encode(x), loaded.encode(x));
        float[][] back = loaded.decode(loaded.encode(x));
        double error = 0;
        double spread = 0;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < 6; c++) {
                error += Math.pow(back[i][c] - x[i][c], 2);
                spread += Math.pow(x[i][c] - 1000 * (c + 1), 2);
            }
        }
        assertTrue(error < spread / 2, "better than the column centres, in the caller's units: error " + error + ", spread " + spread);
        try (var in = Files.newInputStream(file)) {
            assertArrayEquals(ae.encode(x), Autoencoder.load(in).encode(x), "a stream loads the same model");
        }

        Path other = dir.resolve("other.zip");
        Autoencoder.trainer(options.withIterations(20).withSeed(9)).fit(Dataset.of(x)).save(other);
        Files.copy(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Autoencoder.load(file).card().isEmpty(), "a card beside another model than its own is ignored");
    }

    @Test
    void trainsOnACsvAndStopsWhenAsked(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("t,u,v,w,x,y\n");
        for (float[] row : rows(200, 2)) {
            for (int c = 0; c < row.length; c++) {
                csv.append(c == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", row[c]));
            }
            csv.append('\n');
        }
        Path file = Files.writeString(dir.resolve("table.csv"), csv);
        Autoencoder ae = Autoencoder.trainer(TrainingOptions.preset("fast").withIterations(50).withLayers(List.of(3)))
                .fit(Dataset.csv(file, 1, null));
        assertEquals(3, ae.latentSize());
        assertEquals("csv", ae.card().orElseThrow().dataKind());

        AtomicInteger seen = new AtomicInteger();
        TrainingOptions stopping = TrainingOptions.preset("fast").withLayers(List.of(2))
                .withProgress((iteration, iterations, loss) -> seen.incrementAndGet()).withStop(() -> seen.get() >= 10);
        CancellationException stopped = assertThrows(CancellationException.class,
                () -> Autoencoder.trainer(stopping).fit(Dataset.csv(file, 1, null)));
        assertTrue(stopped.getMessage().contains("iteration 10"), stopped.getMessage());
    }
}
