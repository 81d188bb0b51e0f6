package io.quantumsafe.cli;

import io.quantumsafe.crypto.Encapsulation;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.PublicKey;
import io.quantumsafe.crypto.SharedSecret;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "kem", mixinStandardHelpOptions = true, description = "Key encapsulation: encaps to a public key, decaps with the private key.",
        subcommands = {KemCommand.Encaps.class, KemCommand.Decaps.class})
final class KemCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "encaps", mixinStandardHelpOptions = true,
            description = "Create a shared secret for the holder of PUB: writes the ciphertext and the secret (0600).")
    static final class Encaps implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = {"-p", "--pub"}, required = true, paramLabel = "PUB")
        Path pub;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "CT", description = "Where to write the ciphertext.")
        Path out;

        @Option(names = "--secret-out", required = true, paramLabel = "FILE", description = "Where to write the shared secret (owner-only).")
        Path secretOut;

        @Mixin
        EngineAudit engineAudit;

        @Override
        public void run() {
            PublicKey publicKey = KeyFiles.loadPublic(pub);
            Encapsulation encapsulation;
            try (EngineAudit.Session session = engineAudit.open(spec.commandLine().getErr())) {
                encapsulation = session.engine.kem(publicKey.algorithm()).encapsulate(publicKey);
            }
            try (SharedSecret secret = encapsulation.sharedSecret()) {
                CliFiles.write(out, encapsulation.ciphertext(), false);
                CliFiles.write(secretOut, secret.bytes(), true);
            }
            spec.commandLine().getOut().printf("%s: %d-byte ciphertext in %s, %d-byte shared secret in %s%n",
                    publicKey.algorithm(), encapsulation.ciphertext().length, out, publicKey.algorithm().sharedSecretBytes(), secretOut);
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "decaps", mixinStandardHelpOptions = true, description = "Recover the shared secret from a ciphertext.")
    static final class Decaps implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEY")
        Path key;

        @Option(names = {"-i", "--in"}, required = true, paramLabel = "CT")
        Path in;

        @Option(names = "--secret-out", required = true, paramLabel = "FILE", description = "Where to write the shared secret (owner-only).")
        Path secretOut;

        @Mixin
        Passwords passwords;

        @Mixin
        EngineAudit engineAudit;

        @Override
        public void run() {
            byte[] ciphertext = CliFiles.read(in, CliFiles.smallFileBytesMax, "ciphertext");
            try (EngineAudit.Session session = engineAudit.open(spec.commandLine().getErr());
                 PrivateKey privateKey = KeyFiles.loadPrivate(key, passwords, session.engine);
                 SharedSecret secret = session.engine.kem(privateKey.algorithm()).decapsulate(privateKey, ciphertext)) {
                CliFiles.write(secretOut, secret.bytes(), true);
                spec.commandLine().getOut().printf("%s: %d-byte shared secret in %s%n", privateKey.algorithm(),
                        secret.length(), secretOut);
                spec.commandLine().getOut().flush();
            }
        }
    }
}
