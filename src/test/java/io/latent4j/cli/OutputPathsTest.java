package io.latent4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An output that cannot be written is one line naming it and saying why in words, never a bare path. */
class OutputPathsTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private void assertCannotWrite(String expected, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(1, Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)),
                err.toString());
        assertEquals("latent4j: " + expected, err.toString().strip());
    }

    @Test
    @Timeout(120)
    void outputsUnderAFileOrInProcAreNamedWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path codes = Files.writeString(dir.resolve("z.csv"), "0,0\n1,1\n");
        byte[] idx = new byte[16 + 784];
        java.nio.ByteBuffer.wrap(idx).putInt(0x803).putInt(1).putInt(28).putInt(28);
        Path images = Files.write(dir.resolve("one.idx"), idx);
        String underFile = " (" + file + " is a file, not a folder); choose a writable location";

        assertCannotWrite("cannot write " + file.resolve("z.csv") + underFile,
                "encode", "--model", "pretrained", "--input", images.toString(), "--out", file.resolve("z.csv").toString());
        assertCannotWrite("cannot write " + file.resolve("z.tsv") + underFile,
                "encode", "--model", "pretrained", "--input", images.toString(), "--out", file.resolve("z.tsv").toString());
        assertCannotWrite("cannot write " + file.resolve("rows.csv") + underFile,
                "decode", "--model", "pretrained", "--input", codes.toString(), "--out", file.resolve("rows.csv").toString());
        assertCannotWrite("cannot write " + file.resolve("m.zip") + underFile,
                "train", "--model-out", file.resolve("m.zip").toString(), "--iterations", "5");

        Path proc = Path.of("/proc");
        assertCannotWrite("cannot write " + proc.resolve("z.csv") + " (no file can be created in /proc); choose a "
                + "writable location", "encode", "--model", "pretrained", "--input", images.toString(), "--out",
                proc.resolve("z.csv").toString());
        assertCannotWrite("cannot write " + proc.resolve("pngs/row-000000.png") + " (no file can be created in "
                + "/proc/pngs); choose a writable location", "decode", "--model", "pretrained", "--input",
                codes.toString(), "--out", proc.resolve("pngs").toString());
        assertCannotWrite("cannot write " + proc.resolve("m.zip") + " (no file can be created in /proc); choose a "
                + "writable location", "train", "--model-out", proc.resolve("m.zip").toString(), "--iterations", "5");
    }
}
