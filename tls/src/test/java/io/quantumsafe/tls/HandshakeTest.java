package io.quantumsafe.tls;

import static io.quantumsafe.tls.ca.CertificateAuthority.Usage.CLIENT;
import static io.quantumsafe.tls.ca.CertificateAuthority.Usage.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.crypto.Algorithm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real TLS 1.3 handshakes over loopback sockets, with the agreed group read from the session. */
class HandshakeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Accepts one connection on the server context and returns what its handshake agreed (or threw). */
    private CompletableFuture<HandshakeInfo> serveOnce(PqTlsContext server, SSLServerSocket listener) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = server.configureAccepted(listener.accept())) {
                HandshakeInfo info = server.handshake(socket, TIMEOUT);
                socket.getOutputStream().write(42);
                socket.getOutputStream().flush();
                return info;
            } catch (IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, threads);
    }

    private static SSLServerSocket listen(PqTlsContext server) throws IOException {
        return server.bind(new InetSocketAddress("127.0.0.1", 0), 50);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"ML_DSA_65", "ML_DSA_87", "ECDSA_P256"})
    void mutualTls_agreesX25519MlKem768_withCertificatesOfEachKind(Algorithm algorithm) throws Exception {
        TestPki pki = new TestPki(algorithm == Algorithm.ECDSA_P256 ? Algorithm.ECDSA_P256 : Algorithm.ML_DSA_65, "Test CA");
        PqTlsContext server = PqTlsContext.forServer(pki.identity(algorithm, "server", SERVER), pki.trust(),
                TlsSettings.defaults(ClientAuth.REQUIRED));
        PqTlsContext client = PqTlsContext.forClient(pki.identity(algorithm, "client", CLIENT), pki.trust(),
                TlsSettings.defaults(ClientAuth.NONE));
        try (SSLServerSocket listener = listen(server)) {
            CompletableFuture<HandshakeInfo> serverSide = serveOnce(server, listener);
            try (SSLSocket socket = client.connect("127.0.0.1", listener.getLocalPort(), TIMEOUT)) {
                HandshakeInfo clientSide = client.handshake(socket, TIMEOUT);
                assertThat(socket.getInputStream().read()).isEqualTo(42);
                assertThat(clientSide.namedGroup()).isEqualTo(NamedGroups.X25519_MLKEM768);
                assertThat(clientSide.postQuantum()).isTrue();
                assertThat(clientSide.protocol()).isEqualTo("TLSv1.3");
                assertThat(clientSide.peerNames()).contains("server");
            }
            HandshakeInfo info = serverSide.get(30, TimeUnit.SECONDS);
            assertThat(info.namedGroup()).isEqualTo(NamedGroups.X25519_MLKEM768);
            assertThat(info.peerNames()).contains("client");
            assertThat(info.peerSubject()).contains("CN=client");
        }
    }

    @Test
    void clientWithACertificateFromAnotherCa_isRefused() throws Exception {
        TestPki ours = new TestPki(Algorithm.ML_DSA_65, "Our CA");
        TestPki theirs = new TestPki(Algorithm.ML_DSA_65, "Their CA");
        PqTlsContext server = PqTlsContext.forServer(ours.identity(Algorithm.ML_DSA_65, "server", SERVER), ours.trust(),
                TlsSettings.defaults(ClientAuth.REQUIRED));
        PqTlsContext intruder = PqTlsContext.forClient(theirs.identity(Algorithm.ML_DSA_65, "intruder", CLIENT), ours.trust(),
                TlsSettings.defaults(ClientAuth.NONE));
        try (SSLServerSocket listener = listen(server)) {
            CompletableFuture<HandshakeInfo> serverSide = serveOnce(server, listener);
            assertThatThrownBy(() -> {
                try (SSLSocket socket = intruder.connect("127.0.0.1", listener.getLocalPort(), TIMEOUT)) {
                    intruder.handshake(socket, TIMEOUT);
                    socket.getInputStream().read(); // TLS 1.3: the client learns of the refusal on its first read
                }
            }).isInstanceOf(IOException.class);
            // The server's CertificateRequest names only our CA, so the intruder has nothing acceptable to send.
            assertThatThrownBy(() -> serverSide.get(30, TimeUnit.SECONDS)).rootCause()
                    .isInstanceOf(IOException.class).hasMessageContaining("certificate_required");
        }
    }

    @Test
    void clientNotOnTheAllowList_isRefused_evenWithAValidCertificate() throws Exception {
        TestPki pki = new TestPki(Algorithm.ML_DSA_65, "Test CA");
        TlsTrust allowList = new TlsTrust(pki.trust().anchors(), Set.of("validator-1"));
        PqTlsContext server = PqTlsContext.forServer(pki.identity(Algorithm.ML_DSA_65, "server", SERVER), allowList,
                TlsSettings.defaults(ClientAuth.REQUIRED));
        PqTlsContext stranger = PqTlsContext.forClient(pki.identity(Algorithm.ML_DSA_65, "validator-9", CLIENT), pki.trust(),
                TlsSettings.defaults(ClientAuth.NONE));
        PqTlsContext allowed = PqTlsContext.forClient(pki.identity(Algorithm.ML_DSA_65, "validator-1", CLIENT), pki.trust(),
                TlsSettings.defaults(ClientAuth.NONE));
        try (SSLServerSocket listener = listen(server)) {
            CompletableFuture<HandshakeInfo> refused = serveOnce(server, listener);
            try (SSLSocket socket = stranger.connect("127.0.0.1", listener.getLocalPort(), TIMEOUT)) {
                assertThatThrownBy(() -> {
                    stranger.handshake(socket, TIMEOUT);
                    socket.getInputStream().read();
                }).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).rootCause().hasMessageContaining("not on the allow-list");
            CompletableFuture<HandshakeInfo> accepted = serveOnce(server, listener);
            try (SSLSocket socket = allowed.connect("127.0.0.1", listener.getLocalPort(), TIMEOUT)) {
                allowed.handshake(socket, TIMEOUT);
                assertThat(socket.getInputStream().read()).isEqualTo(42);
            }
            assertThat(accepted.get(30, TimeUnit.SECONDS).peerNames()).contains("validator-1");
        }
    }
}
