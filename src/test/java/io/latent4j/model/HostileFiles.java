package io.latent4j.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds the hostile files of the model and checkpoint tests. */
public final class HostileFiles {
    private HostileFiles() {
    }

    /**
     * The classic "SerialDOS" payload: 100 levels of HashSets, each holding two sets that hold the
     * next two. Deserializing it unfiltered hashes 2^100 times.
     */
    public static byte[] serialBomb() throws IOException {
        HashSet<Object> root = new HashSet<>();
        Set<Object> left = root;
        Set<Object> right = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Set<Object> nextLeft = new HashSet<>();
            Set<Object> nextRight = new HashSet<>();
            nextLeft.add("unequal");
            left.add(nextLeft);
            left.add(nextRight);
            right.add(nextLeft);
            right.add(nextRight);
            left = nextLeft;
            right = nextRight;
        }
        return serialize(root);
    }

    public static byte[] serialize(Serializable object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** A zip's entries in order. */
    public static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** {@code zip} with entry {@code name} replaced by (or, if new, followed by) {@code content}. */
    public static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        Map<String, byte[]> entries = entries(zip);
        entries.put(name, content);
        return zip(entries, false);
    }

    /**
     * A zip of {@code entries}, deflated, or stored with sizes and CRCs in each entry's header (as
     * a reader sees them before reading the data).
     */
    public static byte[] zip(Map<String, byte[]> entries, boolean stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * {@code zip} (stored) with the local header of entry {@code name} claiming {@code size} bytes,
     * compressed and uncompressed.
     */
    public static byte[] claimingSize(byte[] zip, String name, int size) {
        byte[] patched = zip.clone();
        byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int at = 0; at + 30 + nameBytes.length <= patched.length; at++) {
            if (patched[at] == 'P' && patched[at + 1] == 'K' && patched[at + 2] == 3 && patched[at + 3] == 4
                    && java.util.Arrays.equals(patched, at + 30, at + 30 + nameBytes.length, nameBytes, 0,
                    nameBytes.length)) {
                for (int field : new int[] {at + 18, at + 22}) {
                    for (int b = 0; b < 4; b++) {
                        patched[field + b] = (byte) (size >>> (8 * b));
                    }
                }
                return patched;
            }
        }
        throw new IllegalArgumentException("no local header for " + name);
    }
}
