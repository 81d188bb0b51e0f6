package io.quantumsafe.cli;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PqcEngine;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "algorithms", mixinStandardHelpOptions = true,
        description = "List every algorithm: parameter set, NIST level, sizes in bytes, provider in use.")
final class AlgorithmsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PqcEngine engine = PqcEngine.create();
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-20s %-9s %-5s %-10s %8s %8s %9s %8s %-8s  %s%n";
        out.printf(format, "ALGORITHM", "KIND", "LEVEL", "QUANTUM", "PUBLIC", "PRIVATE", "SIG/CT", "SECRET", "PROVIDER", "STANDARD");
        for (Algorithm algorithm : Algorithm.values()) {
            boolean kem = algorithm.isKem();
            out.printf(format,
                    algorithm.displayName(),
                    kem ? "KEM" : "signature",
                    algorithm.nistLevel() == 0 ? "-" : Integer.toString(algorithm.nistLevel()),
                    algorithm.quantumVulnerable() ? "vulnerable" : "safe",
                    algorithm.publicKeyBytes(),
                    algorithm.privateKeyBytes(),
                    (kem ? "" : (hasMax(algorithm) ? "<=" : "")) + (kem ? algorithm.ciphertextBytes() : algorithm.signatureBytesMax()),
                    kem ? Integer.toString(algorithm.sharedSecretBytes()) : "-",
                    engine.providerFor(algorithm),
                    algorithm.standard());
        }
        out.println();
        out.println("Sizes in bytes (raw keys; expanded private keys). Quantum-vulnerable algorithms are deprecated after 2030");
        out.println("and disallowed after 2035 (NIST IR 8547). Override a provider with -Dqsafe.provider.<ALGORITHM>=JDK|BC.");
        out.flush();
    }

    private static boolean hasMax(Algorithm algorithm) {
        return algorithm == Algorithm.FN_DSA_512 || algorithm == Algorithm.FN_DSA_1024 || algorithm == Algorithm.ECDSA_P256;
    }
}
