package io.latent4j.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad {@code --kind} and {@code --reconstruction} values: one line, exit 2, before any data is read. */
class VariationalCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void assertUsageError(String message, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(2, Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)), err.toString());
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.contains(message), err.toString());
        assertTrue(!err.toString().contains("\tat "), err.toString());
    }

    @Test
    void badKindsAndDistributionsAreUsageErrors() {
        assertUsageError("unknown --kind 'gan'; choose ae or vae", "train", "--kind", "gan", "--data-dir", "/nonexistent");
        assertUsageError("--reconstruction is for --kind vae", "train", "--reconstruction", "gaussian");
        assertUsageError("unknown --reconstruction 'poisson'; choose bernoulli or gaussian", "train", "--kind", "vae",
                "--reconstruction", "poisson");
        assertUsageError("a variational autoencoder needs a hidden layer", "train", "--kind", "vae", "--layers", "784,2");
    }

    @Test
    void helpNamesTheKinds() {
        assertEquals(0, Main.run(new String[] {"train", "--help"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(out.toString().contains("--kind"), out.toString());
        assertTrue(out.toString().contains("--reconstruction"), out.toString());
    }
}
