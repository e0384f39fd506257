package io.latent4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code explore}: option errors, and the command serving rows given with --input. */
@Timeout(120)
class ExploreCommandTest {
    private static final Pattern ADDRESS = Pattern.compile("Explorer: (http://127\\.0\\.0\\.1:\\d+/) showing (\\d+) rows");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, run("explore", "--port", "70000"));
        assertTrue(err.toString().contains("--port must be 0-65535"), err.toString());
        assertEquals(2, run("explore", "--limit", "0"));
        assertEquals(2, run("explore", "--labels", "x.idx"));
        assertTrue(err.toString().contains("--labels goes with --input"), err.toString());
    }

    @Test
    void rowsOfTheWrongWidthAreAFileErrorNamingTheFile() throws IOException {
        Path csv = Files.writeString(dir.resolve("rows.csv"), "0.1,0.2,0.3\n");
        assertEquals(1, run("explore", "--model", "pretrained", "--input", csv.toString(), "--port", "0"));
        assertTrue(err.toString().contains(csv.toString()), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void servesTheInputRowsWithTheirLabelsUntilStopped() throws Exception {
        Path images = Files.write(dir.resolve("images.idx"), idx(new int[] {40, 28, 28}, 40 * 784, 37));
        byte[] labelBytes = idx(new int[] {40}, 40, 1);
        for (int i = 0; i < 40; i++) {
            labelBytes[8 + i] = (byte) (i % 3 == 0 ? 7 : 2);
        }
        Path labels = Files.write(dir.resolve("labels.idx"), labelBytes);
        Thread serving = new Thread(() -> run("explore", "--model", "pretrained", "--input", images.toString(),
                "--labels", labels.toString(), "--port", "0"));
        serving.start();
        try {
            Matcher printed = awaitAddress();
            assertEquals("40", printed.group(2));
            HttpResponse<String> codes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(printed.group(1)).resolve("/codes")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, codes.statusCode());
            JsonNode json = new ObjectMapper().readTree(codes.body());
            assertEquals(40, json.get("codes").size());
            assertEquals("7", json.get("labels").get(0).asText());
            assertEquals("2", json.get("labels").get(1).asText());
            assertEquals("[\"2\",\"7\"]", json.get("classNames").toString());
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertFalse(serving.isAlive(), "the command stops when interrupted");
    }

    private Matcher awaitAddress() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = ADDRESS.matcher(out.toString());
            if (m.find()) {
                return m;
            }
            Thread.sleep(50);
        }
        return fail("explore printed no address: " + out + err);
    }

    /** An unsigned-byte IDX file with a deterministic payload. */
    private static byte[] idx(int[] dims, int payload, int step) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        data.writeInt(0x800 | dims.length);
        for (int d : dims) {
            data.writeInt(d);
        }
        for (int i = 0; i < payload; i++) {
            data.write(i * step);
        }
        return bytes.toByteArray();
    }
}
