package io.quantumsafe.node;

import io.quantumsafe.node.config.VerifierConfig;
import java.nio.file.Path;

/**
 * Runs one verifier until it is stopped: {@code VerifierMain --config verifier.yaml [--password-file F]}
 * (password as for {@link NodeMain}). {@code qsafe verifier} is the same entry point behind the CLI.
 */
public final class VerifierMain {
    private VerifierMain() {}

    public static void main(String[] args) throws Exception {
        Path[] options = NodeMain.options(args, "VerifierMain --config verifier.yaml [--password-file FILE]");
        NodeMain.exitOnFailure("verifier", () -> run(options[0], NodeMain.password(options[1])));
    }

    /** Starts the verifier and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    public static void run(Path config, char[] password) throws Exception {
        VerifierConfig loaded = VerifierConfig.load(config);
        VerifierNode verifier = VerifierNode.start(loaded, password);
        java.util.Arrays.fill(password, '\0');
        // A verifier whose loop failed (e.g. the history it needs is gone) exits non-zero, so a supervisor sees it.
        Thread.ofPlatform().daemon().name("verifier-watch").start(() -> {
            try {
                verifier.join();
            } catch (InterruptedException e) {
                return;
            }
            String failure = verifier.status().failure();
            if (failure != null) {
                System.err.println("verifier " + loaded.name() + " stopped: " + failure);
                System.exit(1);
            }
        });
        NodeMain.untilStopped(verifier, "verifier " + loaded.name() + " ready");
    }
}
