package io.quantumsafe.tls.sidecar;

import static io.quantumsafe.tls.sidecar.SidecarFixture.PASSWORD;
import static io.quantumsafe.tls.sidecar.SidecarFixture.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.NamedGroups;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.sidecar.SidecarFixture.CollectingSink;
import io.quantumsafe.tls.sidecar.SidecarFixture.Upstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidecarTest {
    @TempDir
    Path dir;

    private SidecarFixture pki;
    private Path cert;
    private Path key;

    @BeforeEach
    void pki() throws IOException {
        pki = new SidecarFixture(dir, Algorithm.ML_DSA_65);
        cert = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        pki.writeServerIdentity(Algorithm.ML_DSA_65, "sidecar", cert, key);
    }

    /** Sends the payload and reads as many bytes back (the echo upstream answers byte for byte). */
    private static byte[] roundTrip(PqTlsContext client, int port, byte[] payload) throws IOException {
        try (SSLSocket socket = client.connect("127.0.0.1", port, TIMEOUT)) {
            client.handshake(socket, TIMEOUT);
            socket.getOutputStream().write(payload);
            return socket.getInputStream().readNBytes(payload.length);
        }
    }

    @Test
    void bytesPassThroughUnchanged_andEachConnectionIsAuditedWithItsGroup() throws Exception {
        CollectingSink audit = new CollectingSink();
        try (Upstream upstream = Upstream.echo();
             Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), PASSWORD, audit)) {
            byte[] payload = "GET / HTTP/1.1\r\nHost: app\r\n\r\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
            assertThat(roundTrip(pki.client(null), sidecar.port(), payload)).isEqualTo(payload);
            ObjectNode event = audit.next();
            assertThat(event.get("component").asText()).isEqualTo("pqc-sidecar");
            assertThat(event.get("operation").asText()).isEqualTo("handshake");
            assertThat(event.get("tls_group").asText()).isEqualTo(NamedGroups.X25519_MLKEM768);
            assertThat(event.get("pq").asBoolean()).isTrue();
            assertThat(event.get("status").asText()).isEqualTo("OK");
            assertThat(event.get("protocol").asText()).isEqualTo("TLSv1.3");
            assertThat(event.get("bytes_in").asLong()).isEqualTo(payload.length);
            assertThat(event.get("bytes_out").asLong()).isEqualTo(payload.length);
            assertThat(event.get("duration_ms").asDouble()).isPositive();
        }
    }

    @Test
    void mutualTls_recordsThePeerCertificate() throws Exception {
        CollectingSink audit = new CollectingSink();
        try (Upstream upstream = Upstream.echo();
             Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.REQUIRED, TlsPolicy.PQ_REQUIRED), PASSWORD, audit)) {
            PqTlsContext client = pki.client(pki.clientIdentity(Algorithm.ML_DSA_65, "payments-api"));
            assertThat(roundTrip(client, sidecar.port(), new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
            ObjectNode event = audit.next();
            assertThat(event.get("client_id").asText()).isEqualTo("payments-api");
            assertThat(event.get("peer").asText()).contains("CN=payments-api");
        }
    }

    @Test
    void upstreamDown_closesTheClient_andIsAuditedAsFailed() throws Exception {
        CollectingSink audit = new CollectingSink();
        Upstream gone = Upstream.echo();
        int deadPort = gone.port();
        gone.close();
        try (Sidecar sidecar = Sidecar.start(pki.config(deadPort, cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), PASSWORD, audit)) {
            PqTlsContext client = pki.client(null);
            try (SSLSocket socket = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                client.handshake(socket, TIMEOUT);
                assertThat(readOrEnd(socket.getInputStream())).isEqualTo(-1);
            }
            ObjectNode event = audit.next();
            assertThat(event.get("status").asText()).isEqualTo("FAILED");
            assertThat(event.get("error").asText()).contains("unreachable");
            assertThat(sidecar.metrics().scrape()).contains("qsafe_sidecar_upstream_errors_total 1.0");
        }
    }

    @Test
    void slowUpstream_isWaitedFor_butASilentOneIsCutAtTheIdleTimeout() throws Exception {
        CollectingSink audit = new CollectingSink();
        // Answers after 300 ms: well within the idle timeout.
        try (Upstream slow = new Upstream(socket -> {
            socket.getInputStream().read();
            sleep(300);
            socket.getOutputStream().write("late answer".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
        }); Upstream silent = new Upstream(socket -> socket.getInputStream().readAllBytes())) {
            SidecarConfig slowConfig = withIdleTimeout(pki.config(slow.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), Duration.ofSeconds(5));
            try (Sidecar sidecar = Sidecar.start(slowConfig, PASSWORD, audit)) {
                PqTlsContext client = pki.client(null);
                try (SSLSocket socket = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                    client.handshake(socket, TIMEOUT);
                    socket.getOutputStream().write(1);
                    // The upstream's end of stream reaches the client as close_notify after its answer.
                    assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("late answer");
                }
                assertThat(audit.next().get("status").asText()).isEqualTo("OK");
            }
            SidecarConfig silentConfig = withIdleTimeout(pki.config(silent.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), Duration.ofMillis(400));
            try (Sidecar sidecar = Sidecar.start(silentConfig, PASSWORD, audit)) {
                PqTlsContext client = pki.client(null);
                try (SSLSocket socket = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                    client.handshake(socket, TIMEOUT);
                    socket.getOutputStream().write(1);
                    assertThat(readOrEnd(socket.getInputStream())).isEqualTo(-1);
                }
                assertThat(audit.next().get("close_reason").asText()).isEqualTo("idle timeout");
            }
        }
    }

    @Test
    void slowLorisClient_isCutAtTheHandshakeDeadline_evenWhileTricklingBytes() throws Exception {
        CollectingSink audit = new CollectingSink();
        try (Upstream upstream = Upstream.echo()) {
            SidecarConfig config = withHandshakeTimeout(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED),
                    Duration.ofMillis(500));
            try (Sidecar sidecar = Sidecar.start(config, PASSWORD, audit); Socket loris = new Socket("127.0.0.1", sidecar.port())) {
                loris.setSoTimeout((int) TIMEOUT.toMillis());
                OutputStream out = loris.getOutputStream();
                // A TLS record header, one byte at a time, far slower than any real client.
                int ended = 0;
                for (byte b : new byte[] {0x16, 0x03, 0x01, 0x02, 0x00}) {
                    try {
                        out.write(b);
                        out.flush();
                    } catch (IOException closed) {
                        ended = -1;
                        break;
                    }
                    sleep(200);
                }
                if (ended == 0) ended = readOrEnd(loris.getInputStream());
                assertThat(ended).isEqualTo(-1);
                ObjectNode event = audit.next();
                assertThat(event.get("status").asText()).isEqualTo("FAILED");
                assertThat(event.get("error").asText()).contains("handshake timeout");
                assertThat(upstream.connections.get()).isZero();
            }
        }
    }

    @Test
    void overCapacity_connectionsAreClosedAtOnce_andCounted() throws Exception {
        CollectingSink audit = new CollectingSink();
        try (Upstream upstream = Upstream.echo()) {
            SidecarConfig config = withMaxConnections(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), 2);
            try (Sidecar sidecar = Sidecar.start(config, PASSWORD, audit)) {
                PqTlsContext client = pki.client(null);
                SSLSocket first = client.connect("127.0.0.1", sidecar.port(), TIMEOUT);
                SSLSocket second = client.connect("127.0.0.1", sidecar.port(), TIMEOUT);
                client.handshake(first, TIMEOUT);
                client.handshake(second, TIMEOUT);
                try (Socket third = new Socket("127.0.0.1", sidecar.port())) {
                    third.setSoTimeout((int) TIMEOUT.toMillis());
                    assertThat(readOrEnd(third.getInputStream())).isEqualTo(-1);
                }
                ObjectNode rejected = audit.next();
                assertThat(rejected.get("error").asText()).contains("at capacity");
                assertThat(sidecar.metrics().rejectedConnections()).isEqualTo(1);
                first.close();
                second.close();
            }
        }
    }

    @Test
    void statusListener_servesHealthAndMetrics() throws Exception {
        try (Upstream upstream = Upstream.echo();
             Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), PASSWORD, new CollectingSink())) {
            roundTrip(pki.client(null), sidecar.port(), new byte[] {9});
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.statusPort() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"up\"").contains("pq-required");
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.statusPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("qsafe_sidecar_handshakes_total{group=\"X25519MLKEM768\",outcome=\"ok\"}")
                    .contains("qsafe_sidecar_handshake_seconds_bucket").contains("qsafe_sidecar_connections_active")
                    .contains("qsafe_sidecar_bytes_total{direction=\"to_upstream\"}");
        }
    }

    static int readOrEnd(InputStream in) {
        try {
            return in.read();
        } catch (IOException closedByPeer) {
            return -1;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static SidecarConfig withIdleTimeout(SidecarConfig c, Duration idle) {
        return new SidecarConfig(c.listen(), c.upstream(), c.certificate(), c.key(), c.caCertificates(), c.clientAuth(), c.allowedPeers(),
                c.policy(), c.protocols(), c.status(), c.audit(), c.maxConnections(), c.handshakeTimeout(), c.connectTimeout(), idle,
                c.closeTimeout(), c.maxLifetime(), c.reloadInterval());
    }

    static SidecarConfig withHandshakeTimeout(SidecarConfig c, Duration handshake) {
        return new SidecarConfig(c.listen(), c.upstream(), c.certificate(), c.key(), c.caCertificates(), c.clientAuth(), c.allowedPeers(),
                c.policy(), c.protocols(), c.status(), c.audit(), c.maxConnections(), handshake, c.connectTimeout(), c.idleTimeout(),
                c.closeTimeout(), c.maxLifetime(), c.reloadInterval());
    }

    static SidecarConfig withMaxConnections(SidecarConfig c, int max) {
        return new SidecarConfig(c.listen(), c.upstream(), c.certificate(), c.key(), c.caCertificates(), c.clientAuth(), c.allowedPeers(),
                c.policy(), c.protocols(), c.status(), c.audit(), max, c.handshakeTimeout(), c.connectTimeout(), c.idleTimeout(),
                c.closeTimeout(), c.maxLifetime(), c.reloadInterval());
    }
}
