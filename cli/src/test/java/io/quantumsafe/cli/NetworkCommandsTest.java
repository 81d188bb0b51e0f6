package io.quantumsafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.CommitteeFile;
import io.quantumsafe.node.config.NodeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qsafe network init, and the client commands' failure paths (the running network is tested in node). */
class NetworkCommandsTest {
    @TempDir
    Path dir;

    private int qsafe(StringWriter out, StringWriter err, String... args) {
        return Qsafe.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void networkInit_writesKeysCertificatesCommitteeAndConfigs_andRefusesToOverwrite() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "a long enough password\n");
        Path net = dir.resolve("net");
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] init = {"network", "init", "--validators", "4", "--clients", "2", "--dir", net.toString(), "--password-file", password.toString(),
                "--datacenters", "fra,ams", "--base-port", "17100", "--kdf-memory-kib", "8192"};
        assertThat(qsafe(out, err, init)).as(err.toString()).isZero();

        Committee committee = CommitteeFile.parse(Files.readString(net.resolve("committee.txt")));
        assertThat(committee.size()).isEqualTo(4);
        assertThat(committee.regions()).containsExactlyInAnyOrder("fra", "ams");
        for (int i = 0; i < 4; i++) {
            NodeConfig config = NodeConfig.load(net.resolve("validator-" + i + "/node.yaml"));
            assertThat(config.name()).isEqualTo(committee.validator(i).name());
            assertThat(config.peerListen().getPort()).isEqualTo(17100 + i);
            assertThat(config.apiListen().getPort()).isEqualTo(17200 + i);
            assertThat(config.peerListen().getAddress().isLoopbackAddress()).isTrue();
            // Keys are written encrypted, never as plain PKCS#8.
            assertThat(Files.readString(net.resolve("validator-" + i + "/consensus.key"))).contains("AES-256-GCM").doesNotContain("BEGIN PRIVATE KEY");
            assertThat(Files.readString(net.resolve("validator-" + i + "/tls.pem"))).contains("BEGIN CERTIFICATE");
        }
        assertThat(Files.readString(net.resolve("clients.txt")).lines().filter(l -> l.startsWith("client "))).hasSize(2);

        StringWriter again = new StringWriter();
        assertThat(qsafe(new StringWriter(), again, init)).isEqualTo(1);
        assertThat(again.toString()).contains("already holds a network");
    }

    @Test
    void verifyReceipt_ofADamagedReceipt_failsWithTheReason() throws Exception {
        Path committee = Files.writeString(dir.resolve("committee.txt"), "validator v0 dc ML-DSA-65 AAAA\n");
        Path receipt = Files.writeString(dir.resolve("r.json"), "{\"transfer_record\": \"00\"}");
        StringWriter err = new StringWriter();
        assertThat(qsafe(new StringWriter(), err, "client", "verify-receipt", "--committee", committee.toString(), "--receipt", receipt.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("receipt does NOT verify: malformed receipt");
    }

    @Test
    void clientCommand_withoutANetworkDirectory_saysSo() {
        StringWriter err = new StringWriter();
        assertThat(qsafe(new StringWriter(), err, "client", "balance", "--network", dir.resolve("missing").toString(), "--account", "1")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the network directory");
    }
}
