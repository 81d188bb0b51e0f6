package io.quantumsafe.tls.sidecar;

import static io.quantumsafe.tls.sidecar.SidecarFixture.PASSWORD;
import static io.quantumsafe.tls.sidecar.SidecarFixture.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.WrongPasswordException;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.PqTlsContext;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.ca.CertificateAuthority;
import io.quantumsafe.tls.sidecar.SidecarFixture.CollectingSink;
import io.quantumsafe.tls.sidecar.SidecarFixture.Upstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up validation and certificate rotation under traffic. */
class SidecarLifecycleTest {
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

    @Test
    void certificateRotation_servesNewConnectionsTheNewCertificate_withoutDroppingOpenOnes() throws Exception {
        try (Upstream upstream = Upstream.echo();
             Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), PASSWORD,
                     new CollectingSink())) {
            PqTlsContext client = pki.client(null);
            try (SSLSocket before = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                client.handshake(before, TIMEOUT);
                BigInteger firstSerial = ((X509Certificate) before.getSession().getPeerCertificates()[0]).getSerialNumber();
                echo(before, 1000);

                X509Certificate rotated = pki.writeServerIdentity(Algorithm.ML_DSA_65, "sidecar", cert, key);
                assertThat(sidecar.reloadNow()).isTrue();
                assertThat(sidecar.certificate().getSerialNumber()).isEqualTo(rotated.getSerialNumber());

                echo(before, 1000); // the connection opened before the rotation still works
                try (SSLSocket after = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                    client.handshake(after, TIMEOUT);
                    BigInteger secondSerial = ((X509Certificate) after.getSession().getPeerCertificates()[0]).getSerialNumber();
                    assertThat(secondSerial).isEqualTo(rotated.getSerialNumber()).isNotEqualTo(firstSerial);
                    echo(after, 1000);
                }
            }
        }
    }

    @Test
    void brokenNewCertificate_keepsTheOldOneServing() throws Exception {
        try (Upstream upstream = Upstream.echo();
             Sidecar sidecar = Sidecar.start(pki.config(upstream.port(), cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED), PASSWORD,
                     new CollectingSink())) {
            BigInteger serving = sidecar.certificate().getSerialNumber();
            Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
            assertThat(sidecar.reloadNow()).isFalse();
            assertThat(sidecar.certificate().getSerialNumber()).isEqualTo(serving);
            assertThat(sidecar.metrics().scrape()).contains("qsafe_sidecar_certificate_reloads_total{outcome=\"failed\"} 1.0");
            PqTlsContext client = pki.client(null);
            try (SSLSocket socket = client.connect("127.0.0.1", sidecar.port(), TIMEOUT)) {
                client.handshake(socket, TIMEOUT);
                echo(socket, 10);
            }
        }
    }

    @Test
    void startup_refusesAMissingKey_aWrongPassword_aMismatchedKey_anExpiredCertificate_andABusyPort() throws Exception {
        SidecarConfig config = pki.config(9, cert, key, ClientAuth.NONE, TlsPolicy.PQ_REQUIRED);
        SidecarConfig missingKey = new SidecarConfig(config.listen(), config.upstream(), cert, dir.resolve("nope.key"), null,
                ClientAuth.NONE, java.util.Set.of(), TlsPolicy.PQ_REQUIRED, config.protocols(), null, "none", 8, config.handshakeTimeout(),
                config.connectTimeout(), config.idleTimeout(), config.closeTimeout(), Duration.ZERO, config.reloadInterval());
        assertThatThrownBy(() -> Sidecar.start(missingKey, PASSWORD, null)).hasMessageContaining("does not exist");

        assertThatThrownBy(() -> Sidecar.start(config, "wrong password!".toCharArray(), null))
                .isInstanceOf(WrongPasswordException.class);

        Path otherKey = dir.resolve("other.key");
        pki.writeServerIdentity(Algorithm.ML_DSA_65, "other", dir.resolve("other.pem"), otherKey);
        SidecarConfig mismatched = new SidecarConfig(config.listen(), config.upstream(), cert, otherKey, null, ClientAuth.NONE,
                java.util.Set.of(), TlsPolicy.PQ_REQUIRED, config.protocols(), null, "none", 8, config.handshakeTimeout(),
                config.connectTimeout(), config.idleTimeout(), config.closeTimeout(), Duration.ZERO, config.reloadInterval());
        assertThatThrownBy(() -> Sidecar.start(mismatched, PASSWORD, null)).hasMessageContaining("does not match");

        Clock lastMonth = Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC);
        CertificateAuthority oldCa = CertificateAuthority.create(SidecarFixture.ENGINE,
                SidecarFixture.ENGINE.generateKeyPair(Algorithm.ML_DSA_65), "Old CA", Duration.ofDays(365), lastMonth);
        Path expiredCert = dir.resolve("expired.pem");
        Path expiredKey = dir.resolve("expired.key");
        SidecarFixture.writeServerIdentity(oldCa, Algorithm.ML_DSA_65, "sidecar", expiredCert, expiredKey);
        SidecarConfig expired = new SidecarConfig(config.listen(), config.upstream(), expiredCert, expiredKey, null, ClientAuth.NONE,
                java.util.Set.of(), TlsPolicy.PQ_REQUIRED, config.protocols(), null, "none", 8, config.handshakeTimeout(),
                config.connectTimeout(), config.idleTimeout(), config.closeTimeout(), Duration.ZERO, config.reloadInterval());
        assertThatThrownBy(() -> Sidecar.start(expired, PASSWORD, null)).hasMessageContaining("expired");

        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            SidecarConfig portInUse = new SidecarConfig(new InetSocketAddress("127.0.0.1", busy.getLocalPort()), config.upstream(), cert,
                    key, null, ClientAuth.NONE, java.util.Set.of(), TlsPolicy.PQ_REQUIRED, config.protocols(), null, "none", 8,
                    config.handshakeTimeout(), config.connectTimeout(), config.idleTimeout(), config.closeTimeout(), Duration.ZERO,
                    config.reloadInterval());
            assertThatThrownBy(() -> Sidecar.start(portInUse, PASSWORD, null)).isInstanceOf(IOException.class)
                    .hasMessageContaining("port in use");
        }
    }

    private static void echo(SSLSocket socket, int bytes) throws IOException {
        byte[] payload = new byte[bytes];
        new java.util.SplittableRandom(bytes).nextBytes(payload);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        out.write(payload);
        assertThat(in.readNBytes(bytes)).isEqualTo(payload);
    }
}
