package io.latent4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** SHA-256 digests as lower-case hex, the form {@code sha256sum} prints. */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh SHA-256 digest (every JVM must provide it). */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
    }

    /** Digest of a whole file. */
    public static String of(Path file) throws IOException {
        return digest(Files.newInputStream(file));
    }

    /** Digest of a file's content: for a {@code .gz} file, of the bytes it uncompresses to. */
    static String ofContent(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return digest(file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
        } finally {
            raw.close();
        }
    }

    private static String digest(InputStream source) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(source, digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return hex(digest);
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
