package io.quantumsafe.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One validator's configuration file ({@code node.yaml}, written by {@code qsafe network init}).
 * Relative paths are resolved against the file's directory.
 *
 * @param peers every validator's peer address, in committee order (this validator's own included)
 * @param leaderTimeoutMillis consensus leader timeout; loopback clusters use a few hundred ms
 * @param gcDepthRounds rounds of DAG kept behind the commit point: how far back a restarted validator can
 *                      fetch certificates; beyond it, it restores a peer's snapshot ({@code node.sync})
 * @param snapshotInterval a ledger snapshot every this many committed sub-DAGs
 * @param snapshotsKept snapshots kept; committed history below the oldest is deleted
 * @param operatorTokenSha256 SHA-256 of the operator's bearer token (full read access to the API, {@code /metrics});
 *                            null: no operator token, reads need a client's signature
 */
public record NodeConfig(int networkId, String name, int index, String datacenter, InetSocketAddress peerListen,
                         InetSocketAddress apiListen, List<InetSocketAddress> peers, Path committee, Path clients, Path caCertificate,
                         Path tlsCertificate, Path tlsKey, Path consensusKey, Path dataDir, String audit, boolean allowPublicBind,
                         long leaderTimeoutMillis, int batchRequestsMax, int accountsMax, long transfersMax,
                         int gcDepthRounds, int snapshotInterval, int snapshotsKept, Finality finality, byte[] operatorTokenSha256) {
    public static final int fileBytesMax = 256 * 1024;
    private static final Set<String> KEYS = Set.of("network_id", "name", "index", "datacenter", "peer_listen", "api_listen", "peers",
            "committee", "clients", "ca", "tls_cert", "tls_key", "consensus_key", "data_dir", "audit", "allow_public_bind",
            "leader_timeout_ms", "batch_requests_max", "accounts_max", "transfers_max", "gc_depth_rounds", "snapshot_interval",
            "snapshots_kept", "verifier_listen", "verifiers", "attestations_required", "challenge_window_ms", "test_fault",
            "operator_token_sha256");

    /**
     * Two-stage finality: where verifiers connect (PQ mutual TLS; null: no verifier port), who they
     * are (null: none, finality by the challenge window alone), and when a checkpoint is final.
     *
     * @param testFault test-only misbehaviour ({@code trust-signatures}: admit and execute requests without
     *                  checking their ML-DSA signatures, as a colluding validator would; {@code alter-served-batches}:
     *                  serve verifiers altered batches); null in production
     */
    public record Finality(InetSocketAddress verifierListen, Path verifiers, int attestationsRequired, long challengeWindowMillis,
                           String testFault) {
        public static final String TRUST_SIGNATURES = "trust-signatures";
        /** Test fault: the verifier port serves each committed batch with its last request left out (consensus stays honest). */
        public static final String ALTER_SERVED_BATCHES = "alter-served-batches";

        public Finality {
            if (testFault != null && !testFault.equals(TRUST_SIGNATURES) && !testFault.equals(ALTER_SERVED_BATCHES)) {
                throw new ConfigException("test_fault: unknown fault '" + testFault + "' (known: " + TRUST_SIGNATURES + ", " + ALTER_SERVED_BATCHES + ")");
            }
            check(attestationsRequired, challengeWindowMillis); // when the file is read, not at start
        }

        public io.quantumsafe.node.finality.FinalityConfig config() { return check(attestationsRequired, challengeWindowMillis); }

        private static io.quantumsafe.node.finality.FinalityConfig check(int attestationsRequired, long challengeWindowMillis) {
            try {
                return new io.quantumsafe.node.finality.FinalityConfig(attestationsRequired, java.time.Duration.ofMillis(challengeWindowMillis));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
    }

    public NodeConfig {
        peers = List.copyOf(peers);
        if (index < 0 || index >= peers.size()) throw new ConfigException("index " + index + " is not a position in peers (" + peers.size() + " validators)");
        if (leaderTimeoutMillis < 10) throw new ConfigException("leader_timeout_ms must be at least 10");
        if (batchRequestsMax < 1 || batchRequestsMax > 4096) throw new ConfigException("batch_requests_max must be in 1..4096");
        if (gcDepthRounds < 10 || gcDepthRounds > 10_000) throw new ConfigException("gc_depth_rounds must be in 10..10000");
        if (snapshotInterval < 1) throw new ConfigException("snapshot_interval must be at least 1 (committed sub-DAGs)");
        // Two at least: a peer serving the newer one must still hold the committed entries after it.
        if (snapshotsKept < 2 || snapshotsKept > 100) throw new ConfigException("snapshots_kept must be in 2..100");
        if (operatorTokenSha256 != null && operatorTokenSha256.length != 32) {
            throw new ConfigException("operator_token_sha256 must be 64 hex digits (the SHA-256 of the operator token)");
        }
    }

    public static NodeConfig load(Path file) {
        JsonNode root = readMapping(file, KEYS);
        Path base = file.toAbsolutePath().getParent();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (JsonNode peer : required(root, "peers", file)) peers.add(address(peer.asText(), "peers"));
        return new NodeConfig(required(root, "network_id", file).asInt(), required(root, "name", file).asText(),
                required(root, "index", file).asInt(), root.path("datacenter").asText("dc-1"),
                address(required(root, "peer_listen", file).asText(), "peer_listen"), address(required(root, "api_listen", file).asText(), "api_listen"),
                peers, base.resolve(required(root, "committee", file).asText()), base.resolve(required(root, "clients", file).asText()),
                base.resolve(required(root, "ca", file).asText()), base.resolve(required(root, "tls_cert", file).asText()),
                base.resolve(required(root, "tls_key", file).asText()), base.resolve(required(root, "consensus_key", file).asText()),
                base.resolve(root.path("data_dir").asText("data")), root.path("audit").asText("none"),
                root.path("allow_public_bind").asBoolean(false), root.path("leader_timeout_ms").asLong(500),
                root.path("batch_requests_max").asInt(256), root.path("accounts_max").asInt(1_000_000),
                root.path("transfers_max").asLong(20_000_000L), root.path("gc_depth_rounds").asInt(300),
                root.path("snapshot_interval").asInt(1000), root.path("snapshots_kept").asInt(3),
                new Finality(root.hasNonNull("verifier_listen") ? address(root.get("verifier_listen").asText(), "verifier_listen") : null,
                        root.hasNonNull("verifiers") ? base.resolve(root.get("verifiers").asText()) : null,
                        root.path("attestations_required").asInt(1),
                        root.path("challenge_window_ms").asLong(io.quantumsafe.node.finality.FinalityConfig.challengeWindowDefault.toMillis()),
                        root.hasNonNull("test_fault") ? root.get("test_fault").asText() : null),
                root.hasNonNull("operator_token_sha256") ? hex(root.get("operator_token_sha256").asText(), "operator_token_sha256") : null);
    }

    private static byte[] hex(String text, String key) {
        try {
            return java.util.HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " is not hex: " + e.getMessage());
        }
    }

    /** A YAML mapping of at most {@link #fileBytesMax} bytes whose keys are all in {@code keys}; anything else is a {@link ConfigException}. */
    static JsonNode readMapping(Path file, Set<String> keys) {
        JsonNode root;
        try {
            if (Files.size(file) > fileBytesMax) throw new ConfigException(file + " is larger than " + fileBytesMax + " bytes");
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new ConfigException(file + " is not a YAML mapping");
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!keys.contains(key)) throw new ConfigException(file + ": unknown key '" + key + "' (known: " + keys + ")");
        }
        return root;
    }

    static JsonNode required(JsonNode root, String key, Path file) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) throw new ConfigException(file + ": missing required key '" + key + "'");
        return node;
    }

    /** Parses host:port (IPv6 as [addr]:port) without a DNS lookup for literal addresses. */
    public static InetSocketAddress address(String text, String what) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) throw new ConfigException(what + ": '" + text + "' is not host:port");
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException("out of range");
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException(what + ": '" + text + "' has no valid port");
        }
    }

    public static String format(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
