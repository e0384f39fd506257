package io.latent4j.data;

import io.latent4j.data.TrainingSources.CsvLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSourcesCsvTest {
    @TempDir
    Path dir;

    private static final String IRIS = """
            sepal,petal,species
            5.0,10,setosa
            7.0,30,virginica
            6.0,20,versicolor
            """;

    @Test
    void labelColumnByNameScalesWithTheTrainingRowsOnly() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), IRIS);
        Path test = Files.writeString(dir.resolve("test.csv"), "sepal,petal,species\n8.0,20,setosa\n");
        TrainingData data = TrainingSources.csv(train, test, new CsvLayout(1, "species"), 0.5, 1);
        assertEquals(List.of("setosa", "versicolor", "virginica"), data.classNames());
        assertArrayEquals(new int[] {0, 2, 1}, data.train().labels());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0.5f, 0.5f}, data.train().features().ravel().toFloatVector(), 1e-6f);
        // The test row goes through the scaler fitted on the training rows: 8 lies beyond their 5..7.
        assertArrayEquals(new float[] {1.5f, 0.5f}, data.test().features().ravel().toFloatVector(), 1e-6f);
        assertTrue(data.scaler().isPresent());
        assertEquals(DataType.FLOAT, data.train().features().dataType());
        assertEquals('c', data.train().features().ordering());
        DataProvenance p = data.provenance();
        assertEquals("csv", p.kind());
        assertEquals("train.csv: 3 rows, test.csv: 1 rows, 2 feature columns, label column 'species' (3 classes)",
                p.description());
        assertEquals("CSV structure (every row numeric, 3 columns)", p.verification());
        assertEquals("test files", p.split());
        assertEquals(List.of(new DataProvenance.SourceFile("train", train.toString(), TestDigests.sha256(Files.readAllBytes(train))),
                new DataProvenance.SourceFile("test", test.toString(), TestDigests.sha256(Files.readAllBytes(test)))), p.files());
    }

    @Test
    void labelColumnByIndexWithNumericLabelsSortedByValue() throws IOException {
        Path csv = Files.writeString(dir.resolve("data.csv"), "10,-1,100\n2,-3,300\n10,-2,200\n9,-4,400\n");
        TrainingData data = TrainingSources.csv(csv, null, new CsvLayout(0, "0"), 0.25, 42);
        assertEquals(List.of("2", "9", "10"), data.classNames());
        assertEquals(3, data.train().count());
        assertEquals(1, data.test().count());
        assertEquals("25% of the rows, seed 42", data.provenance().split());
        assertEquals("data.csv: 4 rows, 2 feature columns, label column '0' (3 classes)", data.provenance().description());
        float[] train = data.train().features().ravel().toFloatVector();
        for (float v : train) {
            assertTrue(v >= 0 && v <= 1, "train rows scaled into [0, 1]: " + v);
        }
    }

    @Test
    void withoutHeaderEveryLineIsARowAndAByteOrderMarkIsDropped() throws IOException {
        Path csv = dir.resolve("bom.csv");
        try (OutputStream out = Files.newOutputStream(csv)) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out.write("1,2\n3,4\n\n5,6\n".getBytes(StandardCharsets.UTF_8));
        }
        TrainingData data = TrainingSources.csv(csv, null, CsvLayout.PLAIN, 1 / 3.0, 7);
        assertEquals(3, data.train().count() + data.test().count());
        assertEquals(List.of(), data.classNames());
        assertArrayEquals(new int[data.train().count()], data.train().labels());
        assertEquals("bom.csv: 3 rows, 2 feature columns, no label column", data.provenance().description());
    }

    @Test
    void aNonNumericFirstLineIsAnErrorUnlessSkipped() throws IOException {
        Path csv = Files.writeString(dir.resolve("h.csv"), "a,b\n1,2\n3,4\n");
        IOException e = assertThrows(IOException.class, () -> TrainingSources.csv(csv, null, CsvLayout.PLAIN, 0.5, 1));
        assertEquals(csv + ": row 1, column 0: 'a' is not a finite number (if the first line is a header, skip the "
                + "header line)", e.getMessage());
    }

    @Test
    void raggedRowsNonNumericCellsAndBadLabelColumnsNameFileRowAndColumn() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2,3\n4,5\n");
        assertEquals(ragged + ": row 2 has 2 columns, expected 3 like row 1 of the data: every row needs the same columns",
                assertThrows(IOException.class, () -> TrainingSources.csv(ragged, null, CsvLayout.PLAIN, 0.5, 1)).getMessage());
        Path text = Files.writeString(dir.resolve("text.csv"), "x,y\n1,2\n3,oops\n");
        assertEquals(text + ": row 3, column 1: 'oops' is not a finite number",
                assertThrows(IOException.class, () -> TrainingSources.csv(text, null, new CsvLayout(1, null), 0.5, 1))
                        .getMessage());
        Path ok = Files.writeString(dir.resolve("ok.csv"), "x,y\n1,2\n3,4\n");
        assertEquals(ok + ": label column 5 is out of range: row 2 has 2 columns (0-1)",
                assertThrows(IOException.class, () -> TrainingSources.csv(ok, null, new CsvLayout(1, "5"), 0.5, 1))
                        .getMessage());
        Path unlabelled = Files.writeString(dir.resolve("unlabelled.csv"), "1,a\n2,\n");
        assertEquals(unlabelled + ": row 2, column 1: the label cell is empty: give every row a label",
                assertThrows(IOException.class, () -> TrainingSources.csv(unlabelled, null, new CsvLayout(0, "1"), 0.5, 1))
                        .getMessage());
        assertEquals(ok + ": no column 'z' in header line 1 (columns: x, y)",
                assertThrows(IOException.class, () -> TrainingSources.csv(ok, null, new CsvLayout(1, "z"), 0.5, 1))
                        .getMessage());
    }

    @Test
    void tooLongLinesAndDevicesAreRefused() throws IOException {
        Path longLine = Files.writeString(dir.resolve("long.csv"), "1,2\n" + "1,".repeat(CsvRecords.MAX_LINE_BYTES) + "\n");
        assertEquals(longLine + ": row 2 is longer than " + CsvRecords.MAX_LINE_BYTES + " bytes: not a CSV of numeric rows",
                assertThrows(IOException.class, () -> TrainingSources.csv(longLine, null, CsvLayout.PLAIN, 0.5, 1))
                        .getMessage());
        Path zero = Files.createSymbolicLink(dir.resolve("zero.csv"), Path.of("/dev/zero"));
        assertEquals(zero + ": is not a regular file",
                assertThrows(IOException.class, () -> TrainingSources.csv(zero, null, CsvLayout.PLAIN, 0.5, 1)).getMessage());
    }

    @Test
    void theSeededSplitIsRepeatableAndDisjoint() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            rows.append(i).append(',').append(i * 2).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("n.csv"), rows);
        TrainingData a = TrainingSources.csv(csv, null, new CsvLayout(0, "0"), 0.2, 3);
        TrainingData b = TrainingSources.csv(csv, null, new CsvLayout(0, "0"), 0.2, 3);
        TrainingData c = TrainingSources.csv(csv, null, new CsvLayout(0, "0"), 0.2, 4);
        assertEquals(10, a.test().count());
        assertEquals(40, a.train().count());
        List<String> aTest = ids(a, a.test());
        assertEquals(aTest, ids(b, b.test()));
        assertTrue(!aTest.equals(ids(c, c.test())), "another seed, another split");
        List<String> aTrain = ids(a, a.train());
        assertTrue(aTrain.stream().noneMatch(aTest::contains), "disjoint");
        assertEquals(50, aTrain.size() + aTest.size());
        assertThrows(IllegalArgumentException.class, () -> TrainingSources.csv(csv, null, CsvLayout.PLAIN, 1.0, 3));
        Path two = Files.writeString(dir.resolve("two.csv"), "1\n2\n");
        assertTrue(assertThrows(IOException.class, () -> TrainingSources.csv(two, null, CsvLayout.PLAIN, 0.1, 3))
                .getMessage().startsWith(two + ": 2 rows are too few to hold out 10% for testing"));
    }

    /** The label value of each row: the first column is unique per row here. */
    private static List<String> ids(TrainingData data, LabeledRows rows) {
        return java.util.Arrays.stream(rows.labels()).mapToObj(data::className).toList();
    }

    @Test
    void aColumnConstantInTheTrainingRowsIsScaledLikeTheOthersInsteadOfExploding() throws IOException {
        Path train = Files.writeString(dir.resolve("constant-train.csv"), "0,1,0\n0,3,10\n0,5,20\n");
        Path test = Files.writeString(dir.resolve("constant-test.csv"), "8,3,10\n");
        TrainingData data = TrainingSources.csv(train, test, CsvLayout.PLAIN, 0.5, 1);
        assertEquals(8f / 20, data.test().features().getFloat(0, 0), 1e-5,
                "a constant column takes the (upper) median range of the others: of 4 and 20, 20");
        assertEquals(0.5f, data.test().features().getFloat(0, 1), 1e-6, "other columns are min-max scaled");
        io.latent4j.model.FeatureScaling scaling = io.latent4j.model.FeatureScaling.of(data.scaler().orElseThrow());
        float[] row = {8, 3, 10};
        scaling.apply(row);
        assertEquals(data.test().features().getFloat(0, 0), row[0], 1e-3, "the stored scaling is the one applied");
    }
}
