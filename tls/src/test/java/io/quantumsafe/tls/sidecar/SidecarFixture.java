package io.quantumsafe.tls.sidecar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyFile;
import io.quantumsafe.crypto.keystore.KeyMetadata;
import io.quantumsafe.crypto.keystore.KeyPurpose;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsIdentity;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.TlsSettings;
import io.quantumsafe.tls.TlsTrust;
import io.quantumsafe.audit.client.AuditSink;
import io.quantumsafe.tls.ca.CertificateAuthority;
import io.quantumsafe.tls.ca.Certificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A CA, certificate and key files, an upstream server and helpers for sidecar tests. */
final class SidecarFixture {
    static final PqcEngine ENGINE = PqcEngine.create();
    static final char[] PASSWORD = "sidecar test password".toCharArray();
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final Path dir;
    final CertificateAuthority ca;
    final Path caFile;

    SidecarFixture(Path dir, Algorithm caAlgorithm) throws IOException {
        this.dir = dir;
        this.ca = CertificateAuthority.create(ENGINE, ENGINE.generateKeyPair(caAlgorithm), "Sidecar Test CA", Duration.ofDays(30), Clock.systemUTC());
        this.caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, Certificates.toPem(List.of(ca.certificate())));
    }

    /** Issues a server certificate from the fixture's CA and writes cert.pem + encrypted key; returns the certificate. */
    X509Certificate writeServerIdentity(Algorithm algorithm, String name, Path certFile, Path keyFile) throws IOException {
        return writeServerIdentity(ca, algorithm, name, certFile, keyFile);
    }

    static X509Certificate writeServerIdentity(CertificateAuthority issuer, Algorithm algorithm, String name, Path certFile,
                                               Path keyFile) throws IOException {
        KeyPair keys = ENGINE.generateKeyPair(algorithm);
        X509Certificate certificate = issuer.issue(keys.publicKey(), name, List.of(name, "localhost", "127.0.0.1"),
                Set.of(CertificateAuthority.Usage.SERVER), Duration.ofDays(1));
        Files.writeString(certFile, Certificates.toPem(List.of(certificate, issuer.certificate())));
        KeyMetadata metadata = new KeyMetadata(name, 1, algorithm, KeyPurpose.TLS, Instant.now(), null, keys.publicKey().fingerprint());
        Files.writeString(keyFile, KeyFile.encrypt(keys.privateKey(), metadata, PASSWORD, KdfParameters.FAST_FOR_TESTS, new SecureRandom()));
        return certificate;
    }

    TlsIdentity clientIdentity(Algorithm algorithm, String name) {
        KeyPair keys = ENGINE.generateKeyPair(algorithm);
        X509Certificate certificate = ca.issue(keys.publicKey(), name, List.of(name), Set.of(CertificateAuthority.Usage.CLIENT),
                Duration.ofDays(1));
        return new TlsIdentity(List.of(certificate, ca.certificate()), keys.privateKey());
    }

    PqTlsContext client(TlsIdentity identity) {
        return PqTlsContext.forClient(identity, TlsTrust.of(List.of(ca.certificate())), TlsSettings.defaults(ClientAuth.NONE));
    }

    SidecarConfig config(int upstreamPort, Path certFile, Path keyFile, ClientAuth clientAuth, TlsPolicy policy) {
        return new SidecarConfig(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", upstreamPort), certFile, keyFile,
                clientAuth == ClientAuth.NONE ? null : caFile, clientAuth, Set.of(), policy, List.of("TLSv1.3"),
                new InetSocketAddress("127.0.0.1", 0), "none", 64, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(60));
    }

    /** An audit sink keeping events in memory, for assertions. */
    static final class CollectingSink implements AuditSink {
        final BlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();

        @Override
        public boolean offer(ObjectNode event) {
            return events.offer(event);
        }

        @Override
        public long dropped() { return 0; }

        @Override
        public long delivered() { return events.size(); }

        @Override
        public void close() {}

        ObjectNode next() throws InterruptedException {
            ObjectNode event = events.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (event == null) throw new AssertionError("no audit event within " + TIMEOUT);
            return event;
        }
    }

    /** A plain TCP server running {@code handler} per connection on virtual threads. */
    static final class Upstream implements AutoCloseable {
        interface Handler {
            void handle(Socket socket) throws IOException;
        }

        final ServerSocket server;
        final AtomicLong connections = new AtomicLong();
        private final Thread acceptor;

        Upstream(Handler handler) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress("127.0.0.1", 0), 600);
            acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> {
                            try (socket) {
                                handler.handle(socket);
                            } catch (IOException e) {
                                // The test's client decides what it expected.
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() { return server.getLocalPort(); }

        static Upstream echo() throws IOException {
            return new Upstream(socket -> {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                in.transferTo(out);
                socket.shutdownOutput();
            });
        }

        @Override
        public void close() throws IOException {
            server.close();
            acceptor.interrupt();
        }
    }
}
