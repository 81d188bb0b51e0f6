package io.quantumsafe.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyStore;
import io.quantumsafe.node.config.NetworkInit;
import io.quantumsafe.node.config.OperatorToken;
import java.io.IOException;
import java.net.InetSocketAddress;
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

/**
 * A whole network on this machine for {@code qsafe demo} and {@code qsafe bench network}: written by
 * {@link NetworkInit} on free loopback ports, every validator a separate JVM running {@link NodeMain}
 * on this JVM's class path, logs in {@code DIR/logs}. {@link #close()} stops them all.
 */
public final class LocalNetwork implements AutoCloseable {
    public static final int NETWORK_ID = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int size;
    private final String password;
    private final List<InetSocketAddress> apis;
    private final List<String> jvmOptions;
    private final Process[] processes;
    /** Written once by {@code network init}; read once here rather than at every request. */
    private final String operatorToken;
    private Process[] verifiers = new Process[0];
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalNetwork(Path dir, int size, String password, List<InetSocketAddress> apis, List<String> jvmOptions) {
        this.dir = dir;
        this.size = size;
        this.password = password;
        this.apis = apis;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.processes = new Process[size];
        this.operatorToken = OperatorToken.read(dir.resolve(OperatorToken.FILE));
    }

    /** Writes a network of {@code validators} and {@code clients} into {@code dir} and starts every validator. */
    public static LocalNetwork start(Path dir, int validators, int clients, long leaderTimeoutMillis, String audit, List<String> jvmOptions)
            throws IOException {
        return start(dir, validators, clients, leaderTimeoutMillis, audit, jvmOptions, 0);
    }

    /** The same with {@code verifiers} verifier processes ({@link VerifierMain}) following the validators, one attestation required. */
    public static LocalNetwork start(Path dir, int validators, int clients, long leaderTimeoutMillis, String audit, List<String> jvmOptions,
                                     int verifiers) throws IOException {
        return start(dir, validators, clients, leaderTimeoutMillis, audit, jvmOptions, verifiers, 1);
    }

    /** The same, a checkpoint final once {@code attestationsRequired} of the verifiers attested it. */
    public static LocalNetwork start(Path dir, int validators, int clients, long leaderTimeoutMillis, String audit, List<String> jvmOptions,
                                     int verifiers, int attestationsRequired) throws IOException {
        String password = "local-network-" + Long.toHexString(new java.security.SecureRandom().nextLong());
        List<List<InetSocketAddress>> ports = freeLoopbackAddresses(3, validators);
        List<InetSocketAddress> peers = ports.get(0), apis = ports.get(1);
        NetworkInit.Options options = new NetworkInit.Options(validators, clients, NETWORK_ID, peers, apis, List.of("dc-1", "dc-2"),
                password.toCharArray(), KdfParameters.FAST_FOR_TESTS, leaderTimeoutMillis, audit);
        if (verifiers > 0) options = options.withVerifiers(verifiers, ports.get(2)).withAttestationsRequired(attestationsRequired);
        NetworkInit.run(dir, options, PqcEngine.create());
        LocalNetwork network = new LocalNetwork(dir, validators, password, apis, jvmOptions);
        Files.createDirectories(dir.resolve("logs"));
        for (int i = 0; i < validators; i++) network.start(i);
        network.verifiers = new Process[verifiers];
        for (int v = 0; v < verifiers; v++) network.verifiers[v] = network.launch(VerifierMain.class, dir.resolve("verifier-" + v).resolve("verifier.yaml"),
                "verifier-" + v);
        return network;
    }

    public int verifiers() { return verifiers.length; }

    /** {@code count} distinct free loopback addresses (see {@link #freeLoopbackAddresses(int, int)}). */
    public static List<InetSocketAddress> freeLoopbackAddresses(int count) throws IOException {
        return freeLoopbackAddresses(1, count).getFirst();
    }

    /**
     * {@code groups} lists of {@code count} loopback addresses, all distinct: every probe socket
     * stays open until all are chosen, since a port closed after one call can be handed out again
     * by the next (a verifier port once equalled another validator's API port, and that validator
     * could not start).
     */
    static List<List<InetSocketAddress>> freeLoopbackAddresses(int groups, int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<List<InetSocketAddress>> out = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<InetSocketAddress> group = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                    sockets.add(s);
                    group.add(new InetSocketAddress("127.0.0.1", s.getLocalPort()));
                }
                out.add(group);
            }
            return out;
        } finally {
            for (ServerSocket s : sockets) s.close();
        }
    }

    public void start(int index) throws IOException {
        processes[index] = launch(NodeMain.class, dir.resolve("validator-" + index).resolve("node.yaml"), "validator-" + index);
    }

    private Process launch(Class<?> main, Path config, String name) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--enable-native-access=ALL-UNNAMED"); // RocksDB's JNI library
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(NodeMain.PASSWORD_VARIABLE, password);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs").resolve(name + ".log").toFile()));
        return builder.start();
    }

    /** Waits until every validator answers /health with all its peers connected. */
    public void awaitReady(Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (int i = 0; i < size; i++) {
            while (true) {
                if (!processes[i].isAlive()) {
                    throw new IllegalStateException("validator " + i + " exited; see " + dir.resolve("logs/validator-" + i + ".log"));
                }
                JsonNode health = get(i, "/health");
                if (health != null && health.path("peers_connected").asInt() == size - 1) break;
                if (System.nanoTime() > end) throw new IllegalStateException("validator " + i + " not connected within " + deadline + ": " + health);
                Thread.sleep(100); // polling interval
            }
        }
    }

    public int size() { return size; }

    public Path dir() { return dir; }

    public URI api(int index) { return URI.create("http://127.0.0.1:" + apis.get(index).getPort()); }

    public List<URI> apis() {
        List<URI> out = new ArrayList<>();
        for (int i = 0; i < size; i++) out.add(api(i));
        return out;
    }

    public PrivateKey clientKey(int client) {
        return KeyStore.open(dir.resolve("clients"), PqcEngine.create()).load("client-" + client, password.toCharArray());
    }

    /** The operator's bearer token (full read access to every validator's API), from the network directory. */
    public String operatorToken() { return operatorToken; }

    /** GET a JSON document from a validator's API as the operator, or null if it does not answer 200. */
    public JsonNode get(int index, String path) {
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

    /** Stops every verifier and validator (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() throws InterruptedException {
        List<Process> all = new ArrayList<>(List.of(verifiers));
        all.addAll(java.util.Arrays.asList(processes));
        for (Process p : all) if (p != null) p.destroy();
        for (Process p : all) {
            if (p != null && !p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
    }
}
