package io.latent4j.cli;

import io.latent4j.data.RealMnist;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench command end to end on real MNIST, with a tiny network and few runs (no timing checks). */
@Tag("integration")
class BenchCommandIT {

    @Test
    void printsThePeakEveryBatchSizeAndTheFastPresetsTimeToQuality() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "--data-dir", RealMnist.files().directory().toString(),
                "--layers", "784,16,2", "--batch-sizes", "8,32", "--runs", "2", "--iterations", "3",
                "--peak-size", "64", "--quality-runs", "1", "--target-mse", "0.2"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out.toString();
        assertEquals(0, code, err.toString());
        assertTrue(text.contains("GEMM peak: float32 64x64x64"), text);
        assertTrue(text.contains("Network 784-16-2-16-784"), text);
        assertTrue(text.lines().anyMatch(l -> l.trim().startsWith("8 ")), text);
        assertTrue(text.lines().anyMatch(l -> l.trim().startsWith("32 ")), text);
        // Any trained autoencoder beats an MSE of 0.2 on MNIST, so the run must report reaching it.
        assertTrue(text.contains("median of 1/1 runs that got there"), text);
    }
}
