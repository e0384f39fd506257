package io.latent4j.cli;

import io.latent4j.model.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** Prints latent4j's version and the DL4J version it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"latent4j " + BuildInfo.latent4jVersion() + " (Deeplearning4j " + BuildInfo.dl4jVersion() + ")"};
    }
}
