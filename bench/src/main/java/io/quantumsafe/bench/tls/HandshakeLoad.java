package io.quantumsafe.bench.tls;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.HandshakeInfo;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsIdentity;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;
import io.quantumsafe.tls.ca.CertificateAuthority;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Full TLS 1.3 handshakes, client and server in one process on loopback, for each key exchange and
 * certificate kind, in one run: latency of sequential handshakes (client's view, connect included)
 * and throughput with several clients at once. X25519 rows use pq-preferred with an X25519-only
 * client; X25519MLKEM768 rows use the production settings (pq-required, early key share).
 */
public final class HandshakeLoad {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    public record Row(String group, String certificate, int handshakes, double medianMillis, double p99Millis,
                      double handshakesPerSecond, int clients) {}

    public record Case(String group, Algorithm certificate) {
        /** A server and client for this case: a one-day bench CA, a localhost certificate, pq-required unless classical. */
        Contexts contexts(PqcEngine engine) {
            CertificateAuthority ca = CertificateAuthority.create(engine, engine.generateKeyPair(certificate), "Bench CA",
                    Duration.ofDays(1), Clock.systemUTC());
            KeyPair serverKeys = engine.generateKeyPair(certificate);
            var leaf = ca.issue(serverKeys.publicKey(), "localhost", List.of("localhost", "127.0.0.1"),
                    Set.of(CertificateAuthority.Usage.SERVER), Duration.ofHours(1));
            TlsIdentity identity = new TlsIdentity(List.of(leaf, ca.certificate()), serverKeys.privateKey());
            boolean classical = group.equals("x25519");
            TlsPolicy policy = classical ? TlsPolicy.PQ_PREFERRED : TlsPolicy.PQ_REQUIRED;
            PqTlsContext server = PqTlsContext.forServer(identity, null, TlsSettings.defaults(ClientAuth.NONE).withPolicy(policy));
            TlsTrust trust = TlsTrust.of(List.of(ca.certificate()));
            PqTlsContext client = classical ? ClassicalClient.context(trust) : PqTlsContext.forClient(null, trust, TlsSettings.defaults(ClientAuth.NONE));
            return new Contexts(server, client);
        }
    }

    record Contexts(PqTlsContext server, PqTlsContext client) {}

    public static final List<Case> CASES = List.of(new Case("x25519", Algorithm.ECDSA_P256),
            new Case("X25519MLKEM768", Algorithm.ECDSA_P256), new Case("x25519", Algorithm.ML_DSA_65),
            new Case("X25519MLKEM768", Algorithm.ML_DSA_65));

    /**
     * The sequential handshakes of all cases are interleaved (one of each in turn), so that the
     * load of a shared machine drifts over all cases alike and their ratio stays meaningful.
     */
    public static List<Row> run(int sequential, Duration concurrentDuration, int clients) throws Exception {
        PqcEngine engine = PqcEngine.create();
        List<Endpoint> endpoints = new ArrayList<>();
        try {
            for (Case c : CASES) endpoints.add(Endpoint.start(engine, c));
            int warmUp = Math.max(200, sequential / 5);
            for (int i = 0; i < warmUp; i++) for (Endpoint e : endpoints) e.handshake();
            long[][] nanos = new long[endpoints.size()][sequential];
            for (int i = 0; i < sequential; i++) {
                for (int k = 0; k < endpoints.size(); k++) nanos[k][i] = endpoints.get(k).handshake();
            }
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < endpoints.size(); k++) {
                Endpoint e = endpoints.get(k);
                Arrays.sort(nanos[k]);
                double perSecond = concurrent(e.client, e.port(), e.c.group(), concurrentDuration, clients);
                rows.add(new Row(e.c.group(), e.c.certificate().displayName(), sequential, nanos[k][sequential / 2] / 1e6,
                        nanos[k][(int) Math.ceil(sequential * 0.99) - 1] / 1e6, perSecond, clients));
            }
            return rows;
        } finally {
            for (Endpoint e : endpoints) e.close();
        }
    }

    /** A server for one case, on its own port, and the client that goes with it. */
    private record Endpoint(Case c, PqTlsContext client, SSLServerSocket listener, AtomicBoolean running, Thread acceptor)
            implements AutoCloseable {
        static Endpoint start(PqcEngine engine, Case c) throws IOException {
            Contexts contexts = c.contexts(engine);
            PqTlsContext server = contexts.server(), client = contexts.client();
            SSLServerSocket listener = server.bind(new InetSocketAddress("127.0.0.1", 0), 1024);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread acceptor = Thread.ofPlatform().daemon(true).start(() -> serve(server, listener, running));
            return new Endpoint(c, client, listener, running, acceptor);
        }

        int port() {
            return listener.getLocalPort();
        }

        long handshake() throws IOException {
            return HandshakeLoad.handshake(client, port(), c.group());
        }

        @Override
        public void close() throws IOException {
            running.set(false);
            listener.close();
            try {
                acceptor.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void serve(PqTlsContext server, SSLServerSocket listener, AtomicBoolean running) {
        while (running.get()) {
            try {
                SSLSocket socket = server.configureAccepted(listener.accept());
                Thread.ofVirtual().start(() -> {
                    try (socket) {
                        server.handshake(socket, TIMEOUT);
                        socket.getOutputStream().write(1);
                        socket.getOutputStream().flush();
                    } catch (IOException e) {
                        // The client side reports failures.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One full handshake, connect included, as the client sees it, checked against the expected group. */
    private static long handshake(PqTlsContext client, int port, String expectedGroup) throws IOException {
        long start = System.nanoTime();
        try (SSLSocket socket = client.connect("127.0.0.1", port, TIMEOUT)) {
            HandshakeInfo info = client.handshake(socket, TIMEOUT);
            if (socket.getInputStream().read() != 1) throw new IOException("server did not answer");
            long elapsed = System.nanoTime() - start;
            if (!info.namedGroup().equals(expectedGroup)) {
                throw new IllegalStateException("expected " + expectedGroup + ", the handshake agreed " + info.namedGroup());
            }
            return elapsed;
        }
    }

    private static double concurrent(PqTlsContext client, int port, String group, Duration duration, int clients) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean failed = new AtomicBoolean();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end && !failed.get()) {
                    try {
                        handshake(client, port, group);
                        done.increment();
                    } catch (IOException | RuntimeException e) {
                        failed.set(true);
                    }
                }
            }));
        }
        for (Thread thread : threads) thread.join();
        if (failed.get()) throw new IllegalStateException("a handshake failed during the concurrent run");
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }
}
