package io.quantumsafe.node.config;

import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.CommitteeFile;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyPurpose;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.tls.ca.CertificateAuthority;
import io.quantumsafe.tls.ca.Certificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * {@code qsafe network init}: a network's CA, every validator's keys (ML-DSA-65, encrypted at rest)
 * and certificate, the committee file, the clients file and one {@code node.yaml} per validator.
 *
 * <pre>
 * D/ca/ca.pem, ca.key              the network's own CA (peers trust only it)
 * D/committee.txt                  consensus keys and datacenter labels (CommitteeFile format)
 * D/clients.txt, D/clients/N.key   genesis clients and their signing keys
 * D/validator-I/node.yaml          config; consensus.key, tls.key (encrypted), tls.pem
 * D/operator.token                 the operator's bearer token for the client API (mode 600; node.yaml holds its SHA-256)
 * </pre>
 */
public final class NetworkInit {
    /** Certificates and the CA are valid this long; rotation is an operator task. */
    public static final Duration validity = Duration.ofDays(365);

    public record Options(int validators, int clients, int networkId, List<InetSocketAddress> peerAddresses,
                          List<InetSocketAddress> apiAddresses, List<String> datacenters, char[] password, KdfParameters kdf,
                          long leaderTimeoutMillis, String audit, int verifiers, List<InetSocketAddress> verifierPorts,
                          int attestationsRequired) {
        /** A network without verifiers: checkpoints become final when the challenge window passes. */
        public Options(int validators, int clients, int networkId, List<InetSocketAddress> peerAddresses, List<InetSocketAddress> apiAddresses,
                       List<String> datacenters, char[] password, KdfParameters kdf, long leaderTimeoutMillis, String audit) {
            this(validators, clients, networkId, peerAddresses, apiAddresses, datacenters, password, kdf, leaderTimeoutMillis, audit, 0, List.of(), 1);
        }

        /** The same network with {@code count} verifiers, which connect to the validators' {@code ports}; one attestation makes a checkpoint final. */
        public Options withVerifiers(int count, List<InetSocketAddress> ports) {
            return new Options(validators, clients, networkId, peerAddresses, apiAddresses, datacenters, password, kdf, leaderTimeoutMillis, audit,
                    count, ports, 1);
        }

        /** The same network where {@code required} distinct verifiers must attest a checkpoint for it to be final. */
        public Options withAttestationsRequired(int required) {
            return new Options(validators, clients, networkId, peerAddresses, apiAddresses, datacenters, password, kdf, leaderTimeoutMillis, audit,
                    verifiers, verifierPorts, required);
        }

        public Options {
            if (verifiers < 0 || verifiers > io.quantumsafe.node.finality.VerifierSet.verifiersMax) {
                throw new ConfigException("verifiers must be in 0.." + io.quantumsafe.node.finality.VerifierSet.verifiersMax);
            }
            if (verifiers > 0 && verifierPorts.size() != validators) throw new ConfigException("one verifier port per validator");
            if (verifiers > 0 && (attestationsRequired < 1 || attestationsRequired > verifiers)) {
                throw new ConfigException("attestations required must be in 1.." + verifiers + " (the number of verifiers)");
            }
            if (validators < 1 || validators > Committee.validatorsMax) throw new ConfigException("validators must be in 1.." + Committee.validatorsMax);
            if (peerAddresses.size() != validators || apiAddresses.size() != validators) throw new ConfigException("one peer and one API address per validator");
            if (clients < 0 || clients > 10_000) throw new ConfigException("clients must be in 0..10000");
            if (datacenters.isEmpty()) throw new ConfigException("at least one datacenter label");
        }

        /** Loopback addresses from consecutive ports: peers at base, base+1, ...; APIs at base+100, .... */
        public static List<InetSocketAddress> loopback(int basePort, int count) {
            List<InetSocketAddress> out = new ArrayList<>();
            for (int i = 0; i < count; i++) out.add(new InetSocketAddress("127.0.0.1", basePort + i));
            return out;
        }
    }

    private NetworkInit() {}

    public static void run(Path dir, Options options, PqcEngine engine) {
        if (Files.exists(dir.resolve("committee.txt"))) throw new ConfigException(dir + " already holds a network (committee.txt exists)");
        Clock clock = Clock.systemUTC();
        KeyPair caKeys = engine.generateKeyPair(Algorithm.ML_DSA_65);
        CertificateAuthority ca = CertificateAuthority.create(engine, caKeys, "QuantumSafe network " + options.networkId() + " CA",
                validity.plusDays(1), clock);
        KeyStore.open(dir.resolve("ca"), engine, options.kdf(), clock).importKey("ca", caKeys.privateKey(), KeyPurpose.CA, null, options.password());
        write(dir.resolve("ca/ca.pem"), Certificates.toPem(List.of(ca.certificate())));

        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < options.validators(); i++) {
            String name = "validator-" + i;
            String datacenter = options.datacenters().get(i % options.datacenters().size());
            Path home = dir.resolve(name);
            KeyStore store = KeyStore.open(home, engine, options.kdf(), clock);
            KeyPair consensus = engine.generateKeyPair(Algorithm.ML_DSA_65);
            KeyPair tls = engine.generateKeyPair(Algorithm.ML_DSA_65);
            store.importKey("consensus", consensus.privateKey(), KeyPurpose.SIGN, null, options.password());
            store.importKey("tls", tls.privateKey(), KeyPurpose.TLS, null, options.password());
            // The peer's name in its certificate is what binds a TLS connection to a committee entry.
            var certificate = ca.issue(tls.publicKey(), name, List.of(name, options.peerAddresses().get(i).getHostString()),
                    EnumSet.of(CertificateAuthority.Usage.SERVER, CertificateAuthority.Usage.CLIENT), validity);
            write(home.resolve("tls.pem"), Certificates.toPem(List.of(certificate, ca.certificate())));
            validators.add(new Validator(i, name, datacenter, consensus.publicKey().encoded()));
            consensus.privateKey().destroy();
            tls.privateKey().destroy();
        }
        write(dir.resolve("committee.txt"), CommitteeFile.format(Committee.of(validators)));

        List<ClientKey> clients = new ArrayList<>();
        KeyStore clientStore = KeyStore.open(dir.resolve("clients"), engine, options.kdf(), clock);
        for (int c = 1; c <= options.clients(); c++) {
            KeyPair keys = engine.generateKeyPair(Algorithm.ML_DSA_65);
            clientStore.importKey("client-" + c, keys.privateKey(), KeyPurpose.SIGN, null, options.password());
            clients.add(new ClientKey(UInt128.of(c), keys.publicKey()));
            keys.privateKey().destroy();
        }
        write(dir.resolve("clients.txt"), ClientsFile.format(clients));

        List<io.quantumsafe.node.finality.VerifierSet.Member> verifiers = new ArrayList<>();
        for (int v = 0; v < options.verifiers(); v++) {
            String name = "verifier-" + v;
            Path home = dir.resolve(name);
            KeyStore store = KeyStore.open(home, engine, options.kdf(), clock);
            KeyPair attestation = engine.generateKeyPair(io.quantumsafe.node.finality.VerifierSet.ALGORITHM);
            KeyPair tls = engine.generateKeyPair(Algorithm.ML_DSA_65);
            store.importKey("attestation", attestation.privateKey(), KeyPurpose.SIGN, null, options.password());
            store.importKey("tls", tls.privateKey(), KeyPurpose.TLS, null, options.password());
            // A verifier only dials validators: its certificate is a client certificate under its own name.
            var certificate = ca.issue(tls.publicKey(), name, List.of(name), EnumSet.of(CertificateAuthority.Usage.CLIENT), validity);
            write(home.resolve("tls.pem"), Certificates.toPem(List.of(certificate, ca.certificate())));
            verifiers.add(new io.quantumsafe.node.finality.VerifierSet.Member(name, attestation.publicKey()));
            write(home.resolve("verifier.yaml"), verifierYaml(v, name, options));
            attestation.privateKey().destroy();
            tls.privateKey().destroy();
        }
        if (options.verifiers() > 0) write(dir.resolve("verifiers.txt"), VerifiersFile.format(verifiers));

        // The operator reads everything (metrics, any account) with this bearer token; validators keep only its hash.
        String operatorToken = OperatorToken.generate();
        OperatorToken.write(dir.resolve(OperatorToken.FILE), operatorToken);
        for (int i = 0; i < options.validators(); i++) {
            write(dir.resolve("validator-" + i).resolve("node.yaml"), nodeYaml(i, validators.get(i), options, OperatorToken.sha256Hex(operatorToken)));
        }
    }

    private static String verifierYaml(int index, String name, Options options) {
        StringBuilder validators = new StringBuilder();
        for (InetSocketAddress a : options.verifierPorts()) validators.append("  - \"").append(NodeConfig.format(a)).append("\"\n");
        return "# Verifier " + name + " of network " + options.networkId() + " (qsafe network init)\n"
                + "network_id: " + options.networkId() + "\n"
                + "name: " + name + "\n"
                + "index: " + index + "\n"
                + "validators:\n" + validators
                + "committee: ../committee.txt\n"
                + "clients: ../clients.txt\n"
                + "verifiers: ../verifiers.txt\n"
                + "ca: ../ca/ca.pem\n"
                + "tls_cert: tls.pem\n"
                + "tls_key: tls.key\n"
                + "attestation_key: attestation.key\n"
                + "data_dir: data\n"
                + "snapshot_interval: 1000\n"
                + "audit: \"" + options.audit().replace("{name}", name) + "\"\n";
    }

    private static String nodeYaml(int index, Validator validator, Options options, String operatorTokenSha256) {
        StringBuilder peers = new StringBuilder();
        for (InetSocketAddress a : options.peerAddresses()) peers.append("  - \"").append(NodeConfig.format(a)).append("\"\n");
        return "# Validator " + validator.name() + " of network " + options.networkId() + " (qsafe network init)\n"
                + "network_id: " + options.networkId() + "\n"
                + "name: " + validator.name() + "\n"
                + "index: " + index + "\n"
                + "datacenter: " + validator.region() + "\n"
                + "peer_listen: \"" + NodeConfig.format(options.peerAddresses().get(index)) + "\"\n"
                + "api_listen: \"" + NodeConfig.format(options.apiAddresses().get(index)) + "\"\n"
                + "peers:\n" + peers
                + "committee: ../committee.txt\n"
                + "clients: ../clients.txt\n"
                + "ca: ../ca/ca.pem\n"
                + "tls_cert: tls.pem\n"
                + "tls_key: tls.key\n"
                + "consensus_key: consensus.key\n"
                + "data_dir: data\n"
                + "audit: \"" + options.audit().replace("{name}", validator.name()) + "\"\n"
                + "allow_public_bind: false\n"
                + "leader_timeout_ms: " + options.leaderTimeoutMillis() + "\n"
                + "operator_token_sha256: \"" + operatorTokenSha256 + "\"\n"
                + (options.verifiers() == 0 ? "" : "verifiers: ../verifiers.txt\n"
                        + "verifier_listen: \"" + NodeConfig.format(options.verifierPorts().get(index)) + "\"\n"
                        + "attestations_required: " + options.attestationsRequired() + "\n")
                + "challenge_window_ms: " + io.quantumsafe.node.finality.FinalityConfig.challengeWindowDefault.toMillis() + "\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
