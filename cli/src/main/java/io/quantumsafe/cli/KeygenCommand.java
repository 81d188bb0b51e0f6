package io.quantumsafe.cli;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyMetadata;
import io.quantumsafe.crypto.keystore.KeyPurpose;
import io.quantumsafe.crypto.keystore.KeyStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Generate a key pair: PATH.key (private, encrypted with Argon2id + AES-256-GCM) and PATH.pub (PEM).",
                "With --rotate, archive the current PATH.key as PATH.v<N>.key and write version N+1."})
final class KeygenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--algorithm"}, paramLabel = "ALGORITHM", description = "e.g. ML-DSA-65, ML-KEM-768, SLH-DSA-SHA2-128s (see 'qsafe algorithms').")
    String algorithm;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PATH",
            description = "Where to write: PATH.key and PATH.pub. The file name is the key id.")
    Path out;

    @Option(names = "--purpose", paramLabel = "PURPOSE", description = "sign, kem, tls or ca (default: sign or kem by algorithm).")
    String purpose;

    @Option(names = "--cryptoperiod", paramLabel = "DURATION", description = "How long the key may sign, e.g. 365d, 12h (default: 365d; 'none' for unlimited).")
    String cryptoperiod = "365d";

    @Option(names = "--rotate", description = "Replace the existing key with a new version of the same kind.")
    boolean rotate;

    @Option(names = "--kdf-memory-kib", paramLabel = "KIB", hidden = true, description = "Argon2id memory (tests lower it).")
    int kdfMemoryKiB = KdfParameters.DEFAULT.memoryKiB();

    @Option(names = "--kdf-iterations", paramLabel = "N", hidden = true)
    int kdfIterations = KdfParameters.DEFAULT.iterations();

    @Mixin
    Passwords passwords;

    @Mixin
    EngineAudit engineAudit;

    @Override
    public void run() {
        Path absolute = out.toAbsolutePath();
        KeyMetadata metadata;
        try (EngineAudit.Session session = engineAudit.open(spec.commandLine().getErr())) {
            metadata = generateOrRotate(absolute, session.engine);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s key %s (version %d, %s) fingerprint %s%n", metadata.algorithm(), metadata.keyId(),
                metadata.version(), metadata.purpose().wireName(), metadata.publicKeyFingerprint());
        stdout.printf("  private: %s.key (encrypted)%n  public:  %s.pub%n", absolute, absolute);
        stdout.printf("  not after: %s%n", metadata.notAfter() == null ? "unlimited" : metadata.notAfter());
        stdout.flush();
    }

    private KeyMetadata generateOrRotate(Path absolute, PqcEngine engine) {
        String keyId = absolute.getFileName().toString();
        KeyStore store = KeyStore.open(absolute.getParent(), engine,
                new KdfParameters(kdfMemoryKiB, kdfIterations, 1), Clock.systemUTC());
        char[] password = rotate ? passwords.forExistingKey(keyId) : passwords.forNewKey(keyId);
        try {
            if (rotate) return store.rotate(keyId, password);
            if (algorithm == null) throw new CommandFailure("--algorithm is required for a new key");
            Algorithm chosen = Algorithm.fromName(algorithm);
            KeyPurpose keyPurpose = purpose == null ? KeyPurpose.defaultFor(chosen) : KeyPurpose.fromWireName(purpose);
            return store.generate(keyId, chosen, keyPurpose, Durations.parseOrNone(cryptoperiod), password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Parses "365d", "12h", "30m", "none". */
    static final class Durations {
        static Duration parseOrNone(String text) {
            if (text.equalsIgnoreCase("none")) return null;
            if (text.length() < 2) throw new CommandFailure("duration '" + text + "' is not like 365d, 12h or 30m");
            long amount;
            try {
                amount = Long.parseLong(text.substring(0, text.length() - 1));
            } catch (NumberFormatException e) {
                throw new CommandFailure("duration '" + text + "' is not like 365d, 12h or 30m");
            }
            if (amount <= 0) throw new CommandFailure("duration '" + text + "' must be positive");
            return switch (text.charAt(text.length() - 1)) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 's' -> Duration.ofSeconds(amount);
                default -> throw new CommandFailure("duration '" + text + "' must end in d, h, m or s");
            };
        }
    }
}
