package io.quantumsafe.bench.tls;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** `qsafe bench tls`: the table of tls/README.md. */
public final class TlsBenchReport {
    private TlsBenchReport() {}

    public static String run(int sequential, Duration concurrent, int clients, Duration wrkDuration, int wrkConnections) throws Exception {
        StringBuilder out = new StringBuilder();
        List<HandshakeLoad.Row> handshakes = HandshakeLoad.run(sequential, concurrent, clients);
        out.append("Full TLS 1.3 handshakes, client and server in one JVM on loopback (connect included):\n\n");
        out.append("| key exchange | certificate | median ms | p99 ms | handshakes/s (").append(clients).append(" clients) |\n|---|---|---:|---:|---:|\n");
        for (HandshakeLoad.Row r : handshakes) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.0f |%n", r.group(), r.certificate(), r.medianMillis(),
                    r.p99Millis(), r.handshakesPerSecond()));
        }
        for (String certificate : List.of("ECDSA-P256", "ML-DSA-65")) {
            HandshakeLoad.Row classical = handshakes.stream().filter(r -> r.certificate().equals(certificate) && r.group().equals("x25519")).findFirst().orElseThrow();
            HandshakeLoad.Row hybrid = handshakes.stream().filter(r -> r.certificate().equals(certificate) && r.group().equals("X25519MLKEM768")).findFirst().orElseThrow();
            out.append(String.format(Locale.ROOT, "%nWith %s certificates the hybrid costs %+.2f ms at the median (%.2fx X25519).", certificate,
                    hybrid.medianMillis() - classical.medianMillis(), hybrid.medianMillis() / classical.medianMillis()));
        }
        out.append("\n\n");
        List<ProxyLoad.Row> proxy = ProxyLoad.run(wrkDuration, wrkConnections);
        out.append("HTTP/1.1 keep-alive through each path, wrk -t2 -c").append(wrkConnections).append(", 1 KB responses from nginx as the app:\n\n");
        out.append("| path | requests/s | p50 | p99 | terminator CPU µs/request |\n|---|---:|---:|---:|---:|\n");
        for (ProxyLoad.Row r : proxy) {
            String cpu = Double.isNaN(r.proxyCpuMicrosPerRequest()) ? "-" : String.format(Locale.ROOT, "%.1f", r.proxyCpuMicrosPerRequest());
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s |%n", r.path(), r.requestsPerSecond(), r.p50(), r.p99(), cpu));
        }
        double nginx = proxy.get(1).requestsPerSecond();
        double sidecar = proxy.get(2).requestsPerSecond();
        out.append(String.format(Locale.ROOT, "%nSidecar throughput is %.0f%% of nginx's; it spends %.2fx nginx's CPU per request.%n",
                100 * sidecar / nginx, proxy.get(2).proxyCpuMicrosPerRequest() / proxy.get(1).proxyCpuMicrosPerRequest()));
        return out.toString();
    }
}
