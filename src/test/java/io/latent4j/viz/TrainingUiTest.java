package io.latent4j.viz;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingUiTest {

    static HttpResponse<String> get(java.net.URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheOverviewPageOnTheLoopbackAddressOnly() throws Exception {
        try (TrainingUi ui = TrainingUi.start(0)) {
            int port = ui.port();
            assertEquals("http://127.0.0.1:" + port + "/train/overview", ui.overviewUrl().toString());
            HttpResponse<String> page = get(ui.overviewUrl());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("id=\"scoreiterchart\""), "no score chart on the overview page");

            List<InetAddress> listening = ListeningSockets.on(port);
            assertFalse(listening.isEmpty(), "nothing listens on " + port);
            assertTrue(listening.stream().allMatch(InetAddress::isLoopbackAddress), "listening on " + listening);
            for (InetAddress other : NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses).filter(a -> !a.isLoopbackAddress()).toList()) {
                try (Socket socket = new Socket()) {
                    assertThrows(ConnectException.class, () -> socket.connect(new InetSocketAddress(other, port), 2000),
                            "reachable on " + other);
                }
            }
        }
    }

    @Test
    void aTakenPortIsAClearErrorAndTheNextStartWorks() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(TrainingUi.HOST))) {
            IOException e = assertThrows(IOException.class, () -> TrainingUi.start(taken.getLocalPort()));
            assertEquals("cannot serve the training UI on 127.0.0.1:" + taken.getLocalPort()
                    + ": Address already in use; choose another port with --ui-port", e.getMessage());
        }
        try (TrainingUi ui = TrainingUi.start(0)) {
            assertEquals(200, get(ui.overviewUrl()).statusCode());
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> TrainingUi.start(0));
            assertTrue(twice.getMessage().startsWith("a training UI is already running in this process"), twice.getMessage());
        }
    }

    /** The status of a plain HTTP/1.1 GET with the given Host header (null: none), read off the socket. */
    private static int status(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket(TrainingUi.HOST, port)) {
            socket.setSoTimeout(20_000);
            String request = "GET " + path + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void onlyLoopbackHostsAreAnsweredAndOnlyDl4jsLanguagesSet() throws Exception {
        try (TrainingUi ui = TrainingUi.start(0)) {
            int port = ui.port();
            String overview = "/train/overview";
            for (String host : List.of("localhost", "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST")) {
                assertEquals(200, status(port, overview, host), host);
            }
            for (String host : List.of("attacker.example", "attacker.example:" + port, "localhost.attacker.example",
                    "127.0.0.1.nip.io:" + port, "10.0.0.1", "localhost:x", "[::2]:" + port, "")) {
                assertEquals(403, status(port, overview, host), host);
            }
            assertEquals(403, status(port, overview, null), "no Host header");

            String local = "127.0.0.1:" + port;
            assertEquals(404, status(port, "/setlang/zz", local));
            assertEquals(404, status(port, "/setlang/session/zz", local));
            assertEquals(404, status(port, "/setlang/..%2F..", local));
            assertEquals(200, status(port, overview, local), "a refused language breaks no page");
            assertEquals(200, status(port, "/setlang/de", local));
            assertEquals(200, status(port, overview, local));
            assertEquals(200, status(port, "/setlang/en", local));
            for (String language : LoopbackUiServer.LANGUAGES) {
                assertFalse(org.deeplearning4j.ui.i18n.DefaultI18N.getInstance().getMessages(language).isEmpty(),
                        "DL4J's UI has " + language);
            }
            assertEquals(200, get(ui.overviewUrl()).statusCode(), "a browser's request still works");
        }
    }
}
