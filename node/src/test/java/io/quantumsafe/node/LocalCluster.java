package io.quantumsafe.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.node.config.NetworkInit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real network on loopback for tests: {@link NetworkInit} writes it, and every validator runs as a
 * separate JVM ({@link NodeMain} on the test class path) with its log in {@code node/target/cluster-logs}.
 * {@link #close()} kills whatever is still running.
 */
final class LocalCluster implements AutoCloseable {
    static final String PASSWORD = "cluster-test-password";
    static final int NETWORK_ID = 42;
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final int size;
    final List<InetSocketAddress> peers;
    final List<InetSocketAddress> apis;
    private final Process[] processes;
    private final Process[] verifiers;
    private final String operatorToken;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LocalCluster(Path dir, int size, int clients, String name) throws IOException {
        this(dir, size, clients, name, 0, "file:" + dir.toAbsolutePath() + "/audit-{name}.jsonl");
    }

    /** A cluster with {@code verifiers} verifiers (started separately) auditing to {@code audit}. */
    LocalCluster(Path dir, int size, int clients, String name, int verifiers, String audit) throws IOException {
        this.dir = dir;
        this.verifiers = new Process[verifiers];
        this.size = size;
        List<List<InetSocketAddress>> ports = LocalNetwork.freeLoopbackAddresses(3, size); // all distinct
        this.peers = ports.get(0);
        this.apis = ports.get(1);
        this.processes = new Process[size];
        this.logs = Path.of("target", "cluster-logs", name);
        Files.createDirectories(logs);
        for (int i = 0; i < size; i++) Files.deleteIfExists(logs.resolve("validator-" + i + ".log"));
        for (int v = 0; v < verifiers; v++) Files.deleteIfExists(logs.resolve("verifier-" + v + ".log"));
        NetworkInit.Options options = new NetworkInit.Options(size, clients, NETWORK_ID, peers, apis, List.of("dc-east", "dc-west"),
                PASSWORD.toCharArray(), KdfParameters.FAST_FOR_TESTS, 250, audit);
        if (verifiers > 0) options = options.withVerifiers(verifiers, ports.get(2));
        NetworkInit.run(dir, options, PqcEngine.create());
        this.operatorToken = io.quantumsafe.node.config.OperatorToken.read(dir.resolve(io.quantumsafe.node.config.OperatorToken.FILE));
    }

    void startAll() throws IOException {
        for (int i = 0; i < size; i++) start(i);
    }

    void start(int index) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName(), "--config", dir.resolve("validator-" + index).resolve("node.yaml").toString());
        builder.environment().put(NodeMain.PASSWORD_VARIABLE, PASSWORD);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("validator-" + index + ".log").toFile()));
        processes[index] = builder.start();
    }

    /** Rewrites validator {@code index}'s node.yaml before it starts (test settings, test faults). */
    void editConfig(int index, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path yaml = dir.resolve("validator-" + index).resolve("node.yaml");
        Files.writeString(yaml, edit.apply(Files.readString(yaml)));
    }

    void startVerifier(int index) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), VerifierMain.class.getName(), "--config",
                dir.resolve("verifier-" + index).resolve("verifier.yaml").toString());
        builder.environment().put(NodeMain.PASSWORD_VARIABLE, PASSWORD);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("verifier-" + index + ".log").toFile()));
        verifiers[index] = builder.start();
    }

    void killVerifier(int index) throws InterruptedException {
        Process p = verifiers[index];
        if (p == null) return;
        p.destroyForcibly();
        p.waitFor();
        verifiers[index] = null;
    }

    /** kill -9: no shutdown hook, no flush. */
    void kill(int index) throws InterruptedException {
        Process p = processes[index];
        if (p == null) return;
        p.destroyForcibly();
        p.waitFor();
        processes[index] = null;
    }

    /** SIGSTOP: the process stays, its sockets stay open, and it does nothing, as a paused VM or a long GC pause. */
    void pause(int index) throws IOException, InterruptedException { signal(index, "-STOP"); }

    /** SIGCONT after {@link #pause}. */
    void resume(int index) throws IOException, InterruptedException { signal(index, "-CONT"); }

    private void signal(int index, String signal) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", signal, Long.toString(processes[index].pid())).inheritIO().start().waitFor();
        if (exit != 0) throw new IOException("kill " + signal + " " + processes[index].pid() + " exited " + exit);
    }

    long pid(int index) { return processes[index].pid(); }

    /**
     * What a failing assertion should show, since CI keeps only its own output: every process alive or
     * its exit code, and the last log lines of each that are not TLS start-up noise or stack frames.
     */
    String diagnostics(int linesPerLog) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < size; i++) out.append(describe("validator-" + i, processes[i], linesPerLog));
        for (int v = 0; v < verifiers.length; v++) out.append(describe("verifier-" + v, verifiers[v], linesPerLog));
        return out.toString();
    }

    private String describe(String name, Process p, int linesPerLog) {
        String state = p == null ? "not running" : p.isAlive() ? "alive" : "exited " + p.exitValue();
        List<String> lines;
        try {
            lines = Files.readAllLines(logs.resolve(name + ".log")).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("\tat ") && !l.contains("DisabledAlgorithmConstraints") && !l.contains("Ignoring unsupported entry"))
                    .toList();
        } catch (IOException e) {
            lines = List.of("(log unreadable: " + e.getMessage() + ")");
        }
        return "\n--- " + name + " (" + state + "), last lines of its log:\n  "
                + String.join("\n  ", lines.subList(Math.max(0, lines.size() - linesPerLog), lines.size()));
    }

    boolean alive(int index) { return processes[index] != null && processes[index].isAlive(); }

    URI api(int index) { return URI.create("http://" + apis.get(index).getHostString() + ":" + apis.get(index).getPort()); }

    List<URI> apiUris() {
        List<URI> out = new ArrayList<>();
        for (int i = 0; i < size; i++) out.add(api(i));
        return out;
    }

    PrivateKey clientKey(int client) {
        return KeyStore.open(dir.resolve("clients"), PqcEngine.create()).load("client-" + client, PASSWORD.toCharArray());
    }

    String operatorToken() { return operatorToken; }

    /** GET a JSON document as the operator, or null if the node does not answer 200. */
    JsonNode get(int index, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(api(index).resolve(path)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + operatorToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    int httpStatus(int index, String path, byte[] postBody) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(api(index).resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorToken());
        b = postBody == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofByteArray(postBody));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Polls until {@code condition} holds for validator {@code index}'s health, failing with {@code what} at the deadline. */
    void awaitHealth(int index, Predicate<JsonNode> condition, Duration deadline, String what) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < end) {
            if (processes[index] != null && !processes[index].isAlive()) {
                throw new AssertionError("validator " + index + " exited (" + processes[index].exitValue() + ") while waiting for: " + what
                        + "; see " + logs.resolve("validator-" + index + ".log").toAbsolutePath());
            }
            last = get(index, "/health");
            if (last != null && condition.test(last)) return;
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError("validator " + index + ": not " + what + " within " + deadline + "; last health " + last + diagnostics(15));
    }

    void awaitAllConnected(Duration deadline) throws InterruptedException {
        for (int i = 0; i < size; i++) {
            if (alive(i)) awaitHealth(i, h -> h.path("peers_connected").asInt() == size - 1, deadline, "connected to every peer");
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < size; i++) kill(i);
        for (int v = 0; v < verifiers.length; v++) killVerifier(v);
    }
}
