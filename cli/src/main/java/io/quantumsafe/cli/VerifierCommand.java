package io.quantumsafe.cli;

import io.quantumsafe.node.VerifierMain;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verifier", mixinStandardHelpOptions = true,
        description = {"Runs a verifier: follows the committed sequence from the validators over PQ mutual TLS, re-executes every",
                "batch with every request signature checked, and sends each checkpoint an ML-DSA attestation or a fraud proof.",
                "Runs until stopped."})
final class VerifierCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    Passwords passwords;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The verifier's verifier.yaml (qsafe network init --verifiers).")
    Path config;

    @Override
    public Integer call() throws Exception {
        VerifierMain.run(config, passwords.forExistingKey("the verifier's keys"));
        return 0;
    }
}
