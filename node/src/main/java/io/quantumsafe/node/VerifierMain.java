package io.quantumsafe.node;

import io.quantumsafe.node.config.VerifierConfig;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one verifier until it is stopped: {@code VerifierMain --config verifier.yaml [--password-file F]}
 * (password as for {@link NodeMain}). {@code qsafe verifier} is the same entry point behind the CLI.
 */
public final class VerifierMain {
    private VerifierMain() {}

    public static void main(String[] args) throws Exception {
        Path config = null, passwordFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[i + 1]);
                case "--password-file" -> passwordFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (config == null) {
            System.err.println("usage: VerifierMain --config verifier.yaml [--password-file FILE]");
            System.exit(2);
        }
        run(config, NodeMain.password(passwordFile));
    }

    /** Starts the verifier and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    public static void run(Path config, char[] password) throws Exception {
        VerifierNode verifier = VerifierNode.start(VerifierConfig.load(config), password);
        java.util.Arrays.fill(password, '\0');
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            verifier.close();
            stopped.countDown();
        }));
        System.out.println("verifier " + VerifierConfig.load(config).name() + " ready");
        System.out.flush();
        stopped.await();
    }
}
