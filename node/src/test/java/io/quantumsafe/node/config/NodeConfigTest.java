package io.quantumsafe.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigTest {
    @TempDir
    Path dir;

    static final String VALID = """
            network_id: 3
            name: validator-1
            index: 1
            peer_listen: "127.0.0.1:7101"
            api_listen: "127.0.0.1:7201"
            peers: ["127.0.0.1:7100", "127.0.0.1:7101", "[::1]:7102", "10.0.0.4:7103"]
            committee: ../committee.txt
            clients: ../clients.txt
            ca: ../ca/ca.pem
            tls_cert: tls.pem
            tls_key: tls.key
            consensus_key: consensus.key
            """;

    @Test
    void validFile_loadsWithDefaultsAndPathsRelativeToIt() throws Exception {
        Path file = Files.writeString(dir.resolve("node.yaml"), VALID);
        NodeConfig config = NodeConfig.load(file);
        assertThat(config.index()).isEqualTo(1);
        assertThat(config.peers()).hasSize(4);
        assertThat(config.peers().get(2).getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(config.committee().normalize()).isEqualTo(dir.toAbsolutePath().getParent().resolve("committee.txt"));
        assertThat(config.allowPublicBind()).isFalse();
        assertThat(config.leaderTimeoutMillis()).isEqualTo(500);
        assertThat(config.gcDepthRounds()).isEqualTo(300);
        assertThat(config.snapshotInterval()).isEqualTo(1000);
        assertThat(config.snapshotsKept()).isEqualTo(3);
    }

    @Test
    void snapshotAndGcSettings_areReadAndBounded() throws Exception {
        NodeConfig config = NodeConfig.load(Files.writeString(dir.resolve("e.yaml"), VALID + "gc_depth_rounds: 20\nsnapshot_interval: 10\nsnapshots_kept: 2\n"));
        assertThat(config.gcDepthRounds()).isEqualTo(20);
        assertThat(config.snapshotInterval()).isEqualTo(10);
        assertThat(config.snapshotsKept()).isEqualTo(2);
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("f.yaml"), VALID + "snapshots_kept: 1\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snapshots_kept");
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("g.yaml"), VALID + "snapshot_interval: 0\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("snapshot_interval");
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("h.yaml"), VALID + "gc_depth_rounds: 5\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gc_depth_rounds");
    }

    @Test
    void unknownKey_missingKey_badPort_andIndexOutsidePeers_areNamed() throws Exception {
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("a.yaml"), VALID + "alow_public_bind: true\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'alow_public_bind'");
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("b.yaml"), VALID.replace("tls_key: tls.key\n", ""))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing required key 'tls_key'");
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("c.yaml"), VALID.replace("127.0.0.1:7201", "127.0.0.1:99999"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api_listen");
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("d.yaml"), VALID.replace("index: 1", "index: 4"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("index 4");
    }

    @Test
    void finalitySettings_defaultToTheTenMinuteWindow_andBadOnesAreNamed() throws Exception {
        NodeConfig plain = NodeConfig.load(Files.writeString(dir.resolve("e.yaml"), VALID));
        assertThat(plain.finality().verifierListen()).isNull();
        assertThat(plain.finality().config().challengeWindow()).hasMinutes(10);
        assertThat(plain.finality().testFault()).isNull();
        NodeConfig withVerifiers = NodeConfig.load(Files.writeString(dir.resolve("f.yaml"), VALID
                + "verifiers: ../verifiers.txt\nverifier_listen: \"127.0.0.1:7301\"\nattestations_required: 2\nchallenge_window_ms: 5000\n"));
        assertThat(withVerifiers.finality().verifierListen().getPort()).isEqualTo(7301);
        assertThat(withVerifiers.finality().config().attestationsRequired()).isEqualTo(2);
        assertThat(withVerifiers.finality().verifiers().normalize()).isEqualTo(dir.toAbsolutePath().getParent().resolve("verifiers.txt"));
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("g.yaml"), VALID + "challenge_window_ms: 3600000\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("under PT1H");
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("h.yaml"), VALID + "attestations_required: 0\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least one attestation");
        assertThatThrownBy(() -> NodeConfig.load(Files.writeString(dir.resolve("i.yaml"), VALID + "test_fault: sign-anything\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown fault 'sign-anything'");
    }
}
