package io.quantumsafe.bench.tls;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.keystore.KdfParameters;
import io.quantumsafe.crypto.keystore.KeyFile;
import io.quantumsafe.crypto.keystore.KeyMetadata;
import io.quantumsafe.crypto.keystore.KeyPurpose;
import io.quantumsafe.node.LocalNetwork;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.tls.ca.CertificateAuthority;
import io.quantumsafe.tls.ca.Certificates;
import io.quantumsafe.tls.sidecar.Sidecar;
import io.quantumsafe.tls.sidecar.SidecarConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proxied HTTP through the sidecar against the same app reached directly and through nginx (Debian,
 * OpenSSL, classical TLS) as the TLS terminator, driven by wrk (Debian) in one run. wrk's OpenSSL 3.0
 * has no hybrid groups, so the sidecar runs pq-preferred here and both TLS paths agree X25519 with an
 * ECDSA P-256 certificate: this compares the data paths, the handshake cost is HandshakeLoad's.
 */
public final class ProxyLoad {
    private static final char[] PASSWORD = "bench only password".toCharArray();

    /**
     * One wrk run. {@code proxyCpuMicrosPerRequest} is the CPU time (user + system) the TLS
     * terminator spent per request: nginx's processes, or this JVM for the sidecar (its JIT and GC
     * included); NaN for the direct path. Unlike requests per second, it hardly moves when other
     * work shares the machine, so it is the figure to compare on a busy host.
     */
    public record Row(String path, double requestsPerSecond, String p50, String p99, double proxyCpuMicrosPerRequest) {}

    public static List<Row> run(Duration duration, int connections) throws Exception {
        for (String tool : List.of("/usr/sbin/nginx", "/usr/bin/wrk")) {
            if (!Files.isExecutable(Path.of(tool))) throw new IllegalStateException(tool + " is missing: apt-get install nginx-light wrk");
        }
        Path dir = Files.createTempDirectory("qsafe-proxy-bench");
        PqcEngine engine = PqcEngine.create();
        CertificateAuthority ca = CertificateAuthority.create(engine, engine.generateKeyPair(Algorithm.ECDSA_P256), "Bench CA",
                Duration.ofDays(1), Clock.systemUTC());
        KeyPair keys = engine.generateKeyPair(Algorithm.ECDSA_P256);
        var certificate = ca.issue(keys.publicKey(), "localhost", List.of("localhost", "127.0.0.1"), Set.of(CertificateAuthority.Usage.SERVER),
                Duration.ofHours(2));
        Path certFile = dir.resolve("server.pem");
        Files.writeString(certFile, Certificates.toPem(List.of(certificate, ca.certificate())));
        Path nginxKey = dir.resolve("nginx-key.pem"); // unencrypted, for nginx only, in a temporary benchmark directory
        Files.writeString(nginxKey, KeyCodec.toPem(keys.privateKey()));
        Path sidecarKey = dir.resolve("sidecar.key");
        Files.writeString(sidecarKey, KeyFile.encrypt(keys.privateKey(), new KeyMetadata("sidecar", 1, Algorithm.ECDSA_P256, KeyPurpose.TLS,
                Instant.now(), null, keys.publicKey().fingerprint()), PASSWORD, KdfParameters.FAST_FOR_TESTS, new SecureRandom()));

        List<InetSocketAddress> ports = LocalNetwork.freeLoopbackAddresses(2);
        int appPort = ports.get(0).getPort();
        int nginxTlsPort = ports.get(1).getPort();
        Process app = nginx(dir.resolve("app"), appConfig(appPort));
        Process terminator = nginx(dir.resolve("tls"), tlsConfig(nginxTlsPort, appPort, certFile, nginxKey));
        SidecarConfig config = new SidecarConfig(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", appPort),
                certFile, sidecarKey, null, ClientAuth.NONE, Set.of(), TlsPolicy.PQ_PREFERRED, List.of("TLSv1.3"), null, "none",
                4096, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ZERO,
                Duration.ofSeconds(60));
        List<Row> rows = new ArrayList<>();
        try (Sidecar sidecar = Sidecar.start(config, PASSWORD, null)) {
            waitForPort(appPort);
            waitForPort(nginxTlsPort);
            wrk("warm-up", "https://127.0.0.1:" + sidecar.port() + "/", Duration.ofSeconds(5), connections, () -> 0L);
            rows.add(wrk("direct (plain HTTP to the app)", "http://127.0.0.1:" + appPort + "/", duration, connections, null));
            rows.add(wrk("nginx (OpenSSL TLS 1.3, X25519)", "https://127.0.0.1:" + nginxTlsPort + "/", duration, connections,
                    () -> processTreeCpuNanos(terminator)));
            rows.add(wrk("qsafe sidecar (BCJSSE TLS 1.3, X25519)", "https://127.0.0.1:" + sidecar.port() + "/", duration, connections,
                    ProxyLoad::jvmCpuNanos));
        } finally {
            app.destroy();
            terminator.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
            terminator.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(nginxKey);
            deleteTree(dir);
        }
        return rows;
    }

    /** The benchmark's keys, certificates, nginx configurations and logs go when it ends. */
    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    private static String appConfig(int port) {
        String body = "x".repeat(1024);
        return "server { listen 127.0.0.1:" + port + "; location / { default_type text/plain; return 200 '" + body + "'; } }";
    }

    private static String tlsConfig(int port, int appPort, Path cert, Path key) {
        return "upstream app { server 127.0.0.1:" + appPort + "; keepalive 64; }\n"
                + "server { listen 127.0.0.1:" + port + " ssl; ssl_certificate " + cert + "; ssl_certificate_key " + key + ";\n"
                + "  ssl_protocols TLSv1.3; ssl_ecdh_curve X25519:prime256v1;\n"
                + "  location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }";
    }

    private static Process nginx(Path prefix, String server) throws IOException {
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, "user root; daemon off; worker_processes 1; pid " + prefix.resolve("nginx.pid") + ";\n"
                + "error_log " + prefix.resolve("logs/error.log") + " warn;\n"
                + "events { worker_connections 4096; }\n"
                + "http { access_log off; client_body_temp_path " + prefix.resolve("body") + "; proxy_temp_path " + prefix.resolve("proxy")
                + ";\n" + server + "\n}\n");
        return new ProcessBuilder("/usr/sbin/nginx", "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    }

    private static Row wrk(String name, String url, Duration duration, int connections, java.util.function.LongSupplier cpuNanos)
            throws Exception {
        long cpuBefore = cpuNanos == null ? 0 : cpuNanos.getAsLong();
        Process process = new ProcessBuilder("/usr/bin/wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency", url)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        long cpuSpent = cpuNanos == null ? 0 : cpuNanos.getAsLong() - cpuBefore;
        if (name.equals("warm-up")) return null;
        Matcher rps = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        Matcher p50 = Pattern.compile("\\s50%\\s+(\\S+)").matcher(output);
        Matcher p99 = Pattern.compile("\\s99%\\s+(\\S+)").matcher(output);
        if (!rps.find() || !p50.find() || !p99.find() || output.contains("Non-2xx") || output.contains("errors: connect")) {
            throw new IllegalStateException("wrk against " + url + " did not report cleanly:\n" + output);
        }
        Matcher requests = Pattern.compile("([0-9]+) requests in").matcher(output);
        double cpuPerRequest = cpuNanos != null && requests.find() ? cpuSpent / 1e3 / Long.parseLong(requests.group(1)) : Double.NaN;
        return new Row(name, Double.parseDouble(rps.group(1)), p50.group(1), p99.group(1), cpuPerRequest);
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime + stime of nginx's master and workers from /proc (fields 14 and 15, in clock ticks of 10 ms on Linux). */
    private static long processTreeCpuNanos(Process process) {
        long ticks = 0;
        for (ProcessHandle handle : java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants()).toList()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + handle.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                // A process that ended between listing and reading has nothing more to add.
            }
        }
        return ticks * 10_000_000L;
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on port " + port + " after 20 s (see the nginx logs)");
    }
}
