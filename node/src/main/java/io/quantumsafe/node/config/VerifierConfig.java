package io.quantumsafe.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One verifier's configuration ({@code verifier.yaml}, written by {@code qsafe network init --verifiers N}).
 * Relative paths are resolved against the file's directory.
 *
 * @param index this verifier's position in the verifiers file
 * @param validators every validator's verifier port, in committee order
 * @param dataDir where the verifier keeps its own ledger snapshots (taken at attested checkpoints)
 * @param snapshotInterval a snapshot at the first attested checkpoint this many sub-DAGs after the last one
 */
public record VerifierConfig(int networkId, String name, int index, List<InetSocketAddress> validators, Path committee, Path clients,
                             Path verifiers, Path caCertificate, Path tlsCertificate, Path tlsKey, Path attestationKey, String audit,
                             int accountsMax, long transfersMax, Path dataDir, int snapshotInterval) {
    private static final Set<String> KEYS = Set.of("network_id", "name", "index", "validators", "committee", "clients", "verifiers", "ca",
            "tls_cert", "tls_key", "attestation_key", "audit", "accounts_max", "transfers_max", "data_dir", "snapshot_interval");

    public VerifierConfig {
        validators = List.copyOf(validators);
        if (validators.isEmpty()) throw new ConfigException("validators: at least one validator's verifier port");
        if (index < 0) throw new ConfigException("index must not be negative");
        if (snapshotInterval < 1) throw new ConfigException("snapshot_interval must be at least 1 (sub-DAGs)");
    }

    public static VerifierConfig load(Path file) {
        JsonNode root = NodeConfig.readMapping(file, KEYS);
        Path base = file.toAbsolutePath().getParent();
        List<InetSocketAddress> validators = new ArrayList<>();
        for (JsonNode v : NodeConfig.required(root, "validators", file)) validators.add(NodeConfig.address(v.asText(), "validators"));
        return new VerifierConfig(NodeConfig.required(root, "network_id", file).asInt(), NodeConfig.required(root, "name", file).asText(),
                NodeConfig.required(root, "index", file).asInt(), validators, base.resolve(NodeConfig.required(root, "committee", file).asText()),
                base.resolve(NodeConfig.required(root, "clients", file).asText()), base.resolve(NodeConfig.required(root, "verifiers", file).asText()),
                base.resolve(NodeConfig.required(root, "ca", file).asText()), base.resolve(NodeConfig.required(root, "tls_cert", file).asText()),
                base.resolve(NodeConfig.required(root, "tls_key", file).asText()), base.resolve(NodeConfig.required(root, "attestation_key", file).asText()),
                root.path("audit").asText("none"), root.path("accounts_max").asInt(1_000_000), root.path("transfers_max").asLong(20_000_000L),
                base.resolve(root.path("data_dir").asText("data")), root.path("snapshot_interval").asInt(1000));
    }
}
