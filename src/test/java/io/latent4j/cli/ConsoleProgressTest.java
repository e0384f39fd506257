package io.latent4j.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleProgressTest {

    @Test
    void plainLinesCarryTheReportsAndNoControlCharacters() {
        StringWriter text = new StringWriter();
        try (ConsoleProgress progress = ConsoleProgress.choose(new PrintWriter(text, true), false, false)) {
            for (int it = 0; it < 3; it++) {
                progress.step(it, 3, 0.5, it * 0.1);
            }
            progress.report(0, 3, 0.55683, 0.2);
            progress.report(2, 3, 0.03806, 50.0);
        }
        assertEquals(List.of("Iter     0/3  loss 0.55683     0.2 s", "Iter     2/3  loss 0.03806    50.0 s"),
                text.toString().lines().toList());
        assertTrue(text.toString().chars().noneMatch(c -> c < 0x20 && c != '\n'), "control characters in " + text);
    }

    @Test
    void quietShowsNothing() {
        StringWriter text = new StringWriter();
        try (ConsoleProgress progress = ConsoleProgress.choose(new PrintWriter(text, true), true, true)) {
            progress.step(0, 1, 0.5, 0.1);
            progress.report(0, 1, 0.5, 0.1);
        }
        assertEquals("", text.toString());
    }

    @Test
    void theBarShowsIterationsSpeedEtaAndTheCurrentLoss() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress.Bar bar = new ConsoleProgress.Bar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 120);
        for (int it = 0; it < 40; it++) {
            bar.step(it, 40, 0.5 - it * 0.01, it * 0.03);
            // The bar measures speed over at least a second.
            Thread.sleep(30);
        }
        bar.step(40, 40, 0.0, 1.0);
        bar.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        String last = out.substring(out.lastIndexOf('\r') + 1).strip();
        assertTrue(last.startsWith("Training 100%"), last);
        assertTrue(last.contains("40/40 it"), last);
        assertTrue(last.matches(".*\\(0:00:0\\d / 0:00:00\\) \\d+\\.\\d it/s.*"), last);
        assertTrue(last.contains("loss 0.11000"), last);
        // The final state is drawn once the last step is in; later calls change nothing.
        assertFalse(last.contains("loss 0.00000"), last);
    }
}
