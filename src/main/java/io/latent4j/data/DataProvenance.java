package io.latent4j.data;

import java.util.List;
import java.util.Objects;

/**
 * Where training data came from, as the model card records it.
 *
 * @param kind         the source kind: {@code mnist}, {@code idx}, {@code csv}, {@code image-folder}
 *                     or {@code rows} (arrays handed over by a program)
 * @param description  one line for people, e.g. "MNIST digits [1, 5, 6]" or "data.csv, label column 'class'"
 * @param files        every file read, with its SHA-256
 * @param verification how the files were checked: {@link #PUBLISHED_SHA256} when every digest
 *                     matched a published one, else what was checked (e.g. "IDX structure")
 * @param split        how the test rows were chosen, e.g. "test files" or "10% of the rows, seed 42"
 */
public record DataProvenance(String kind, String description, List<SourceFile> files, String verification,
                             String split) {
    /** The verification of files whose digests all matched published ones (MNIST). */
    public static final String PUBLISHED_SHA256 = "published SHA-256";

    public DataProvenance {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(split, "split");
        files = List.copyOf(files);
    }

    /** Whether every file matched its published digest. */
    public boolean verifiedAgainstPublishedDigests() {
        return PUBLISHED_SHA256.equals(verification);
    }

    /**
     * One file that was read.
     *
     * @param role   what it held: {@code train}, {@code train-labels}, {@code test}, {@code test-labels}
     * @param path   the path as given
     * @param sha256 the SHA-256 of its bytes as read (for {@code .gz}, of the uncompressed content;
     *               for a folder of images, of the list of its image files' relative paths and
     *               digests in name order, one {@code "path sha256\n"} line each)
     */
    public record SourceFile(String role, String path, String sha256) {
    }
}
