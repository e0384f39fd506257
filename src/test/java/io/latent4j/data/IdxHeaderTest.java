package io.latent4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxHeaderTest {
    @TempDir
    Path dir;

    @Test
    void readsAValidImageFile() throws IOException {
        Path file = IdxFiles.write(dir.resolve("images"), IdxFiles.images(3, 4, 5));
        IdxHeader header = IdxHeader.read(file, 3);
        assertArrayEquals(new int[] {3, 4, 5}, header.dims());
        assertEquals(3, header.count());
        assertEquals(20, header.itemBytes());
        assertEquals(16, header.headerBytes());
    }

    @Test
    void readsAValidLabelFile() throws IOException {
        Path file = IdxFiles.write(dir.resolve("labels"), IdxFiles.idx(new int[] {4}, new byte[] {1, 5, 6, 1}));
        assertEquals(4, IdxHeader.read(file, 1).count());
    }

    @Test
    void rejectsABadMagicNumber() throws IOException {
        byte[] bytes = IdxFiles.images(2, 2, 2);
        bytes[2] = 0x0D; // type code: float instead of unsigned byte
        Path file = IdxFiles.write(dir.resolve("bad-magic"), bytes);
        assertProblem(file, 3, "bad magic number");
    }

    @Test
    void rejectsTheWrongNumberOfDimensions() throws IOException {
        Path file = IdxFiles.write(dir.resolve("labels-as-images"), IdxFiles.idx(new int[] {4}, new byte[4]));
        assertProblem(file, 3, "has 1 dimensions, expected 3");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] bytes = IdxFiles.images(3, 4, 5);
        Path file = IdxFiles.write(dir.resolve("truncated"), Arrays.copyOf(bytes, bytes.length - 7));
        assertProblem(file, 3, "truncated");
    }

    @Test
    void rejectsACountThatDoesNotMatchTheFileSize() throws IOException {
        byte[] bytes = IdxFiles.images(3, 4, 5);
        bytes[7] = 4; // header now claims 4 images, the file holds 3
        Path file = IdxFiles.write(dir.resolve("count-mismatch"), bytes);
        assertProblem(file, 3, "promises 96 bytes but the file has 76");
    }

    @Test
    void rejectsTrailingData() throws IOException {
        byte[] bytes = IdxFiles.images(3, 4, 5);
        Path file = IdxFiles.write(dir.resolve("padded"), Arrays.copyOf(bytes, bytes.length + 1));
        assertProblem(file, 3, "trailing data");
    }

    @Test
    void rejectsAnEmptyFileAndADirectory() throws IOException {
        Path empty = IdxFiles.write(dir.resolve("empty"), new byte[0]);
        assertProblem(empty, 1, "ends inside the IDX header");
        assertProblem(dir, 1, "is a directory");
    }

    private static void assertProblem(Path file, int dims, String fragment) {
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxHeader.read(file, dims));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "'" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
