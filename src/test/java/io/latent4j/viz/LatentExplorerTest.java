package io.latent4j.viz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latent4j.Autoencoder;
import io.latent4j.config.AutoencoderConfig;
import io.latent4j.model.AutoencoderArchitecture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explorer's endpoints answer what the model computes, refuse bad requests in one line and listen on loopback only. */
@Timeout(60)
class LatentExplorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Autoencoder ae;
    private static float[][] rows;
    private static String[] labels;
    private static LatentExplorer explorer;

    @BeforeAll
    static void serve() throws Exception {
        ae = Autoencoder.pretrained();
        rows = pixels(300, 7);
        labels = new String[rows.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = new String[] {"1", "5", "6", "10"}[i % 4];
        }
        explorer = LatentExplorer.start(ae, ExplorerPoints.encode(ae, rows, labels, 28, 28), 0);
    }

    @AfterAll
    static void stop() {
        explorer.close();
    }

    private static float[][] pixels(int n, long seed) {
        Random random = new Random(seed);
        float[][] out = new float[n][784];
        for (float[] row : out) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextFloat() < 0.2f ? random.nextFloat() : 0;
            }
        }
        return out;
    }

    private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(explorer.address().resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    @Test
    void codesAreTheEncoderOutputOfTheRowsWithTheirLabels() throws Exception {
        JsonNode codes = json("/codes");
        float[][] expected = ae.encode(rows);
        assertEquals(rows.length, codes.get("codes").size());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(i, codes.get("ids").get(i).asInt());
            assertEquals(labels[i], codes.get("labels").get(i).asText());
            for (int d = 0; d < 2; d++) {
                assertEquals(expected[i][d], (float) codes.get("codes").get(i).get(d).asDouble(), 0f, "row " + i);
            }
        }
        assertEquals(List.of("1", "5", "6", "10"), JSON.convertValue(codes.get("classNames"), List.class));
        // Principal axes: unit length and orthogonal.
        JsonNode axes = codes.get("principalAxes");
        double a0 = axes.get(0).get(0).asDouble(), a1 = axes.get(0).get(1).asDouble();
        double b0 = axes.get(1).get(0).asDouble(), b1 = axes.get(1).get(1).asDouble();
        assertEquals(1, a0 * a0 + a1 * a1, 1e-9);
        assertEquals(0, a0 * b0 + a1 * b1, 1e-9);
    }

    @Test
    void decodeIsTheDecoderImagePixelByPixel() throws Exception {
        float[] z = {0.75f, -1.25f};
        HttpResponse<byte[]> response = get("/decode?z=0.75,-1.25");
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElse(""));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertEquals(28, image.getWidth());
        assertEquals(28, image.getHeight());
        float[] decoded = ae.decode(new float[][] {z})[0];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(Pngs.toByte(decoded[y * 28 + x]), image.getRaster().getSample(x, y, 0), "pixel " + x + "," + y);
            }
        }
        JsonNode values = json("/decode?z=0.75,-1.25&format=json").get("values");
        for (int i = 0; i < decoded.length; i++) {
            assertEquals(decoded[i], (float) values.get(i).asDouble(), 0f);
        }
    }

    @Test
    void neighboursAreTheNearestCodesInOrder() throws Exception {
        float[][] codes = ae.encode(rows);
        float[] z = codes[17];
        JsonNode found = json("/neighbours?z=" + z[0] + "," + z[1] + "&k=7").get("neighbours");
        assertEquals(7, found.size());
        assertEquals(17, found.get(0).get("id").asInt());
        assertEquals(0, found.get(0).get("distance").asDouble(), 1e-6);
        double[] sorted = new double[codes.length];
        for (int i = 0; i < codes.length; i++) {
            sorted[i] = Math.hypot((double) codes[i][0] - z[0], (double) codes[i][1] - z[1]);
        }
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 7; i++) {
            assertEquals(sorted[i], found.get(i).get("distance").asDouble(), 1e-6);
            assertEquals(labels[found.get(i).get("id").asInt()], found.get(i).get("label").asText());
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(get("/image?id=17").body()));
        assertEquals(Pngs.toByte(rows[17][30]), image.getRaster().getSample(2, 1, 0));
    }

    @Test
    void badParametersGet400WithOneLine() throws Exception {
        for (String bad : List.of("/decode", "/decode?z=1", "/decode?z=1,2,3", "/decode?z=a,b", "/decode?z=1,NaN",
                "/decode?z=1,Infinity", "/decode?z=1,2&format=gif", "/decode?z=1,2&zz=3", "/decode?z=1,2&z=3,4",
                "/neighbours?z=1,2&k=0", "/neighbours?z=1,2&k=101", "/neighbours?z=1,2&k=x", "/image?id=300",
                "/image?id=-1", "/image", "/codes?x=1")) {
            HttpResponse<byte[]> response = get(bad);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertEquals(400, response.statusCode(), bad + ": " + body);
            assertEquals(1, body.lines().count(), bad + ": " + body);
            assertFalse(body.contains("Exception"), bad + ": " + body);
        }
        assertEquals(400, rawStatus("/decode?z=%zz", "127.0.0.1"));
        assertEquals(404, get("/etc/passwd").statusCode());
        assertEquals(404, get("/../pom.xml").statusCode());
    }

    @Test
    void thePageAndItsAssetsComeFromTheJar() throws Exception {
        HttpResponse<byte[]> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("explorer.js"));
        assertEquals(200, get("/explorer.js").statusCode());
        assertEquals(200, get("/explorer.css").statusCode());
        assertFalse(new String(get("/explorer.js").body(), StandardCharsets.UTF_8).contains("http"),
                "the page loads nothing from elsewhere");
    }

    @Test
    void onlyLoopbackListensAndOtherHostHeadersAreRefused() throws Exception {
        for (InetAddress address : ListeningSockets.on(explorer.port())) {
            assertTrue(address.isLoopbackAddress(), "listens on " + address);
        }
        assertEquals(403, rawStatus("/codes", "evil.example:" + explorer.port()));
        assertEquals(403, rawStatus("/codes", "127.0.0.1.evil.example"));
        assertEquals(200, rawStatus("/codes", "localhost:" + explorer.port()));
        assertEquals(200, rawStatus("/codes", "127.0.0.1:" + explorer.port()));
    }

    /** A request as sent, with a chosen Host header (java.net.http neither sends bad escapes nor lets callers set Host). */
    private static int rawStatus(String pathAndQuery, String host) throws IOException {
        try (Socket socket = new Socket(TrainingUi.HOST, explorer.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void aThreeDimensionalModelServesItsPrincipalPlane() throws Exception {
        Autoencoder small = Autoencoder.of(AutoencoderArchitecture.newAutoencoder(
                AutoencoderConfig.tutorial().withEncoderSizes(List.of(784, 16, 3))));
        float[][] few = pixels(50, 3);
        try (LatentExplorer three = LatentExplorer.start(small, ExplorerPoints.encode(small, few, null, 28, 28), 0)) {
            JsonNode codes = JSON.readTree(HTTP.send(HttpRequest.newBuilder(three.address().resolve("/codes")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body());
            assertEquals(3, codes.get("latentSize").asInt());
            assertEquals(3, codes.get("principalAxes").get(0).size());
            assertTrue(codes.get("labels").get(0).isNull());
            HttpResponse<byte[]> decoded = HTTP.send(HttpRequest.newBuilder(three.address().resolve("/decode?z=0,0.5,1")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, decoded.statusCode());
            assertEquals(400, HTTP.send(HttpRequest.newBuilder(three.address().resolve("/decode?z=0,0.5")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        }
    }
}
