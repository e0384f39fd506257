package io.latent4j.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodeBenchCommandTest {
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true)), err.toString());
        return out.toString();
    }

    @Test
    void withoutThreadsItAlternatesOneAndTwoAndPrintsTheMedians() {
        String out = run("bench-encode", "--model", "pretrained", "--rows", "70", "--single-runs", "5", "--batch-runs", "1",
                "--rounds", "2");
        assertTrue(out.startsWith("2 round(s) per thread count"), out);
        for (String line : new String[] {"round 1, 1 thread(s): encode one row ", "round 1, 2 thread(s): ",
                "round 2, 2 thread(s): ", "median of 2, 1 thread(s): ", "median of 2, 2 thread(s): "}) {
            assertTrue(out.contains(line), line + " in " + out);
        }
        assertTrue(out.contains("; decode one row "), out);
        assertTrue(out.contains("70 rows "), out);
    }

    @Test
    void threadsOptionRunsOnlyThatCount() {
        String out = run("bench-encode", "--model", "pretrained", "--rows", "3", "--single-runs", "2", "--batch-runs", "1",
                "--rounds", "1", "--threads", "1");
        assertTrue(out.contains("median of 1, 1 thread(s): "), out);
        assertFalse(out.contains("2 thread(s)"), out);
    }
}
