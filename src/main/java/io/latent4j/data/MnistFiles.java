package io.latent4j.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The four MNIST files, verified and placed uncompressed in one directory where DL4J's
 * {@code MnistDataSetIterator} reads them.
 *
 * @param directory the directory holding the four uncompressed files
 * @param sha256    the verified digest of each file
 * @param origins   where each file came from, for the log and the model card
 */
public record MnistFiles(Path directory, Map<MnistFile, String> sha256, Map<MnistFile, String> origins) {
    public MnistFiles {
        sha256 = Collections.unmodifiableMap(new EnumMap<>(sha256));
        origins = Collections.unmodifiableMap(new EnumMap<>(origins));
    }

    /** Digests keyed by file name, the form stored in model cards. */
    public Map<String, String> sha256ByName() {
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        sha256.forEach((file, digest) -> byName.put(file.fileName(), digest));
        return byName;
    }
}
