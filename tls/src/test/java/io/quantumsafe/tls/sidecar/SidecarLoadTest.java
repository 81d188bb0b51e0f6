package io.quantumsafe.tls.sidecar;

import static io.quantumsafe.tls.sidecar.SidecarFixture.PASSWORD;
import static io.quantumsafe.tls.sidecar.SidecarFixture.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.sidecar.SidecarFixture.CollectingSink;
import io.quantumsafe.tls.sidecar.SidecarFixture.Upstream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volume and concurrency through a real sidecar: a gibibyte with checksums, 500 connections at once. */
class SidecarLoadTest {
    private static final long GIBIBYTE = 1L << 30;

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

    /** Upstream: reads an 8-byte length, then that many bytes, answers with their SHA-256. */
    private static Upstream digestUpstream() throws IOException {
        return new Upstream(socket -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            long remaining = in.readLong();
            MessageDigest sha = sha256();
            byte[] buffer = new byte[64 * 1024];
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) throw new IOException("stream ended " + remaining + " bytes early");
                sha.update(buffer, 0, n);
                remaining -= n;
            }
            socket.getOutputStream().write(sha.digest());
            socket.shutdownOutput();
        });
    }

    @Test
    void aGibibyteThroughTheProxy_arrivesWithTheSameChecksum() throws Exception {
        CollectingSink audit = new CollectingSink();
        try (Upstream upstream = digestUpstream();
             Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), PASSWORD, audit)) {
            PqTlsContext client = pki.client(null);
            MessageDigest sent = sha256();
            byte[] received;
            try (SSLSocket socket = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                client.handshake(socket, TIMEOUT);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeLong(GIBIBYTE);
                SplittableRandom random = new SplittableRandom(2026);
                byte[] chunk = new byte[256 * 1024];
                for (long written = 0; written < GIBIBYTE; written += chunk.length) {
                    for (int i = 0; i < chunk.length; i += 8) {
                        long value = random.nextLong();
                        for (int b = 0; b < 8; b++) chunk[i + b] = (byte) (value >>> (8 * b));
                    }
                    out.write(chunk);
                    sent.update(chunk);
                }
                out.flush();
                received = socket.getInputStream().readNBytes(32);
            }
            assertThat(received).isEqualTo(sent.digest());
            ObjectNode event = audit.next();
            assertThat(event.get("bytes_in").asLong()).isEqualTo(GIBIBYTE + 8);
            assertThat(event.get("bytes_out").asLong()).isEqualTo(32);
        }
    }

    @Test
    void fiveHundredConcurrentConnections_allSucceed() throws Exception {
        CollectingSink audit = new CollectingSink();
        int connections = 500;
        try (Upstream upstream = Upstream.echo()) {
            SidecarConfig config = SidecarTest.withMaxConnections(
                    pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), 1000);
            try (Sidecar sidecar = Sidecar.start(config, PASSWORD, audit);
                 ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                PqTlsContext client = pki.client(null);
                List<Callable<Boolean>> tasks = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    int id = c;
                    tasks.add(() -> {
                        byte[] payload = new byte[4096];
                        new SplittableRandom(id).nextBytes(payload);
                        try (SSLSocket socket = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                            client.handshake(socket, TIMEOUT);
                            OutputStream out = socket.getOutputStream();
                            InputStream in = socket.getInputStream();
                            out.write(payload);
                            return java.util.Arrays.equals(in.readNBytes(payload.length), payload);
                        }
                    });
                }
                int succeeded = 0;
                for (Future<Boolean> result : clients.invokeAll(tasks)) if (result.get()) succeeded++;
                assertThat(succeeded).isEqualTo(connections);
                int okEvents = 0;
                for (int i = 0; i < connections; i++) if (audit.next().get("status").asText().equals("OK")) okEvents++;
                assertThat(okEvents).isEqualTo(connections);
                assertThat(sidecar.metrics().activeConnections()).isZero();
                assertThat(sidecar.metrics().rejectedConnections()).isZero();
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
