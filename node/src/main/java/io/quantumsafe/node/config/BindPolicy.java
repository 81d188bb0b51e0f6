package io.quantumsafe.node.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero public attack surface: validators listen on loopback or private addresses only (RFC 1918,
 * RFC 4193 unique-local IPv6, link-local). Anything else needs {@code allow_public_bind: true}
 * and is logged as a warning.
 */
public final class BindPolicy {
    private static final Logger log = LoggerFactory.getLogger(BindPolicy.class);

    private BindPolicy() {}

    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()) return true;
        // fc00::/7: Java's isSiteLocalAddress only knows the deprecated fec0::/10.
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** Refuses a public (or wildcard) bind address unless explicitly allowed. */
    public static void check(InetSocketAddress address, String what, boolean allowPublic) {
        InetAddress ip = address.getAddress();
        if (ip == null) throw new ConfigException(what + ": cannot resolve " + address.getHostString());
        if (isPrivate(ip)) return;
        String why = ip.isAnyLocalAddress() ? "the wildcard address (every interface, public ones included)" : "a public address";
        if (!allowPublic) {
            throw new ConfigException(what + " " + NodeConfig.format(address) + " is " + why
                    + "; bind to loopback or a private address, or set allow_public_bind: true");
        }
        log.warn("{} binds {}: {} (allow_public_bind is set)", what, NodeConfig.format(address), why);
    }
}
