package io.latent4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowsTest {
    @TempDir
    Path dir;

    @Test
    void readsIdxImagesAndLabelsAndCsvRows() throws IOException {
        Path images = dir.resolve("x-images-idx3-ubyte");
        Path labels = dir.resolve("x-labels-idx1-ubyte");
        try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(images));
             DataOutputStream lab = new DataOutputStream(Files.newOutputStream(labels))) {
            img.writeInt(0x803);
            img.writeInt(3);
            img.writeInt(2);
            img.writeInt(2);
            lab.writeInt(0x801);
            lab.writeInt(3);
            for (int i = 0; i < 3; i++) {
                img.write(new byte[] {0, (byte) 255, (byte) (i * 50), 0});
                lab.writeByte(i + 4);
            }
        }
        List<float[]> rows = new ArrayList<>();
        try (Rows.Reader reader = Rows.open(images)) {
            assertEquals(3, reader.size().orElseThrow());
            reader.forEachRemaining(rows::add);
        }
        assertEquals(3, rows.size());
        assertArrayEquals(new float[] {0, 1, 100 / 255f, 0}, rows.get(2), 1e-6f);
        assertArrayEquals(new int[] {4, 5, 6}, Rows.idxLabels(labels));

        Path csv = Files.writeString(dir.resolve("r.csv"), "1,2\n3,4\n");
        try (Rows.Reader reader = Rows.open(csv)) {
            assertArrayEquals(new float[] {1, 2}, reader.next());
            assertArrayEquals(new float[] {3, 4}, reader.next());
            assertTrue(!reader.hasNext());
        }
        IOException e = assertThrows(IOException.class, () -> Rows.png(csv));
        assertTrue(e.getMessage().contains(csv.toString()), e.getMessage());
    }
}
