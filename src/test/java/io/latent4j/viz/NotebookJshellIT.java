package io.latent4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latent4j.Autoencoder;
import io.latent4j.data.LabeledRows;
import io.latent4j.data.MnistDigits;
import io.latent4j.data.RealMnist;
import io.latent4j.ModelCard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exported notebook's code cells, taken in order, run in the JDK's {@code jshell} against
 * latent4j's classes and print exactly the outputs the notebook stores.
 */
@Tag("integration")
class NotebookJshellIT {
    /** A name in latent4j outside its public API. */
    private static final Pattern INTERNAL = Pattern.compile("io\\.latent4j\\.(?!(Autoencoder|ModelLoadException)\\b)");
    /** Printed after each cell, to split jshell's output into the cells'. */
    private static final String END_OF_CELL = "--- end of notebook cell ---";
    private static final long TIMEOUT_SECONDS = 180;

    @Test
    void codeCellsRunInJshellWithThePublicApiAndPrintTheStoredOutputs(@TempDir Path root) throws Exception {
        Autoencoder ae = Autoencoder.pretrained();
        ModelCard card = ae.card().orElseThrow();
        LabeledRows test = MnistDigits.loadTest(RealMnist.files(), new TreeSet<>(card.digits()));
        Path export = root.resolve("notebooks-export");
        // With the anomaly section, whose cell runs too.
        var digits = new TreeSet<>(card.digits());
        ReportExporter.export(ae, test, new ReportExporter.AnomalyInput(MnistDigits.loadTest(RealMnist.files(),
                io.latent4j.data.MnistSource.otherDigits(digits)), MnistDigits.loadTrain(RealMnist.files(), digits).features()),
                card, ReportExporter.Options.defaults(export));
        // The notebook loads models/autoencoder.zip relative to the repository root; root plays it.
        Files.createDirectories(root.resolve("models"));
        Files.write(root.resolve("models/autoencoder.zip"), Autoencoder.pretrainedModelBytes());

        List<String> sources = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (JsonNode cell : new ObjectMapper().readTree(export.resolve("autoencoder.ipynb").toFile()).get("cells")) {
            String source = joined(cell.get("source"));
            assertFalse(INTERNAL.matcher(source).find(), "a cell names an internal package:\n" + source);
            if (cell.get("cell_type").asText().equals("code")) {
                assertFalse(source.isBlank(), "empty code cell " + cell.get("id"));
                StringBuilder printed = new StringBuilder();
                for (JsonNode output : cell.get("outputs")) {
                    assertEquals("stream", output.get("output_type").asText(), "only printed text is a code cell's output");
                    printed.append(joined(output.get("text")));
                }
                sources.add(source);
                outputs.add(printed.toString().replace("\r\n", "\n"));
            }
        }
        assertTrue(sources.size() >= 5, sources.size() + " code cells");

        StringBuilder script = new StringBuilder();
        for (String source : sources) {
            script.append(source).append("\nSystem.out.println(\"").append(END_OF_CELL).append("\");\n");
        }
        script.append("/exit\n");
        Path scriptFile = root.resolve("notebook.jsh");
        Files.writeString(scriptFile, script);

        Path stdout = root.resolve("jshell.out");
        Path stderr = root.resolve("jshell.err");
        Path noInput = Files.createFile(root.resolve("jshell.in"));
        ProcessBuilder jshell = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jshell").toString(),
                "--feedback", "silent", "--class-path", mainClassPath(),
                "-R-Xmx1g", "-R-Xss4m", "-R-Djava.awt.headless=true",
                // As the report's instructions say: the command line's logging, not logback's debug default.
                "-R-Dlogback.configurationFile=io/latent4j/cli/logback.xml", scriptFile.toString())
                .directory(root.toFile())
                .redirectInput(noInput.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        jshell.environment().put("MNIST_DIR", RealMnist.sourceDir().toAbsolutePath().toString());
        jshell.environment().put("OMP_NUM_THREADS", "1");
        Process process = jshell.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jshell did not finish within " + TIMEOUT_SECONDS + " s; it printed:\n"
                    + Files.readString(stdout) + Files.readString(stderr));
        }
        String errors = Files.readString(stderr);
        assertEquals(0, process.exitValue(), errors);
        // jshell reports a rejected snippet or an exception on stderr and carries on with the next one.
        List<String> problems = errors.lines()
                .filter(line -> line.startsWith("Error:") || line.startsWith("Exception ") || line.contains("cannot be invoked"))
                .toList();
        assertTrue(problems.isEmpty(), errors);

        List<String> printed = Arrays.asList(Files.readString(stdout).replace("\r\n", "\n")
                .split(Pattern.quote(END_OF_CELL) + "\n", -1));
        assertEquals(sources.size() + 1, printed.size(), "one end-of-cell line per cell:\n" + Files.readString(stdout));
        assertEquals("", printed.get(sources.size()), "nothing after the last cell");
        for (int i = 0; i < sources.size(); i++) {
            assertEquals(outputs.get(i), printed.get(i), "output of code cell " + i + ":\n" + sources.get(i));
        }
    }

    /** This JVM's class path without the test classes: latent4j's classes and its dependencies. */
    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String joined(JsonNode lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.asText()));
        return text.toString();
    }
}
