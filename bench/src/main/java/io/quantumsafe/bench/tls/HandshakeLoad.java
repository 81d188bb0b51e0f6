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

    public record Case(String group, Algorithm certificate) {}

    public static final List<Case> CASES = List.of(new Case("x25519", Algorithm.ECDSA_P256),
            new Case("X25519MLKEM768", Algorithm.ECDSA_P256), new Case("x25519", Algorithm.ML_DSA_65),
            new Case("X25519MLKEM768", Algorithm.ML_DSA_65));

    public static List<Row> run(int sequential, Duration concurrentDuration, int clients) throws Exception {
        PqcEngine engine = PqcEngine.create();
        List<Row> rows = new ArrayList<>();
        for (Case c : CASES) rows.add(measure(engine, c, sequential, concurrentDuration, clients));
        return rows;
    }

    private static Row measure(PqcEngine engine, Case c, int sequential, Duration concurrentDuration, int clients) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(engine, engine.generateKeyPair(c.certificate()), "Bench CA",
                Duration.ofDays(1), Clock.systemUTC());
        KeyPair serverKeys = engine.generateKeyPair(c.certificate());
        var certificate = ca.issue(serverKeys.publicKey(), "localhost", List.of("localhost", "127.0.0.1"),
                Set.of(CertificateAuthority.Usage.SERVER), Duration.ofHours(1));
        TlsIdentity identity = new TlsIdentity(List.of(certificate, ca.certificate()), serverKeys.privateKey());
        boolean classical = c.group().equals("x25519");
        TlsPolicy policy = classical ? TlsPolicy.PQ_PREFERRED : TlsPolicy.PQ_REQUIRED;
        PqTlsContext server = PqTlsContext.forServer(identity, null, TlsSettings.defaults(ClientAuth.NONE).withPolicy(policy));
        PqTlsContext client = classical
                ? ClassicalClient.context(TlsTrust.of(List.of(ca.certificate())))
                : PqTlsContext.forClient(null, TlsTrust.of(List.of(ca.certificate())), TlsSettings.defaults(ClientAuth.NONE));
        try (SSLServerSocket listener = server.bind(new InetSocketAddress("127.0.0.1", 0), 1024)) {
            AtomicBoolean running = new AtomicBoolean(true);
            Thread acceptor = Thread.ofPlatform().daemon(true).start(() -> serve(server, listener, running));
            int port = listener.getLocalPort();
            for (int i = 0; i < Math.max(200, sequential / 5); i++) handshake(client, port, c.group()); // warm-up
            long[] nanos = new long[sequential];
            for (int i = 0; i < sequential; i++) nanos[i] = handshake(client, port, c.group());
            Arrays.sort(nanos);
            double perSecond = concurrent(client, port, c.group(), concurrentDuration, clients);
            running.set(false);
            listener.close();
            acceptor.join(5000);
            return new Row(c.group(), c.certificate().displayName(), sequential, nanos[sequential / 2] / 1e6,
                    nanos[(int) Math.ceil(sequential * 0.99) - 1] / 1e6, perSecond, clients);
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
