package io.quantumsafe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.TlsPolicy;
import io.quantumsafe.audit.client.AuditSink;
import io.quantumsafe.audit.client.AuditSinks;
import io.quantumsafe.tls.sidecar.Sidecar;
import io.quantumsafe.tls.sidecar.SidecarConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sidecar", mixinStandardHelpOptions = true,
        description = {"PQ-TLS terminating proxy: TLS 1.3 with X25519MLKEM768 in, plaintext to the app next to it.",
                "Options come from flags or from a YAML file (--config) whose keys are the flag names."})
final class SidecarCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file with the same settings as the flags (flags win).")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where clients connect (default 0.0.0.0:8443).")
    String listen;

    @Option(names = "--upstream", paramLabel = "HOST:PORT", description = "The app, plaintext (default 127.0.0.1:8080).")
    String upstream;

    @Option(names = "--cert", paramLabel = "FILE", description = "Certificate chain PEM (qsafe cert issue).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Encrypted key file (qsafe cert issue / keygen).")
    Path key;

    @Option(names = "--ca", paramLabel = "FILE", description = "CA certificates for client authentication.")
    Path ca;

    @Option(names = "--client-auth", paramLabel = "MODE", description = "none, optional or required (default none).")
    String clientAuth;

    @Option(names = "--allow-peer", paramLabel = "NAME", description = "Only these client names (CN or SAN); repeatable.")
    List<String> allowPeers = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "POLICY", description = "pq-required (default) or pq-preferred.")
    String policy;

    @Option(names = "--protocols", paramLabel = "LIST", split = ",", description = "Default TLSv1.3.")
    List<String> protocols;

    @Option(names = "--status", paramLabel = "HOST:PORT", description = "GET /health and /metrics (default 127.0.0.1:9902; 'none' disables).")
    String status;

    @Option(names = "--audit", paramLabel = "SINK", description = "stdout (default), file:PATH, an http(s) URL, or none.")
    String audit;

    @Option(names = "--max-connections", paramLabel = "N")
    Integer maxConnections;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION") String handshakeTimeout;
    @Option(names = "--connect-timeout", paramLabel = "DURATION") String connectTimeout;
    @Option(names = "--idle-timeout", paramLabel = "DURATION") String idleTimeout;
    @Option(names = "--close-timeout", paramLabel = "DURATION") String closeTimeout;
    @Option(names = "--max-lifetime", paramLabel = "DURATION", description = "0 for unlimited (default).") String maxLifetime;
    @Option(names = "--reload-interval", paramLabel = "DURATION") String reloadInterval;

    @Mixin
    Passwords passwords;

    @Override
    public void run() {
        Map<String, String> file = config == null ? Map.of() : readYaml(config);
        SidecarConfig settings = settings(file);
        char[] password = passwords.forExistingKey(settings.key().getFileName().toString());
        try (AuditSink sink = settings.audit().equals("none") ? null : AuditSinks.parse(settings.audit());
             Sidecar sidecar = Sidecar.start(settings, password, sink)) {
            spec.commandLine().getOut().printf("sidecar listening on %s -> %s (%s)%s%n", settings.listen(), settings.upstream(),
                    settings.policy().wireName(), sidecar.statusPort() > 0 ? ", status on port " + sidecar.statusPort() : "");
            spec.commandLine().getOut().flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    SidecarConfig settings(Map<String, String> file) {
        return new SidecarConfig(
                address(pick(listen, file, "listen", "0.0.0.0:8443")),
                address(pick(upstream, file, "upstream", "127.0.0.1:8080")),
                path(pick(cert == null ? null : cert.toString(), file, "cert", null), "--cert"),
                path(pick(key == null ? null : key.toString(), file, "key", null), "--key"),
                optionalPath(pick(ca == null ? null : ca.toString(), file, "ca", null)),
                ClientAuth.valueOf(pick(clientAuth, file, "client-auth", "none").toUpperCase(Locale.ROOT)),
                allowPeers.isEmpty() ? list(file.get("allow-peer")) : Set.copyOf(allowPeers),
                TlsPolicy.fromWireName(pick(policy, file, "policy", "pq-required")),
                protocols != null ? protocols : List.copyOf(list(pick(null, file, "protocols", "TLSv1.3"))),
                statusAddress(pick(status, file, "status", "127.0.0.1:9902")),
                pick(audit, file, "audit", "stdout"),
                Integer.parseInt(pick(maxConnections == null ? null : maxConnections.toString(), file, "max-connections",
                        Integer.toString(SidecarConfig.maxConnectionsDefault))),
                duration(pick(handshakeTimeout, file, "handshake-timeout", "10s")),
                duration(pick(connectTimeout, file, "connect-timeout", "10s")),
                duration(pick(idleTimeout, file, "idle-timeout", "5m")),
                duration(pick(closeTimeout, file, "close-timeout", "60s")),
                duration(pick(maxLifetime, file, "max-lifetime", "0")),
                duration(pick(reloadInterval, file, "reload-interval", "2s")));
    }

    private static String pick(String flag, Map<String, String> file, String key, String fallback) {
        if (flag != null) return flag;
        return file.getOrDefault(key, fallback);
    }

    static Map<String, String> readYaml(Path file) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(CliFiles.read(file, 1024 * 1024, "sidecar config"));
            if (root == null || !root.isObject()) throw new CommandFailure("sidecar config " + file + " is not a YAML mapping");
            Map<String, String> values = new java.util.LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
            Set<String> known = Set.of("listen", "upstream", "cert", "key", "ca", "client-auth", "allow-peer", "policy", "protocols",
                    "status", "audit", "max-connections", "handshake-timeout", "connect-timeout", "idle-timeout", "close-timeout",
                    "max-lifetime", "reload-interval");
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!known.contains(field.getKey())) {
                    throw new CommandFailure("sidecar config " + file + ": unknown setting '" + field.getKey() + "'; known: " + known);
                }
                JsonNode value = field.getValue();
                if (value.isArray()) {
                    List<String> items = new ArrayList<>();
                    value.forEach(item -> items.add(item.asText()));
                    values.put(field.getKey(), String.join(",", items));
                } else {
                    values.put(field.getKey(), value.asText());
                }
            }
            return values;
        } catch (IOException e) {
            throw new CommandFailure("sidecar config " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    private static Set<String> list(String commaSeparated) {
        Set<String> items = new HashSet<>();
        if (commaSeparated == null) return items;
        for (String item : commaSeparated.split(",")) if (!item.isBlank()) items.add(item.trim());
        return items;
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) throw new CommandFailure("address '" + hostPort + "' is not HOST:PORT");
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return new InetSocketAddress(hostPort.substring(0, colon).replace("[", "").replace("]", ""), port);
        } catch (NumberFormatException e) {
            throw new CommandFailure("address '" + hostPort + "' has no valid port");
        }
    }

    private static InetSocketAddress statusAddress(String value) {
        return value.equals("none") ? null : address(value);
    }

    private static Path path(String value, String flag) {
        if (value == null) throw new CommandFailure(flag + " is required (or set it in --config)");
        return Path.of(value);
    }

    private static Path optionalPath(String value) {
        return value == null ? null : Path.of(value);
    }

    /** "10s", "5m", "1h", "500ms", "0". */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.equals("0")) return Duration.ZERO;
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new CommandFailure("duration '" + text + "' is not like 500ms, 10s, 5m or 1h");
        }
    }
}
