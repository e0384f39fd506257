package io.latent4j.files;

import java.nio.file.Path;

/** Names of files that belong beside another: a model's card, its checkpoint, a TSV's metadata. */
public final class FileNames {
    private FileNames() {
    }

    /** {@code dir/name.ext} to {@code dir/name + suffix}, e.g. {@code autoencoder.zip} to {@code autoencoder.json}. */
    public static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
    }
}
