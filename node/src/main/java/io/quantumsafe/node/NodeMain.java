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
        exitOnFailure("validator", () -> run(options[0], password(options[1])));
    }

    interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body}; if it fails, says why and ends the process with exit code 1. Without this a
     * start that failed half-way (a port already in use) left the threads it had started running: a
     * process that looked alive, connected to its peers, and never became a working node.
     */
    static void exitOnFailure(String what, Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            System.err.println(what + " failed: " + e);
            e.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
    }

    /** Starts the validator and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    public static void run(Path config, char[] password) throws Exception {
        Supervised node = new Supervised(NodeConfig.load(config), password);
        untilStopped(node, "validator " + node.config.name() + " ready; API port " + node.apiPort());
    }

    /**
     * The validator, restarted in this JVM when it finds itself behind its peers' GC window while
     * running (e.g. after a long partition or a paused VM): the certificates it misses are collected,
     * and a start is where a validator restores a peer's certified snapshot. The key password is kept
     * for that, as the decrypted keys are kept anyway; a restart that fails ends the process (exit 1)
     * for the supervisor to see.
     */
    static final class Supervised implements AutoCloseable {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Supervised.class);

        final NodeConfig config;
        private final char[] password;
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private ValidatorNode node;
        private boolean closed;
        /** Released by the validator's GC-window watch; the restart runs here, not on the watch thread that close() joins. */
        private final java.util.concurrent.Semaphore restartWanted = new java.util.concurrent.Semaphore(0);
        private final Thread watch;

        Supervised(NodeConfig config, char[] password) throws java.io.IOException {
            this.config = config;
            this.password = password;
            this.node = ValidatorNode.start(config, password, restartWanted::release);
            this.watch = Thread.ofPlatform().daemon().name("in-place-restart").start(this::watch);
        }

        int apiPort() {
            lock.lock();
            try {
                return node.apiPort();
            } finally {
                lock.unlock();
            }
        }

        private void watch() {
            try {
                while (true) {
                    restartWanted.acquire();
                    lock.lock();
                    try {
                        if (closed) return;
                        restartWanted.drainPermits();
                        log.warn("validator {} is behind its peers' GC window: restarting it in place to restore a peer's snapshot", config.name());
                        ValidatorNode stopping = node;
                        node = null; // closed: the shutdown hook must not close it again if the new start fails
                        stopping.close();
                        node = ValidatorNode.start(config, password, restartWanted::release);
                        log.info("validator {} restarted in place; API port {}", config.name(), node.apiPort());
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.io.IOException | RuntimeException e) {
                log.error("validator {} could not restart in place: {}; exiting for the supervisor to restart the process", config.name(), e.toString(), e);
                System.exit(1);
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
                if (node != null) node.close();
                java.util.Arrays.fill(password, '\0');
            } finally {
                lock.unlock();
            }
            watch.interrupt();
        }
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
