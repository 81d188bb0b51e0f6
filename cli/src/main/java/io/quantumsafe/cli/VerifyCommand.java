package io.quantumsafe.cli;

import io.quantumsafe.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a signature; exits 0 if it verifies, 1 with 'signature does not verify' if not.")
final class VerifyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--pub"}, required = true, paramLabel = "PUB", description = "The public key file (.pub, PEM).")
    Path pub;

    @Option(names = {"-i", "--in"}, required = true, paramLabel = "FILE", description = "The signed file.")
    Path in;

    @Option(names = {"-s", "--sig"}, paramLabel = "SIG", description = "The signature (default: FILE.sig).")
    Path sig;

    @Option(names = "--context", paramLabel = "TEXT", description = "The context string used when signing.")
    String context;

    @Mixin
    EngineAudit engineAudit;

    @Override
    public void run() {
        PublicKey publicKey = KeyFiles.loadPublic(pub);
        byte[] message = CliFiles.read(in, CliFiles.messageBytesMax, "input");
        Path signatureFile = sig != null ? sig : in.resolveSibling(in.getFileName() + ".sig");
        byte[] signature = CliFiles.read(signatureFile, CliFiles.smallFileBytesMax, "signature");
        byte[] contextBytes = context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8);
        boolean valid;
        try (EngineAudit.Session session = engineAudit.open(spec.commandLine().getErr())) {
            valid = session.engine.verifier(publicKey).verify(message, signature, contextBytes);
        }
        if (!valid) throw new CommandFailure("signature does not verify");
        spec.commandLine().getOut().printf("signature verifies: %s key %s%n", publicKey.algorithm(), publicKey.fingerprint());
        spec.commandLine().getOut().flush();
    }
}
