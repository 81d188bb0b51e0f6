package io.quantumsafe.tls.sidecar;

import io.quantumsafe.tls.ClientAuth;
import io.quantumsafe.tls.TlsPolicy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Everything the sidecar needs, validated before it starts. Timeouts follow ghostunnel's defaults
 * where it has them (connect 10 s, close 60 s).
 *
 * @param upstream where plaintext goes: loopback by default, since the sidecar shares a host (or pod) with its app
 * @param caCertificates CA certificates for client authentication (required unless clientAuth is NONE)
 * @param status address of GET /health and GET /metrics; null disables it (loopback by default)
 * @param audit "stdout", "file:PATH", an http(s) URL, or "none"
 * @param maxLifetime zero for unlimited
 */
public record SidecarConfig(InetSocketAddress listen, InetSocketAddress upstream, Path certificate, Path key,
                            Path caCertificates, ClientAuth clientAuth, Set<String> allowedPeers, TlsPolicy policy,
                            List<String> protocols, InetSocketAddress status, String audit, int maxConnections,
                            Duration handshakeTimeout, Duration connectTimeout, Duration idleTimeout, Duration closeTimeout,
                            Duration maxLifetime, Duration reloadInterval) {
    public static final int maxConnectionsDefault = 1024;
    public static final int maxConnectionsMax = 100_000;
    public static final Duration handshakeTimeoutDefault = Duration.ofSeconds(10);
    public static final Duration connectTimeoutDefault = Duration.ofSeconds(10);
    public static final Duration idleTimeoutDefault = Duration.ofMinutes(5);
    public static final Duration closeTimeoutDefault = Duration.ofSeconds(60);
    public static final Duration reloadIntervalDefault = Duration.ofSeconds(2);

    public SidecarConfig {
        allowedPeers = Set.copyOf(allowedPeers);
        protocols = List.copyOf(protocols);
        require(listen != null, "a listen address is required (--listen host:port)");
        require(upstream != null, "an upstream address is required (--upstream host:port)");
        require(certificate != null, "a certificate file is required (--cert)");
        require(key != null, "a key file is required (--key)");
        require(clientAuth == ClientAuth.NONE || caCertificates != null, "client authentication needs --ca with the CA certificates");
        require(allowedPeers.isEmpty() || clientAuth == ClientAuth.REQUIRED, "--allow-peer needs --client-auth required");
        require(maxConnections >= 1 && maxConnections <= maxConnectionsMax, "max connections must be 1.." + maxConnectionsMax);
        requirePositive(handshakeTimeout, "handshake timeout");
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(idleTimeout, "idle timeout");
        requirePositive(closeTimeout, "close timeout");
        requirePositive(reloadInterval, "reload interval");
        require(!maxLifetime.isNegative(), "max lifetime must not be negative (zero means unlimited)");
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }

    private static void requirePositive(Duration duration, String what) {
        require(duration != null && !duration.isNegative() && !duration.isZero(), what + " must be positive");
    }

    /** The idle/close/lifetime check granularity: a quarter of the shortest, between 50 ms and 1 s. */
    Duration tick() {
        long shortest = Math.min(idleTimeout.toMillis(), closeTimeout.toMillis());
        if (!maxLifetime.isZero()) shortest = Math.min(shortest, maxLifetime.toMillis());
        return Duration.ofMillis(Math.clamp(shortest / 4, 50, 1000));
    }
}
