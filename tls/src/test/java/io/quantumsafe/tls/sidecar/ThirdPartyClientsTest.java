package io.quantumsafe.tls.sidecar;

import static io.quantumsafe.tls.sidecar.SidecarFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.NamedGroups;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.sidecar.SidecarFixture.CollectingSink;
import io.quantumsafe.tls.sidecar.SidecarFixture.Upstream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients we did not write: OpenSSL 3.0's s_client (classical groups only) and headless Chromium
 * (offers X25519MLKEM768), against a sidecar with an ECDSA P-256 certificate, as browsers need.
 * Both come from Debian (.ci/run installs them).
 */
class ThirdPartyClientsTest {
    @TempDir
    Path dir;

    private SidecarFixture pki;
    private Path cert;
    private Path key;

    @BeforeEach
    void pki() throws IOException {
        pki = new SidecarFixture(dir, Algorithm.ECDSA_P256);
        cert = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        pki.writeServerIdentity(Algorithm.ECDSA_P256, "localhost", cert, key);
    }

    record Run(int exitCode, String output) {}

    private static Run run(List<String> command, String input) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.getFirst() + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static String binary(String name) {
        Path path = Path.of("/usr/bin", name);
        if (!Files.isExecutable(path)) {
            throw new AssertionError(path + " is missing: install Debian's " + name + " (.ci/run does)");
        }
        return path.toString();
    }

    private List<String> sClient(int port) {
        return List.of(binary("openssl"), "s_client", "-connect", "127.0.0.1:" + port, "-tls1_3", "-brief", "-ign_eof",
                "-CAfile", pki.caFile.toString());
    }

    @Test
    void openSslSClient_isRefusedUnderPqRequired_andFlaggedUnderPqPreferred() throws Exception {
        CollectingSink audit = new CollectingSink();
        // Answers one line and closes, so that s_client (-ign_eof: it keeps reading after its stdin ends) finishes.
        try (Upstream upstream = new Upstream(socket -> {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            socket.getOutputStream().write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
        })) {
            try (Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), PASSWORD, audit)) {
                Run refused = run(sClient(sidecar.port()), "hello quantum\n");
                assertThat(refused.output()).doesNotContain("hello quantum");
                ObjectNode event = audit.next();
                assertThat(event.get("status").asText()).isEqualTo("REFUSED");
                assertThat(event.get("tls_group").asText()).isIn(NamedGroups.CLASSICAL);
            }
            try (Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_PREFERRED), PASSWORD, audit)) {
                Run accepted = run(sClient(sidecar.port()), "hello quantum\n");
                assertThat(accepted.output()).contains("Protocol version: TLSv1.3").contains("echo: hello quantum");
                ObjectNode event = audit.next();
                assertThat(event.get("status").asText()).isEqualTo("OK");
                assertThat(event.get("pq").asBoolean()).isFalse();
                assertThat(event.get("tls_group").asText()).isEqualTo(NamedGroups.X25519);
            }
        }
    }

    @Test
    void headlessChromium_fetchesAPageThroughTheSidecar_overX25519MlKem768() throws Exception {
        CollectingSink audit = new CollectingSink();
        HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        app.createContext("/", exchange -> {
            byte[] page = "<html><body><p id=\"answer\">settled over a post-quantum link</p></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (var out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        app.start();
        try (Sidecar sidecar = Sidecar.start(pki.config(app.getAddress().getPort(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED),
                PASSWORD, audit)) {
            List<String> command = new ArrayList<>(List.of(binary("chromium"), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--ignore-certificate-errors", "--user-data-dir=" + dir.resolve("chromium-profile"),
                    "--dump-dom", "https://localhost:" + sidecar.port() + "/"));
            Run chromium = run(command, "");
            assertThat(chromium.output()).contains("settled over a post-quantum link");
            ObjectNode event;
            do {
                event = audit.next();
            } while (event.get("bytes_out").asLong() == 0); // Chromium may open a preconnect it never uses
            assertThat(event.get("tls_group").asText()).isEqualTo(NamedGroups.X25519_MLKEM768);
            assertThat(event.get("pq").asBoolean()).isTrue();
        } finally {
            app.stop(0);
        }
    }

    @Test
    void clientHalfClose_deliversEveryByteAndTheEndOfStreamToTheUpstream_andTheUpstreamsAnswerStillReachesTheClient() throws Exception {
        CollectingSink audit = new CollectingSink();
        CompletableFuture<Integer> receivedBeforeEndOfStream = new CompletableFuture<>();
        byte[] answer = new byte[100_000]; // several TLS records
        new java.util.Random(7).nextBytes(answer);
        try (Upstream upstream = new Upstream(socket -> {
            // A protocol that marks the end of its request by half-closing: answer only after end of stream.
            receivedBeforeEndOfStream.complete(socket.getInputStream().readAllBytes().length);
            socket.getOutputStream().write(answer);
        }); Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_PREFERRED), PASSWORD, audit)) {
            // JDK 25's own TLS half-closes TLS 1.3 with close_notify (and a TCP FIN); pq-preferred lets it in.
            try (SSLSocket socket = jdkClient(sidecar.port())) {
                socket.getOutputStream().write(new byte[12345]);
                socket.shutdownOutput();
                assertThat(receivedBeforeEndOfStream.get(30, TimeUnit.SECONDS)).isEqualTo(12345);
                byte[] received = socket.getInputStream().readAllBytes();
                assertThat(received.length).as("the answer after the client's close_notify, then end of stream").isEqualTo(answer.length);
                assertThat(java.util.Arrays.mismatch(received, answer)).as("first byte that differs").isEqualTo(-1);
            }
            ObjectNode event = audit.next();
            assertThat(event.get("bytes_in").asLong()).isEqualTo(12345);
            assertThat(event.get("bytes_out").asLong()).isEqualTo(answer.length);
            assertThat(event.get("status").asText()).isEqualTo("OK");
            assertThat(event.has("close_reason")).as("no timeout or loss cut it: %s", event).isFalse();
        }
    }

    @Test
    void upstreamHalfClose_reachesTheClientAsCloseNotify_andTheClientCanStillSend() throws Exception {
        CollectingSink audit = new CollectingSink();
        CompletableFuture<Integer> receivedAfterItsEndOfStream = new CompletableFuture<>();
        byte[] greeting = "greeting, then end of stream from the server\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (Upstream upstream = new Upstream(socket -> {
            socket.getOutputStream().write(greeting);
            socket.shutdownOutput(); // done sending, still reading
            receivedAfterItsEndOfStream.complete(socket.getInputStream().readAllBytes().length);
        }); Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_PREFERRED), PASSWORD, audit)) {
            try (SSLSocket socket = jdkClient(sidecar.port())) {
                assertThat(socket.getInputStream().readAllBytes()).as("the greeting, then close_notify as end of stream").isEqualTo(greeting);
                socket.getOutputStream().write(new byte[54321]);
                socket.shutdownOutput();
                assertThat(receivedAfterItsEndOfStream.get(30, TimeUnit.SECONDS)).isEqualTo(54321);
            }
            ObjectNode event = audit.next();
            assertThat(event.get("bytes_in").asLong()).isEqualTo(54321);
            assertThat(event.get("bytes_out").asLong()).isEqualTo(greeting.length);
            assertThat(event.get("status").asText()).isEqualTo("OK");
            assertThat(event.has("close_reason")).as("no timeout or loss cut it: %s", event).isFalse();
        }
    }

    /** JDK 25's own TLS 1.3 client (classical key exchange, so the sidecar runs pq-preferred), trusting the test CA. */
    private SSLSocket jdkClient(int port) throws Exception {
        return io.quantumsafe.tls.JdkTlsClient.connect(pki.ca.certificate(), port);
    }
}
