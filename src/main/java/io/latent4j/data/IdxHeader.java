package io.latent4j.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The header of an uncompressed IDX file of unsigned bytes (the MNIST format): a magic number
 * {@code 0x0000 08 NN} where NN is the number of dimensions, then one big-endian int per dimension.
 *
 * @param dims the dimension sizes, outermost first (item count first)
 */
public record IdxHeader(int[] dims) {

    /** The IDX type code for unsigned bytes, the only one MNIST uses. */
    static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMS = 8;
    /** Largest item (e.g. one image) a reader will buffer: far above any real image. */
    static final long MAX_ITEM_BYTES = 1L << 24;

    public IdxHeader {
        dims = dims.clone();
    }

    /** Number of bytes before the payload. */
    public long headerBytes() {
        return 4L + 4L * dims.length;
    }

    /** Number of payload bytes the dimensions promise. */
    public long payloadBytes() {
        long n = 1;
        for (int d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Number of items (the first dimension). */
    public int count() {
        return dims[0];
    }

    /** Bytes per item: the product of the inner dimensions. */
    public int itemBytes() {
        long n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return Math.toIntExact(n);
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxHeader h && Arrays.equals(dims, h.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "IDX " + Arrays.toString(dims);
    }

    /**
     * Reads and checks the header of {@code file}: the magic number, the expected number of
     * dimensions, and that the file holds exactly the bytes the dimensions promise.
     *
     * @param expectedDims 3 for images, 1 for labels
     * @throws IdxFormatException when the file is not such an IDX file
     */
    public static IdxHeader read(Path file, int expectedDims) throws IOException {
        checkReadableFile(file);
        long size = Files.size(file);
        IdxHeader header;
        try (InputStream in = Files.newInputStream(file)) {
            header = parse(file, in, expectedDims);
        }
        long expected = header.headerBytes() + header.payloadBytes();
        if (size != expected) {
            throw new IdxFormatException(file, String.format(
                    "header %s promises %d bytes but the file has %d (%s)", Arrays.toString(header.dims),
                    expected, size, size < expected ? "truncated" : "trailing data"));
        }
        return header;
    }

    /** Fails with a one-line reason unless {@code file} is an existing, readable regular file. */
    static void checkReadableFile(Path file) throws IdxFormatException {
        if (Files.isDirectory(file)) {
            throw new IdxFormatException(file, "is a directory, expected an IDX file");
        }
        if (!Files.exists(file)) {
            throw new IdxFormatException(file, "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new IdxFormatException(file, "is not readable (check its permissions)");
        }
    }

    /** Parses a header from the start of {@code in}, checking magic and dimensions only. */
    static IdxHeader parse(Path file, InputStream in, int expectedDims) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            int magic = data.readInt();
            int type = (magic >>> 8) & 0xFF;
            int ndims = magic & 0xFF;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || ndims == 0 || ndims > MAX_DIMS) {
                throw new IdxFormatException(file, String.format(
                        "bad magic number 0x%08X, expected 0x%08X (an IDX file of unsigned bytes)",
                        magic, (UNSIGNED_BYTE << 8) | expectedDims));
            }
            if (ndims != expectedDims) {
                throw new IdxFormatException(file, "has " + ndims + " dimensions, expected " + expectedDims);
            }
            int[] dims = new int[ndims];
            long item = 1;
            for (int i = 0; i < ndims; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw new IdxFormatException(file, "dimension " + i + " is negative (" + dims[i] + ")");
                }
                if (i > 0) {
                    item *= dims[i];
                    if (item > MAX_ITEM_BYTES) {
                        // A lying header must not make a reader allocate gigabytes for one item.
                        throw new IdxFormatException(file, "header claims items of more than " + MAX_ITEM_BYTES
                                + " bytes (dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1)) + ")");
                    }
                }
            }
            return new IdxHeader(dims);
        } catch (EOFException e) {
            throw new IdxFormatException(file, file.getFileName().toString().endsWith(".gz")
                    ? "ends inside the IDX header (truncated or corrupt gzip file)"
                    : "ends inside the IDX header (empty or truncated file)");
        }
    }
}
