package io.quantumsafe.audit.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node OpenSearch from the integ-test zip Maven unpacks into target/opensearch.
 * OpenSearch refuses to run as root, and CI runs as root: then it is copied to a directory an
 * unprivileged user ({@value #user}, created if missing) owns, and started with runuser. Anything
 * that stops it from starting fails the test with the reason and the log's tail; nothing is skipped.
 */
final class OpenSearchNode implements AutoCloseable {
    static final String user = "qsafe-opensearch";
    static final Duration startTimeout = Duration.ofSeconds(120);

    private final Process process;
    private final Path home;
    private final Path log;
    final int port;

    private OpenSearchNode(Process process, Path home, Path log, int port) {
        this.process = process;
        this.home = home;
        this.log = log;
        this.port = port;
    }

    URI url() { return URI.create("http://127.0.0.1:" + port + "/"); }

    static OpenSearchNode start() throws Exception {
        Path distribution = distribution();
        boolean root = "root".equals(System.getProperty("user.name")) || run("id", "-u").strip().equals("0");
        Path home = Files.createTempDirectory("qsafe-opensearch-");
        run("cp", "-a", distribution + "/.", home.toString());
        if (root) {
            if (!run("sh", "-c", "id -u " + user + " >/dev/null 2>&1 && echo yes || echo no").strip().equals("yes")) {
                run("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", user);
            }
            run("chmod", "755", home.toString());
            run("chown", "-R", user + ":" + user, home.toString());
        }
        int[] ports = twoFreePorts();
        int port = ports[0];
        int transport = ports[1];
        Path log = home.resolve("console.log");
        List<String> command = new ArrayList<>();
        if (root) command.addAll(List.of("runuser", "-u", user, "--"));
        command.addAll(List.of(home.resolve("bin/opensearch").toString(), "-Ediscovery.type=single-node",
                "-Ehttp.port=" + port, "-Etransport.port=" + transport, "-Enetwork.host=127.0.0.1",
                "-Ecluster.routing.allocation.disk.threshold_enabled=false", "-Epath.data=" + home.resolve("data"),
                "-Epath.logs=" + home.resolve("logs")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPENSEARCH_JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // Half a gigabyte is plenty for a test node and leaves room on a 2-core, shared machine.
        builder.environment().put("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m -XX:ActiveProcessorCount=1");
        Process process = builder.start();
        OpenSearchNode node = new OpenSearchNode(process, home, log, port);
        node.awaitHealthy();
        return node;
    }

    private static Path distribution() throws IOException {
        Path unpacked = Path.of(System.getProperty("opensearch.home", "target/opensearch"));
        if (!Files.isDirectory(unpacked)) {
            throw new IllegalStateException("OpenSearch is not unpacked at " + unpacked.toAbsolutePath()
                    + ": run the tests through Maven (the audit pom unpacks org.opensearch.distribution.integ-test-zip there)");
        }
        try (Stream<Path> entries = Files.list(unpacked)) {
            return entries.filter(path -> Files.exists(path.resolve("bin/opensearch"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bin/opensearch under " + unpacked.toAbsolutePath()));
        }
    }

    private void awaitHealthy() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with " + process.exitValue() + " before it was up:\n" + tail());
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(url().resolve("_cluster/health?wait_for_status=yellow&timeout=2s"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) return;
            } catch (IOException notYet) {
                // Not listening yet: poll again.
            }
            Thread.sleep(250); // polling a starting process's port; the condition is checked, not assumed
        }
        close();
        throw new IllegalStateException("OpenSearch did not become healthy within " + startTimeout + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no console log)");
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Two distinct free ports: both probe sockets stay open until both are chosen, or the second could equal the first. */
    private static int[] twoFreePorts() throws IOException {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** Stops the node we started (and the JVM runuser started for it), then deletes its copy. */
    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            run("rm", "-rf", home.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
