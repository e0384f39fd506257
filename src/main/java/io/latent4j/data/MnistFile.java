package io.latent4j.data;

/**
 * The four files of the original MNIST distribution, with the SHA-256 of each uncompressed file
 * (the digests published with the data in {@code shared/mnist/SHA256SUMS}).
 */
public enum MnistFile {
    TRAIN_IMAGES("train-images-idx3-ubyte", 3, 60000,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    TRAIN_LABELS("train-labels-idx1-ubyte", 1, 60000,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    TEST_IMAGES("t10k-images-idx3-ubyte", 3, 10000,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    TEST_LABELS("t10k-labels-idx1-ubyte", 1, 10000,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final int dims;
    private final int count;
    private final String sha256;

    MnistFile(String fileName, int dims, int count, String sha256) {
        this.fileName = fileName;
        this.dims = dims;
        this.count = count;
        this.sha256 = sha256;
    }

    /** The uncompressed file name, as DL4J expects it. */
    public String fileName() {
        return fileName;
    }

    /** The gzip name the files are distributed under. */
    public String gzipName() {
        return fileName + ".gz";
    }

    /** Number of IDX dimensions: 3 for images, 1 for labels. */
    public int dims() {
        return dims;
    }

    /** Number of items the original file holds. */
    public int count() {
        return count;
    }

    /** Lower-case hex SHA-256 of the uncompressed file. */
    public String sha256() {
        return sha256;
    }

    /** The published SHA-256 of the MNIST file named {@code fileName}, if it is one. */
    public static java.util.Optional<String> publishedDigest(String fileName) {
        return java.util.Arrays.stream(values()).filter(f -> f.fileName.equals(fileName)).map(f -> f.sha256).findFirst();
    }
}
