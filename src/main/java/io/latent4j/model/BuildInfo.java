package io.latent4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of latent4j and of the DL4J it was built against, recorded in every model card. */
public final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    public static String latent4jVersion() {
        return PROPS.getProperty("latent4j.version", "unknown");
    }

    public static String dl4jVersion() {
        return PROPS.getProperty("dl4j.version", "unknown");
    }

    /** The ND4J backend in use, e.g. {@code CpuBackend}. */
    public static String nd4jBackend() {
        return org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/io/latent4j/build.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // Versions are informational; a model card says "unknown" rather than failing a run.
        }
        return props;
    }
}
