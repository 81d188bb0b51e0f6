package io.quantumsafe.cli;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyFile;
import io.quantumsafe.crypto.keystore.KeyPurpose;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.tls.ca.CertificateAuthority;
import io.quantumsafe.tls.ca.Certificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cert", mixinStandardHelpOptions = true, description = "Certificates from the network CA.",
        subcommands = {CertCommand.Issue.class})
final class CertCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "issue", mixinStandardHelpOptions = true,
            description = "Generate a key and issue its certificate: OUT.key (encrypted) and OUT.pem (leaf + CA chain).")
    static final class Issue implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--ca", required = true, paramLabel = "DIR", description = "The CA directory (qsafe ca init).")
        Path caDir;

        @Option(names = "--name", required = true, paramLabel = "CN", description = "Common name (a node name, a host name).")
        String name;

        @Option(names = "--san", paramLabel = "NAME", description = "DNS name or IP address; repeatable (default: the common name).")
        List<String> alternativeNames = new ArrayList<>();

        @Option(names = "--usage", paramLabel = "USAGE", split = ",", description = "server, client or both (default: server,client).")
        List<String> usages = List.of("server", "client");

        @Option(names = {"-a", "--algorithm"}, paramLabel = "ALGORITHM",
                description = "ML-DSA-65 (default: links where both ends are ours) or ECDSA-P256 (browsers, curl).")
        String algorithm = "ML-DSA-65";

        @Option(names = "--validity", paramLabel = "DURATION", description = "Default: ${DEFAULT-VALUE}.")
        String validity = "365d";

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "PATH")
        Path out;

        @Option(names = "--ca-password-file", paramLabel = "FILE", description = "The CA key's password (else $" + CaCommand.PASSWORD_VARIABLE + ").")
        Path caPasswordFile;

        @Option(names = "--kdf-memory-kib", hidden = true)
        int kdfMemoryKiB = KdfParameters.DEFAULT.memoryKiB();

        @Mixin
        Passwords passwords;

        @Override
        public void run() {
            Algorithm chosen = Algorithm.fromName(algorithm);
            PqcEngine engine = PqcEngine.create();
            X509Certificate caCertificate = Certificates.fromPem(CliFiles.readText(caDir.resolve("ca.pem"), 1024 * 1024, "CA certificate")).getFirst();
            char[] caPassword = Passwords.read(caPasswordFile, CaCommand.PASSWORD_VARIABLE, "the CA key", false);
            PrivateKey caKey;
            try {
                caKey = KeyFile.decrypt(CliFiles.readText(caDir.resolve("ca.key"), KeyFile.fileCharsMax, "CA key"), caPassword).key();
            } finally {
                Arrays.fill(caPassword, '\0');
            }
            CertificateAuthority ca = CertificateAuthority.load(engine, caKey, caCertificate, Clock.systemUTC());
            KeyPair keys = engine.generateKeyPair(chosen);
            Set<CertificateAuthority.Usage> usageSet = EnumSet.noneOf(CertificateAuthority.Usage.class);
            for (String usage : usages) usageSet.add(CertificateAuthority.Usage.valueOf(usage.trim().toUpperCase(Locale.ROOT)));
            List<String> sans = alternativeNames.isEmpty() ? List.of(name) : alternativeNames;
            X509Certificate certificate = ca.issue(keys.publicKey(), name, sans, usageSet, KeygenCommand.Durations.parseOrNone(validity));
            Path absolute = out.toAbsolutePath();
            char[] password = passwords.forNewKey(absolute.getFileName().toString());
            try {
                KeyStore.open(absolute.getParent(), engine, new KdfParameters(kdfMemoryKiB, KdfParameters.DEFAULT.iterations(), 1), Clock.systemUTC())
                        .importKey(absolute.getFileName().toString(), keys.privateKey(), KeyPurpose.TLS, null, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            CliFiles.write(absolute.resolveSibling(absolute.getFileName() + ".pem"),
                    Certificates.toPem(List.of(certificate, caCertificate)).getBytes(StandardCharsets.US_ASCII), false);
            spec.commandLine().getOut().printf("%s certificate for %s (%s) valid until %s%n  key:   %s.key (encrypted)%n  chain: %s.pem%n",
                    chosen, name, String.join(", ", sans), certificate.getNotAfter(), absolute, absolute);
            spec.commandLine().getOut().flush();
        }
    }
}
