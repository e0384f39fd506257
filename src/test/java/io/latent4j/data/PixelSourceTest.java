package io.latent4j.data;

import io.latent4j.data.TrainingSources.CsvLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PixelSourceTest {
    @TempDir
    Path dir;

    private static List<float[]> readAll(PixelSource source) throws IOException {
        try (source) {
            List<float[]> rows = new ArrayList<>();
            source.forEachRemaining(rows::add);
            return rows;
        }
    }

    @Test
    void csvWithHeaderAndLabelColumnYieldsTheFeaturesInTheFilesUnits() throws IOException {
        Path csv = Files.writeString(dir.resolve("in.csv"), "a,kind,b\n10,x,-2.5\n30,y,4\n");
        List<float[]> rows = readAll(PixelSource.open(csv, new CsvLayout(1, "kind"), 28, 28));
        assertEquals(2, rows.size());
        assertArrayEquals(new float[] {10, -2.5f}, rows.get(0));
        assertArrayEquals(new float[] {30, 4}, rows.get(1));
    }

    @Test
    void aHeaderIsNotSkippedUnlessAsked() throws IOException {
        Path csv = Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n");
        PixelSource source = PixelSource.open(csv);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> readAll(source));
        assertEquals(csv + ": row 1, column 0: 'a' is not a finite number (if the first line is a header, skip the "
                + "header line)", e.getCause().getMessage());
    }

    @Test
    void imageFolderYieldsResizedGreyRowsInPathOrder() throws IOException {
        Path root = dir.resolve("imgs");
        TrainingSourcesImagesTest.grey(root.resolve("b/2.png"), 10, 10, 255, "png");
        TrainingSourcesImagesTest.grey(root.resolve("a/1.png"), 28, 28, 51, "png");
        try (PixelSource source = PixelSource.open(root, CsvLayout.PLAIN, 5, 4)) {
            assertEquals(OptionalLong.of(2), source.size());
            float[] first = source.next();
            assertEquals(20, first.length);
            for (float v : first) {
                assertEquals(0.2f, v, 1e-6f);
            }
            for (float v : source.next()) {
                assertEquals(1f, v, 1e-6f);
            }
        }
        List<float[]> mnistSized = readAll(PixelSource.open(root));
        assertEquals(784, mnistSized.get(0).length);
    }
}
