package io.latent4j.viz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A report folder is replaced whole: after a failure or a killed run, the old report or the new one, never a mix. */
@Timeout(30)
class ReportFolderTest {
    private static final Set<String> FILES = Set.of("README.md", "a.png", "b.png");

    @TempDir
    Path dir;

    private Path report(String version) throws IOException {
        Path target = dir.resolve("m-report");
        return ReportFolder.build(target, FILES, into -> {
            Files.writeString(into.resolve("README.md"), version);
            Files.writeString(into.resolve("a.png"), version);
            return target;
        });
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewReportReplacesTheOldOneWhole() throws IOException {
        Path target = report("old");
        Files.writeString(target.resolve("b.png"), "old");
        report("new");
        assertEquals("new", Files.readString(target.resolve("README.md")));
        assertEquals("new", Files.readString(target.resolve("a.png")));
        assertFalse(Files.exists(target.resolve("b.png")), "an old figure the new report lacks does not stay beside it");
        assertEquals(List.of("m-report"), listing(), "no folder of the build is left");
    }

    @Test
    void aBuildThatFailsHalfwayLeavesTheOldReportAndNoTrace() throws IOException {
        Path target = report("old");
        IOException e = assertThrows(IOException.class, () -> ReportFolder.build(target, FILES, into -> {
            Files.writeString(into.resolve("README.md"), "new");
            throw new IOException("drawing failed");
        }));
        assertEquals("drawing failed", e.getMessage());
        assertEquals("old", Files.readString(target.resolve("README.md")));
        assertEquals("old", Files.readString(target.resolve("a.png")));
        assertEquals(List.of("m-report"), listing());
    }

    @Test
    void whatAKilledRunLeftIsPutRightBeforeTheNextBuild() throws IOException {
        Path target = report("old");
        // Killed while drawing: a half-built folder. Killed inside the swap: the old report set aside.
        Path building = Files.createDirectory(dir.resolve(".m-report.k1ll3d.tmp"));
        Files.writeString(building.resolve("README.md"), "half");
        Files.move(target, dir.resolve(".m-report.s3t4s1d3.old"));
        ReportFolder.removeStaleBuilds(target);
        assertEquals(List.of("m-report"), listing());
        assertEquals("old", Files.readString(target.resolve("README.md")), "the old report is back");
    }

    @Test
    void aFolderHoldingOtherFilesIsNeverReplaced() throws IOException {
        Path target = Files.createDirectory(dir.resolve("m-report"));
        Files.writeString(target.resolve("thesis.tex"), "mine");
        IOException e = assertThrows(IOException.class, () -> report("new"));
        assertEquals(target + " holds thesis.tex, which is not part of a report, and a report replaces its whole folder; "
                + "move it away or give a new folder for the report", e.getMessage());
        assertEquals("mine", Files.readString(target.resolve("thesis.tex")));
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(List.of("thesis.tex"), files.map(p -> p.getFileName().toString()).toList());
        }
        Path file = Files.writeString(dir.resolve("file-report"), "x");
        assertTrue(assertThrows(IOException.class, () -> ReportFolder.build(file, FILES, into -> null)).getMessage()
                .equals(file + " is not a folder; give a folder for the report"));
    }
}
