package io.latent4j.viz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.latent4j.Autoencoder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * A page on {@value TrainingUi#HOST} where a person moves through the latent space: the codes of
 * real rows as a scatter, the decoder's image at the pointer, the nearest real rows, pinned points
 * and the line between them. Its JSON and PNG endpoints serve scripts too:
 * <ul>
 *   <li>{@code GET /codes}: ids, labels and codes of the rows, with their mean and principal axes;</li>
 *   <li>{@code GET /decode?z=x,y[,...]}: the decoded image as a PNG ({@code &format=json}: the values);</li>
 *   <li>{@code GET /neighbours?z=x,y[,...]&k=5}: the k rows whose codes are nearest to z;</li>
 *   <li>{@code GET /image?id=N}: row N as a PNG.</li>
 * </ul>
 * Requests whose {@code Host} header names anything but a loopback address are refused (a page
 * elsewhere cannot reach the server through DNS rebinding); bad parameters get 400 with one line.
 */
public final class LatentExplorer implements AutoCloseable {
    /** The page, its script and its style, served from the jar. */
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html", "/index.html", "index.html",
            "/explorer.js", "explorer.js", "/explorer.css", "explorer.css");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
    private static final int MAX_NEIGHBOURS = 100;
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Autoencoder ae;
    private final ExplorerPoints points;
    private final byte[] codesJson;
    private final HttpServer server;
    private final ExecutorService executor;

    private LatentExplorer(Autoencoder ae, ExplorerPoints points, HttpServer server, ExecutorService executor)
            throws IOException {
        this.ae = ae;
        this.points = points;
        this.server = server;
        this.executor = executor;
        this.codesJson = JSON.writeValueAsBytes(codes(ae, points));
    }

    /**
     * Serves {@code points} of {@code ae} on {@value TrainingUi#HOST}:{@code port} (0 picks a free
     * port) until {@link #close()}.
     */
    public static LatentExplorer start(Autoencoder ae, ExplorerPoints points, int port) throws IOException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        // Each response goes out as headers then body: without TCP_NODELAY, Nagle's algorithm and the
        // browser's delayed ACK hold the body back ~40 ms. The JDK server reads this once, at its first use.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(TrainingUi.HOST, port), 0);
        } catch (BindException e) {
            throw new IOException("cannot serve the explorer on " + TrainingUi.HOST + ":" + port + " (" + e.getMessage()
                    + "); choose another port", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2);
        LatentExplorer explorer = new LatentExplorer(ae, points, server, executor);
        server.createContext("/", explorer::handle);
        server.setExecutor(executor);
        server.start();
        return explorer;
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address. */
    public URI address() {
        return URI.create("http://" + TrainingUi.HOST + ":" + port() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!LoopbackHosts.allowed(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain; charset=utf-8", line("the Host header must name a loopback address "
                        + "(127.0.0.1, localhost or [::1]); open the address the explorer printed"));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", line("only GET is served"));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            try {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                switch (path) {
                    case "/codes" -> {
                        allowOnly(query, Set.of());
                        send(exchange, 200, "application/json", codesJson);
                    }
                    case "/decode" -> decode(exchange, query);
                    case "/neighbours" -> neighbours(exchange, query);
                    case "/image" -> image(exchange, query);
                    default -> asset(exchange, path, query);
                }
            } catch (BadRequest e) {
                send(exchange, 400, "text/plain; charset=utf-8", line(e.getMessage()));
            }
        }
    }

    private void decode(HttpExchange exchange, Map<String, String> query) throws IOException {
        allowOnly(query, Set.of("z", "format"));
        float[] z = latent(query);
        String format = query.getOrDefault("format", "png");
        float[] values = ae.decode(new float[][] {z})[0];
        if (format.equals("json")) {
            send(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of("z", z, "values", values)));
        } else if (format.equals("png")) {
            requireImages();
            send(exchange, 200, "image/png", png(values));
        } else {
            throw new BadRequest("format must be png or json, not '" + format + "'");
        }
    }

    private void neighbours(HttpExchange exchange, Map<String, String> query) throws IOException {
        allowOnly(query, Set.of("z", "k"));
        float[] z = latent(query);
        int k = query.containsKey("k") ? integer(query, "k", 1, MAX_NEIGHBOURS) : 5;
        double[] distances = new double[points.size()];
        for (int i = 0; i < distances.length; i++) {
            distances[i] = distance(points.code(i), z);
        }
        List<Map<String, Object>> nearest = new ArrayList<>();
        IntStream.range(0, distances.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> distances[i]).thenComparingInt(i -> i))
                .limit(k)
                .forEach(i -> {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("id", i);
                    n.put("label", points.label(i));
                    n.put("distance", distances[i]);
                    n.put("code", points.code(i));
                    nearest.add(n);
                });
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of("z", z, "neighbours", nearest)));
    }

    private void image(HttpExchange exchange, Map<String, String> query) throws IOException {
        allowOnly(query, Set.of("id"));
        requireImages();
        send(exchange, 200, "image/png", png(points.row(integer(query, "id", 0, points.size() - 1))));
    }

    private void asset(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        String name = ASSETS.get(path);
        if (name == null) {
            send(exchange, 404, "text/plain; charset=utf-8", line("no such page: " + path
                    + "; the explorer serves /, /codes, /decode, /neighbours and /image"));
            return;
        }
        allowOnly(query, Set.of());
        try (InputStream in = LatentExplorer.class.getResourceAsStream("explorer/" + name)) {
            if (in == null) {
                throw new IOException("the jar lacks the explorer's " + name);
            }
            send(exchange, 200, CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
        }
    }

    private void requireImages() {
        if (!points.images()) {
            throw new BadRequest("the model's rows are not images; ask for format=json");
        }
    }

    /** The {@code z} parameter: as many finite numbers as the latent space has dimensions. */
    private float[] latent(Map<String, String> query) {
        String value = query.get("z");
        int k = ae.latentSize();
        String expected = "z must be " + k + " comma-separated numbers, like " + String.join(",",
                java.util.Collections.nCopies(k, "0.5"));
        if (value == null) {
            throw new BadRequest(expected);
        }
        String[] parts = value.split(",", -1);
        if (parts.length != k) {
            throw new BadRequest(expected + " (got " + parts.length + ")");
        }
        float[] z = new float[k];
        for (int i = 0; i < k; i++) {
            try {
                z[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadRequest(expected + " ('" + parts[i] + "' is not a number)");
            }
            if (!Float.isFinite(z[i])) {
                throw new BadRequest(expected + " ('" + parts[i] + "' is not finite)");
            }
        }
        return z;
    }

    private static int integer(Map<String, String> query, String name, int min, int max) {
        String value = query.get(name);
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        throw new BadRequest(name + " must be a whole number in " + min + ".." + max + (value == null ? "" : ", not '"
                + value + "'"));
    }

    private static void allowOnly(Map<String, String> query, Set<String> names) {
        for (String name : query.keySet()) {
            if (!names.contains(name)) {
                throw new BadRequest("unknown parameter '" + name + "'" + (names.isEmpty() ? "" : "; this endpoint takes "
                        + String.join(", ", names.stream().sorted().toList())));
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("the query is not URL-encoded correctly");
            }
            if (query.put(name, value) != null) {
                throw new BadRequest("parameter '" + name + "' is given twice");
            }
        }
        return query;
    }

    private static double distance(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private byte[] png(float[] values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(Pngs.grey(values, points.imageWidth(), points.imageHeight()), "png", out);
        return out.toByteArray();
    }

    /** What {@code /codes} returns: built once, since the rows do not change while serving. */
    private static Map<String, Object> codes(Autoencoder ae, ExplorerPoints points) {
        int n = points.size();
        int k = ae.latentSize();
        double[] mean = new double[k];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < k; d++) {
                mean[d] += points.code(i)[d] / (double) n;
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("latentSize", k);
        json.put("inputSize", ae.inputSize());
        json.put("imageWidth", points.imageWidth());
        json.put("imageHeight", points.imageHeight());
        json.put("classNames", points.classNames());
        json.put("ids", IntStream.range(0, n).toArray());
        json.put("labels", IntStream.range(0, n).mapToObj(points::label).toList());
        json.put("codes", IntStream.range(0, n).mapToObj(points::code).toList());
        json.put("mean", mean);
        json.put("principalAxes", principalAxes(points, mean));
        return json;
    }

    /**
     * The two directions along which the codes vary most (unit vectors, largest first), so the
     * page can show a plane of a latent space with more than two dimensions.
     */
    private static double[][] principalAxes(ExplorerPoints points, double[] mean) {
        int k = mean.length;
        if (k < 2) {
            return new double[0][];
        }
        double[][] cov = new double[k][k];
        for (int i = 0; i < points.size(); i++) {
            float[] c = points.code(i);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    cov[a][b] += (c[a] - mean[a]) * (c[b] - mean[b]) / points.size();
                }
            }
        }
        INDArray vectors = Nd4j.create(cov).castTo(DataType.DOUBLE).dup('f');
        Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        // Eigenvalues come in ascending order: the last two columns are the top components.
        double[][] axes = new double[2][];
        for (int j = 0; j < 2; j++) {
            axes[j] = vectors.getColumn(k - 1 - j).toDoubleVector();
        }
        return axes;
    }

    private static byte[] line(String message) {
        return (message + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A request the explorer cannot answer as asked: 400 with this message. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }
}
