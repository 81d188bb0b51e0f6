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
        Path[] options = options(args, "NodeMain --config node.yaml [--password-file FILE]");
        run(options[0], password(options[1]));
    }

    /** Starts the validator and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    public static void run(Path config, char[] password) throws Exception {
        ValidatorNode node = ValidatorNode.start(NodeConfig.load(config), password);
        java.util.Arrays.fill(password, '\0');
        untilStopped(node, "validator " + node.config().name() + " ready; API port " + node.apiPort());
    }

    /** {@code --config F [--password-file P]} as {config, passwordFile or null}; exits 2 with {@code usage} without a config. */
    static Path[] options(String[] args, String usage) {
        Path config = null, passwordFile = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--config" -> config = Path.of(args[i + 1]);
                case "--password-file" -> passwordFile = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (config == null) {
            System.err.println("usage: " + usage);
            System.exit(2);
        }
        return new Path[] {config, passwordFile};
    }

    /** Prints {@code ready}, then blocks until the JVM is asked to stop, and closes {@code process} on the way out. */
    static void untilStopped(AutoCloseable process, String ready) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                process.close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
            stopped.countDown();
        }));
        System.out.println(ready);
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
