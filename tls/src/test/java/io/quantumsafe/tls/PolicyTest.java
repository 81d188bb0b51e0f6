package io.quantumsafe.tls;

import static io.quantumsafe.tls.ca.CertificateAuthority.Usage.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.crypto.Algorithm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * pq-required refuses classical key exchange; pq-preferred accepts it and says so. The classical
 * client is JDK 25's own TLS (SunJSSE), which has no hybrid groups: a real client of the kind the
 * policy is about.
 */
class PolicyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private static SSLSocket jdkClassicalClient(TestPki pki, int port, String... groups) throws Exception {
        return JdkTlsClient.connect(pki.ca.certificate(), port, groups);
    }

    private CompletableFuture<HandshakeInfo> serveOnce(PqTlsContext server, SSLServerSocket listener) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = server.configureAccepted(listener.accept())) {
                HandshakeInfo info = server.handshake(socket, TIMEOUT);
                socket.getOutputStream().write(7);
                socket.getOutputStream().flush();
                return info;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, threads);
    }

    @Test
    void classicalClient_isRefusedUnderPqRequired_andTheRefusalNamesItsGroup() throws Exception {
        TestPki pki = new TestPki(Algorithm.ECDSA_P256, "ECDSA CA");
        PqTlsContext server = PqTlsContext.forServer(pki.identity(Algorithm.ECDSA_P256, "web", SERVER), null,
                TlsSettings.defaults(ClientAuth.NONE));
        try (SSLServerSocket listener = server.bind(new InetSocketAddress("127.0.0.1", 0), 10)) {
            CompletableFuture<HandshakeInfo> serverSide = serveOnce(server, listener);
            try (SSLSocket client = jdkClassicalClient(pki, listener.getLocalPort())) {
                assertThatThrownBy(() -> {
                    client.startHandshake();
                    if (client.getInputStream().read() < 0) throw new IOException("closed by the server");
                }).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> serverSide.get(30, TimeUnit.SECONDS)).rootCause()
                    .isInstanceOf(TlsRefusedException.class).hasMessageContaining("pq-required");
        }
    }

    @Test
    void classicalClient_isAcceptedButFlaggedUnderPqPreferred() throws Exception {
        TestPki pki = new TestPki(Algorithm.ECDSA_P256, "ECDSA CA");
        PqTlsContext server = PqTlsContext.forServer(pki.identity(Algorithm.ECDSA_P256, "web", SERVER), null,
                TlsSettings.defaults(ClientAuth.NONE).withPolicy(TlsPolicy.PQ_PREFERRED));
        try (SSLServerSocket listener = server.bind(new InetSocketAddress("127.0.0.1", 0), 10)) {
            CompletableFuture<HandshakeInfo> serverSide = serveOnce(server, listener);
            try (SSLSocket client = jdkClassicalClient(pki, listener.getLocalPort(), "x25519")) {
                client.startHandshake();
                assertThat(client.getInputStream().read()).isEqualTo(7);
            }
            HandshakeInfo info = serverSide.get(30, TimeUnit.SECONDS);
            assertThat(info.namedGroup()).isEqualTo(NamedGroups.X25519);
            assertThat(info.postQuantum()).isFalse();
        }
    }

    @Test
    void classicalClient_cannotEvenCompleteAHandshake_withAnMlDsaServerUnderPqRequired() throws Exception {
        TestPki pki = new TestPki(Algorithm.ML_DSA_65, "ML-DSA CA");
        PqTlsContext server = PqTlsContext.forServer(pki.identity(Algorithm.ML_DSA_65, "node", SERVER), null,
                TlsSettings.defaults(ClientAuth.NONE));
        assertThat(PqTlsContext.groups(TlsPolicy.PQ_REQUIRED, false)).containsExactlyElementsOf(NamedGroups.HYBRID);
        try (SSLServerSocket listener = server.bind(new InetSocketAddress("127.0.0.1", 0), 10)) {
            CompletableFuture<HandshakeInfo> serverSide = serveOnce(server, listener);
            try (SSLSocket client = jdkClassicalClient(pki, listener.getLocalPort())) {
                assertThatThrownBy(client::startHandshake).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> serverSide.get(30, TimeUnit.SECONDS)).rootCause().isInstanceOf(IOException.class);
        }
    }
}
