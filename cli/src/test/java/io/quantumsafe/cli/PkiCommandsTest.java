package io.quantumsafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.tls.ca.Certificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qsafe ca init, qsafe cert issue and the sidecar's configuration parsing. */
class PkiCommandsTest {
    @TempDir
    Path dir;

    private int qsafe(StringWriter out, StringWriter err, String... args) {
        return Qsafe.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void caInit_thenCertIssue_producesAChainThatVerifies() throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, "a long enough password\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(qsafe(out, err, "ca", "init", "--dir", dir.resolve("ca").toString(), "--ca-password-file", password.toString(),
                "--kdf-memory-kib", "8192")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ML-DSA-65");
        assertThat(qsafe(out, err, "cert", "issue", "--ca", dir.resolve("ca").toString(), "--name", "validator-1", "--san", "validator-1.local",
                "--san", "10.0.0.5", "--usage", "server,client", "-o", dir.resolve("certs/validator-1").toString(),
                "--ca-password-file", password.toString(), "--password-file", password.toString(), "--kdf-memory-kib", "8192"))
                .as(err.toString()).isZero();
        List<X509Certificate> chain = Certificates.fromPem(Files.readString(dir.resolve("certs/validator-1.pem")));
        assertThat(chain).hasSize(2);
        chain.getFirst().verify(chain.get(1).getPublicKey(), "BC");
        assertThat(chain.getFirst().getSubjectX500Principal().getName()).contains("CN=validator-1");
        assertThat(chain.getFirst().getSubjectAlternativeNames()).extracting(san -> san.get(1).toString())
                .containsExactlyInAnyOrder("validator-1.local", "10.0.0.5");
        assertThat(chain.getFirst().getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(chain.getFirst().getSigAlgOID()).isEqualTo("2.16.840.1.101.3.4.3.18");
        assertThat(Files.readString(dir.resolve("certs/validator-1.key"))).contains("Purpose: tls");
    }

    @Test
    void caInit_refusesAnAlgorithmThatCannotSignCertificates() {
        StringWriter err = new StringWriter();
        int code = qsafe(new StringWriter(), err, "ca", "init", "--dir", dir.resolve("ca").toString(), "-a", "ML-KEM-768");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("a CA needs one of");
    }

    @Test
    void sidecarSettings_comeFromYaml_withFlagsWinning() throws Exception {
        Path yaml = dir.resolve("sidecar.yaml");
        Files.writeString(yaml, """
                listen: 127.0.0.1:9443
                upstream: 127.0.0.1:8081
                cert: /etc/qsafe/sidecar.pem
                key: /etc/qsafe/sidecar.key
                ca: /etc/qsafe/ca.pem
                client-auth: required
                allow-peer: [payments-api, ledger-api]
                policy: pq-preferred
                idle-timeout: 90s
                max-connections: 200
                """);
        SidecarCommand command = new SidecarCommand();
        command.policy = "pq-required";
        var settings = command.settings(SidecarCommand.readYaml(yaml));
        assertThat(settings.listen().getPort()).isEqualTo(9443);
        assertThat(settings.upstream().getPort()).isEqualTo(8081);
        assertThat(settings.allowedPeers()).containsExactlyInAnyOrder("payments-api", "ledger-api");
        assertThat(settings.policy().wireName()).isEqualTo("pq-required");
        assertThat(settings.idleTimeout()).hasSeconds(90);
        assertThat(settings.maxConnections()).isEqualTo(200);
        assertThat(settings.closeTimeout()).hasSeconds(60);
    }

    @Test
    void sidecarYaml_withAnUnknownSetting_isRefusedByName() throws Exception {
        Path yaml = dir.resolve("bad.yaml");
        Files.writeString(yaml, "listen: 127.0.0.1:9443\nlisten-port: 9443\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> SidecarCommand.readYaml(yaml)))
                .hasMessageContaining("unknown setting 'listen-port'");
    }
}
