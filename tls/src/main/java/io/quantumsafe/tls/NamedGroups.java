package io.quantumsafe.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.jsse.BCSSLConnection;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsContext;

/**
 * TLS 1.3 key-exchange groups: which ones a policy offers, and which one a handshake agreed.
 *
 * <p>BCJSSE (bctls 1.84) has no public API for the negotiated group (FACTS.md); it lives in the
 * connection's {@code SecurityParameters}, behind a package-private peer object. It is read here by
 * reflection, in one place, tested by every handshake test: if a Bouncy Castle upgrade moves it,
 * {@link #negotiated(SSLSocket)} returns empty and {@code pq-required} refuses the connection
 * rather than guessing.
 */
public final class NamedGroups {
    public static final String X25519_MLKEM768 = "X25519MLKEM768";
    public static final String SECP256R1_MLKEM768 = "SecP256r1MLKEM768";
    public static final String SECP384R1_MLKEM1024 = "SecP384r1MLKEM1024";
    public static final String X25519 = "x25519";
    public static final String SECP256R1 = "secp256r1";
    public static final String SECP384R1 = "secp384r1";

    /** Hybrid groups, most preferred first. X25519MLKEM768 is what browsers offer. */
    public static final List<String> HYBRID = List.of(X25519_MLKEM768, SECP256R1_MLKEM768, SECP384R1_MLKEM1024);
    public static final List<String> CLASSICAL = List.of(X25519, SECP256R1, SECP384R1);

    private static final Field CONNECTION_PEER = peerField();
    private static final Method PEER_CONTEXT = contextMethod();

    private NamedGroups() {}

    public static boolean isPostQuantum(String group) {
        return HYBRID.contains(group) || group.toUpperCase(java.util.Locale.ROOT).contains("MLKEM");
    }

    /** The group the handshake on {@code socket} agreed, if the handshake is complete and the provider is BCJSSE. */
    public static Optional<String> negotiated(SSLSocket socket) {
        if (!(socket instanceof BCSSLSocket bcSocket) || CONNECTION_PEER == null || PEER_CONTEXT == null) return Optional.empty();
        BCSSLConnection connection = bcSocket.getConnection();
        if (connection == null) return Optional.empty();
        try {
            Object peer = CONNECTION_PEER.get(connection);
            TlsContext context = (TlsContext) PEER_CONTEXT.invoke(peer);
            int group = context.getSecurityParametersConnection().getNegotiatedGroup();
            return group < 0 ? Optional.empty() : Optional.of(nameOf(group));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String nameOf(int group) {
        String name = NamedGroup.getName(group);
        return name == null ? "group-" + group : name;
    }

    private static Field peerField() {
        try {
            Field field = Class.forName("org.bouncycastle.jsse.provider.ProvSSLConnection").getDeclaredField("tlsPeer");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method contextMethod() {
        try {
            Method method = Class.forName("org.bouncycastle.jsse.provider.ProvTlsPeer").getDeclaredMethod("getTlsContext");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
