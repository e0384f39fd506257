package io.latent4j.data;

import io.latent4j.data.TrainingSources.IdxInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSourcesIdxTest {
    @TempDir
    Path dir;

    /** {@code count} labels cycling through {@code classes}. */
    private static byte[] labels(int count, int... classes) throws IOException {
        byte[] payload = new byte[count];
        for (int i = 0; i < count; i++) {
            payload[i] = (byte) classes[i % classes.length];
        }
        return IdxFiles.idx(new int[] {count}, payload);
    }

    @Test
    void imagesOfAnyCountAndSizeWithLabels() throws IOException {
        // 300 images of 6 rows x 8 columns: 8x6 (width x height).
        byte[] imageBytes = IdxFiles.images(300, 6, 8);
        Path images = IdxFiles.writeGzip(dir.resolve("shapes-images.idx.gz"), imageBytes);
        byte[] labelBytes = labels(300, 7, 3, 5);
        Path labels = IdxFiles.write(dir.resolve("shapes-labels.idx"), labelBytes);
        TrainingData data = TrainingSources.idx(new IdxInput(images, labels), null, 0.1, 42);
        assertEquals(48, data.columns());
        assertEquals(List.of("3", "5", "7"), data.classNames());
        assertEquals(270, data.train().count());
        assertEquals(30, data.test().count());
        assertTrue(data.scaler().isEmpty());
        // Row 0 is in one of the splits; find it by its label and pixels (labels cycle 7, 3, 5).
        float[] first = new float[48];
        for (int i = 0; i < 48; i++) {
            first[i] = (imageBytes[16 + i] & 0xFF) / 255f;
        }
        LabeledRows holder = data.train().label(0) == 2 ? data.train() : data.test();
        assertArrayEquals(first, FloatRows.of(holder.features())[0], 1e-6f);
        DataProvenance p = data.provenance();
        assertEquals("idx", p.kind());
        assertEquals("shapes-images.idx.gz: 300 images of 8x6, labels from shapes-labels.idx (3 classes)", p.description());
        assertEquals("IDX structure (magic number, dimensions, size)", p.verification());
        assertEquals("10% of the rows, seed 42", p.split());
        assertEquals(List.of(new DataProvenance.SourceFile("train", images.toString(), TestDigests.sha256(imageBytes)),
                new DataProvenance.SourceFile("train-labels", labels.toString(), TestDigests.sha256(labelBytes))), p.files());
    }

    @Test
    void imagesWithoutLabelsAndWithTestFiles() throws IOException {
        Path train = IdxFiles.write(dir.resolve("train.idx"), IdxFiles.images(20, 3, 4));
        Path test = IdxFiles.write(dir.resolve("test.idx"), IdxFiles.images(5, 3, 4));
        TrainingData data = TrainingSources.idx(new IdxInput(train, null), new IdxInput(test, null), 0, 1);
        assertEquals(List.of(), data.classNames());
        assertEquals(20, data.train().count());
        assertEquals(5, data.test().count());
        assertArrayEquals(new int[20], data.train().labels());
        assertEquals("test files", data.provenance().split());
        assertEquals("train.idx: 20 images, test.idx: 5 images of 4x3, no labels", data.provenance().description());
    }

    @Test
    void labelCountMismatchAndSizeMismatchAreNamed() throws IOException {
        Path images = IdxFiles.write(dir.resolve("i.idx"), IdxFiles.images(10, 2, 2));
        Path labels = IdxFiles.write(dir.resolve("l.idx"), labels(9, 1));
        assertEquals(images + " holds 10 images but " + labels + " holds 9 labels: give the label file of these images",
                assertThrows(IOException.class, () -> TrainingSources.idx(new IdxInput(images, labels), null, 0.5, 1))
                        .getMessage());
        Path other = IdxFiles.write(dir.resolve("o.idx"), IdxFiles.images(10, 3, 3));
        assertTrue(assertThrows(IOException.class,
                () -> TrainingSources.idx(new IdxInput(images, null), new IdxInput(other, null), 0.5, 1))
                .getMessage().startsWith(other + ": images are 3x3 but the training images"));
    }
}
