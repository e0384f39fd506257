package io.latent4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The real MNIST files for integration tests: from {@code MNIST_DIR} (set by {@code .ci/run}) or
 * the workspace's {@code ../shared/mnist}, verified and staged under {@code target/}.
 */
public final class RealMnist {
    private static MnistFiles files;

    private RealMnist() {
    }

    /** The source directory the tests read. */
    public static Path sourceDir() {
        String env = System.getenv(MnistLocator.ENV_DIR);
        return Path.of(env != null && !env.isBlank() ? env : "../shared/mnist");
    }

    /** Verified, staged files (located once per test JVM). */
    public static synchronized MnistFiles files() {
        if (files == null) {
            try {
                files = MnistLocator.of(sourceDir(), Path.of("target", "test-mnist"), false, false, line -> { })
                        .locate();
            } catch (IOException e) {
                throw new UncheckedIOException("real MNIST is needed for integration tests: " + e.getMessage(), e);
            }
        }
        return files;
    }
}
