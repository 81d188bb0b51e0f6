package io.quantumsafe.node;

import io.quantumsafe.node.config.NodeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one validator until it is stopped: {@code NodeMain --config node.yaml [--password-file F]}.
 * The key password comes from the file or the QSAFE_KEY_PASSWORD environment variable, never the
 * command line. {@code qsafe node} is the same entry point behind the CLI.
 */
public final class NodeMain {
    public static final String PASSWORD_VARIABLE = "QSAFE_KEY_PASSWORD";

    private NodeMain() {}

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
            System.err.println("usage: NodeMain --config node.yaml [--password-file FILE]");
            System.exit(2);
        }
        run(config, password(passwordFile));
    }

    /** Starts the validator and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    public static void run(Path config, char[] password) throws Exception {
        ValidatorNode node = ValidatorNode.start(NodeConfig.load(config), password);
        java.util.Arrays.fill(password, '\0');
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }));
        System.out.println("validator " + node.config().name() + " ready; API port " + node.apiPort());
        System.out.flush();
        stopped.await();
    }

    public static char[] password(Path file) throws java.io.IOException {
        if (file != null) return Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip().toCharArray();
        String env = System.getenv(PASSWORD_VARIABLE);
        if (env == null || env.isEmpty()) throw new IllegalArgumentException("no key password: give --password-file or set " + PASSWORD_VARIABLE);
        return env.toCharArray();
    }
}
