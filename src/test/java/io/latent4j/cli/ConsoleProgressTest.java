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
    void theBarShowsIterationsSpeedTimeLeftAndTheCurrentLoss() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress.Bar bar = new ConsoleProgress.Bar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100);
        for (int it = 0; it < 40; it++) {
            bar.step(it, 40, 0.5 - it * 0.01, (it + 1) * 0.5);
        }
        bar.step(40, 40, 0.0, 30.0);
        bar.close();
        String out = bytes.toString(StandardCharsets.UTF_8);
        String last = out.substring(out.lastIndexOf('\r') + 1).strip();
        assertTrue(last.matches("Training 100% \\[=+\\] 40/40 it    2.0 it/s 0:00:20/0:00:00 loss 0.11000"), last);
        assertEquals(99, last.length(), last);
        // The final state is drawn once the last step is in; later calls change nothing.
        assertFalse(out.contains("loss 0.00000"), out);
        assertTrue(out.endsWith("\n"), "the finished bar ends its line");
    }

    @Test
    void everyRedrawHasTheSameWidthAndAsSoonAsTwoStepsAreInASpeed() {
        ProgressLine line = new ProgressLine(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                80, "Training", "it", 2500);
        line.update(1, 0.006, "loss 0.55683");
        String first = line.render(1, 0.006, "loss 0.55683");
        String later = line.render(2499, 15.0, "loss 0.03806");
        assertEquals(79, first.length(), first);
        assertEquals(first.length(), later.length(), later);
        assertTrue(first.contains("   1/2500 it      - it/s 0:00:00/-:--:-- loss 0.55683"), first);
        assertTrue(line.render(2, 0.012, "").contains("166.7 it/s"), line.render(2, 0.012, ""));
    }
}
