package io.latent4j.cli;

import io.latent4j.data.RealMnist;
import io.latent4j.viz.StatsRecording;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train} end to end on real MNIST, as CI sees it: output not a terminal. */
@Tag("integration")
class TrainCommandIT {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void withTheUiItPrintsPlainLinesTheAddressAndSavesTheStats(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("ae.zip");
        assertEquals(0, run("train", "--data-dir", RealMnist.sourceDir().toString(), "--iterations", "60", "--log-every", "25",
                "--model-out", model.toString(), "--export-dir", dir.resolve("export").toString(), "--ui", "--ui-port", "0",
                "--ui-exit"), err.toString());
        List<String> lines = out.toString().lines().toList();
        String address = lines.stream().filter(l -> l.startsWith("Training UI:")).findFirst().orElse("none in " + lines);
        assertTrue(address.matches("Training UI: http://127\\.0\\.0\\.1:\\d+/train/overview"), address);
        assertTrue(lines.indexOf(address) < lines.indexOf(lines.stream().filter(l -> l.startsWith("Network:")).findFirst()
                .orElseThrow()), "the address comes before training starts");
        assertEquals(List.of("Iter     0/60", "Iter    25/60", "Iter    50/60", "Iter    59/60"),
                lines.stream().filter(l -> l.startsWith("Iter")).map(l -> l.substring(0, 13)).toList());
        Path stats = StatsRecording.fileFor(model);
        assertEquals("Saved training stats to " + stats + " (replay: ui --stats " + stats + ")", lines.get(lines.size() - 1));
        assertTrue(Files.size(stats) > 0);
        assertTrue(out.toString().chars().noneMatch(c -> c < 0x20 && c != '\n'), "control characters in the output");
        assertEquals("", err.toString());
    }

    @Test
    void quietPrintsOnlyTheSummary(@TempDir Path dir) {
        Path model = dir.resolve("ae.zip");
        assertEquals(0, run("train", "--data-dir", RealMnist.sourceDir().toString(), "--iterations", "20",
                "--model-out", model.toString(), "--export-dir", dir.resolve("export").toString(), "--quiet"), err.toString());
        String text = out.toString();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.matches("Trained 20 iterations in \\d+\\.\\d s: test MSE 0\\.\\d{5}, PCA-2 test MSE 0\\.\\d{5}; saved "
                + java.util.regex.Pattern.quote(model.toString()) + "\\R"), text);
        assertTrue(Files.exists(model));
        assertTrue(Files.exists(dir.resolve("export/README.md")), "the report goes where --export-dir says");
        assertEquals("", err.toString());
    }
}
