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
    void resumingWithAnotherKindIsAUsageError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.latent4j.config.AutoencoderConfig c = io.latent4j.config.AutoencoderConfig.tutorial()
                .withEncoderSizes(java.util.List.of(784, 8, 2)).withIterations(10);
        io.latent4j.config.AutoencoderConfig vae = c.withArchitecture(c.architecture()
                .withKind(io.latent4j.config.ModelKind.VAE));
        java.nio.file.Path checkpoint = dir.resolve("vae.checkpoint.zip");
        io.latent4j.train.CheckpointFiles.save(vae, checkpoint);
        assertUsageError("--resume continues the checkpoint's --kind vae; leave --kind out or make it vae", "train",
                "--resume", checkpoint.toString(), "--kind", "ae", "--model-out", dir.resolve("m.zip").toString());
    }

    @Test
    void helpNamesTheKinds() {
        assertEquals(0, Main.run(new String[] {"train", "--help"}, new PrintWriter(out, true), new PrintWriter(err, true)));
        assertTrue(out.toString().contains("--kind"), out.toString());
        assertTrue(out.toString().contains("--reconstruction"), out.toString());
    }
}
