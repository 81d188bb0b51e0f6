package io.quantumsafe.cli;

import io.quantumsafe.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign a file with an encrypted private key.")
final class SignCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEY", description = "The private key file (.key).")
    Path key;

    @Option(names = {"-i", "--in"}, required = true, paramLabel = "FILE", description = "The file to sign.")
    Path in;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to write the signature (default: FILE.sig).")
    Path out;

    @Option(names = "--context", paramLabel = "TEXT", description = "Context string (ML-DSA, SLH-DSA, composite; up to 255 bytes).")
    String context;

    @Mixin
    Passwords passwords;

    @Mixin
    EngineAudit engineAudit;

    @Override
    public void run() {
        byte[] message = CliFiles.read(in, CliFiles.messageBytesMax, "input");
        Path target = out != null ? out : in.resolveSibling(in.getFileName() + ".sig");
        try (EngineAudit.Session session = engineAudit.open(spec.commandLine().getErr());
             PrivateKey privateKey = KeyFiles.loadPrivate(key, passwords, session.engine)) {
            byte[] contextBytes = context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8);
            byte[] signature = session.engine.signer(privateKey).sign(message, contextBytes);
            CliFiles.write(target, signature, false);
            spec.commandLine().getOut().printf("signed %s with %s key %s: %d-byte signature in %s%n", in,
                    privateKey.algorithm(), privateKey.keyId(), signature.length, target);
            spec.commandLine().getOut().flush();
        }
    }
}
