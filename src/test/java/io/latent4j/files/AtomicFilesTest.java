package io.latent4j.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplacesAndCreatesParents() throws IOException {
        Path file = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(file, "one");
        AtomicFiles.writeString(file, "two");
        assertEquals("two", Files.readString(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.bin");
        AtomicFiles.writeString(file, "good");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("partial".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("good", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aPairIsReplacedWithoutEverShowingNewVectorsBesideOldMetadata() throws IOException {
        Path vectors = dir.resolve("z.tsv");
        Path metadata = dir.resolve("z-metadata.tsv");
        AtomicFiles.writePair(vectors, out -> out.write("v1".getBytes()), metadata, out -> out.write("m1".getBytes()));
        assertEquals("v1", Files.readString(vectors));
        assertEquals("m1", Files.readString(metadata));
        assertThrows(IOException.class, () -> AtomicFiles.writePair(vectors, out -> out.write("v2".getBytes()), metadata,
                out -> {
                    throw new IOException("labels failed");
                }));
        assertEquals("v1", Files.readString(vectors), "a failure before the renames keeps the old pair");
        assertEquals("m1", Files.readString(metadata));
        AtomicFiles.writePair(vectors, out -> out.write("v3".getBytes()), metadata, null);
        assertEquals("v3", Files.readString(vectors));
        assertFalse(Files.exists(metadata), "old metadata does not stay beside vectors without labels");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(vectors), files.toList(), "no temporary file is left");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void staleTemporaryFilesOfATargetAreRemovedAndNothingElse() throws IOException {
        Path model = dir.resolve("m.zip");
        Files.writeString(model, "model");
        Path stale = Files.createFile(dir.resolve(".m.zip.0k3j.tmp"));
        Path other = Files.createFile(dir.resolve(".m.zip.x.y.tmp"));
        Path link = Files.createSymbolicLink(dir.resolve(".m.zip.l1nk.tmp"), model);
        assertEquals(1, AtomicFiles.removeStaleTempFiles(model));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(other));
        assertTrue(Files.isSymbolicLink(link), "a link is not a temporary file of ours");
        assertEquals("model", Files.readString(model));
    }
}
