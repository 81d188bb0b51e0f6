package io.quantumsafe.cli;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyPurpose;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.tls.ca.CertificateAuthority;
import io.quantumsafe.tls.ca.Certificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ca", mixinStandardHelpOptions = true, description = "The network's own certificate authority.",
        subcommands = {CaCommand.Init.class})
final class CaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final String PASSWORD_VARIABLE = "QSAFE_CA_PASSWORD";

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create a CA: DIR/ca.key (encrypted) and DIR/ca.pem (self-signed certificate).",
                    "ML-DSA-65 by default; ML-DSA-87, ML-DSA-65+Ed25519 (composite) and ECDSA-P256 (for browsers) selectable."})
    static final class Init implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR")
        Path dir;

        @Option(names = {"-a", "--algorithm"}, paramLabel = "ALGORITHM", description = "Default: ${DEFAULT-VALUE}.")
        String algorithm = "ML-DSA-65";

        @Option(names = "--name", paramLabel = "CN", description = "The CA's common name (default: ${DEFAULT-VALUE}).")
        String name = "QuantumSafe Network CA";

        @Option(names = "--validity", paramLabel = "DURATION", description = "Default: ${DEFAULT-VALUE}.")
        String validity = "3650d";

        @Option(names = "--ca-password-file", paramLabel = "FILE", description = "The CA key's password (else $" + PASSWORD_VARIABLE + ", else a prompt).")
        Path passwordFile;

        @Option(names = "--kdf-memory-kib", hidden = true)
        int kdfMemoryKiB = KdfParameters.DEFAULT.memoryKiB();

        @Override
        public void run() {
            Algorithm chosen = Algorithm.fromName(algorithm);
            if (!CertificateAuthority.CA_ALGORITHMS.contains(chosen)) {
                throw new CommandFailure("a CA needs one of " + CertificateAuthority.CA_ALGORITHMS + ", not " + chosen);
            }
            if (Files.exists(dir.resolve("ca.pem"))) throw new CommandFailure(dir.resolve("ca.pem") + " exists: this directory already holds a CA");
            PqcEngine engine = PqcEngine.create();
            KeyPair keys = engine.generateKeyPair(chosen);
            CertificateAuthority ca = CertificateAuthority.create(engine, keys, name,
                    KeygenCommand.Durations.parseOrNone(validity), Clock.systemUTC());
            char[] password = Passwords.read(passwordFile, PASSWORD_VARIABLE, "the CA key", true);
            try {
                KeyStore.open(dir, engine, new KdfParameters(kdfMemoryKiB, KdfParameters.DEFAULT.iterations(), 1), Clock.systemUTC())
                        .importKey("ca", keys.privateKey(), KeyPurpose.CA, null, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            CliFiles.write(dir.resolve("ca.pem"), Certificates.toPem(List.of(ca.certificate())).getBytes(StandardCharsets.US_ASCII), false);
            spec.commandLine().getOut().printf("CA %s (%s) valid until %s%n  key:         %s (encrypted)%n  certificate: %s%n",
                    ca.certificate().getSubjectX500Principal(), chosen, ca.certificate().getNotAfter(), dir.resolve("ca.key"),
                    dir.resolve("ca.pem"));
            spec.commandLine().getOut().flush();
        }
    }
}
