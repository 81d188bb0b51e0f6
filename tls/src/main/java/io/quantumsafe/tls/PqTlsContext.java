package io.quantumsafe.tls;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * A TLS 1.3 endpoint with hybrid post-quantum key exchange, on Bouncy Castle's JSSE (JDK 25's TLS
 * has neither hybrid groups nor ML-DSA; JEP 527 is JDK 27). Set up as FACTS.md measured it must be:
 * BCJSSE built over an explicit {@link BouncyCastleProvider} (the default construction disables the
 * ML-KEM groups), X25519MLKEM768 first, the client's early key share on X25519MLKEM768 (otherwise
 * every handshake pays a HelloRetryRequest: +44% instead of +20% over X25519), the ML-DSA signature
 * schemes enabled on both peers, and secp256r1 kept when an ECDSA P-256 certificate is in play.
 *
 * <p>Under {@link TlsPolicy#PQ_REQUIRED} only hybrid groups are offered, so a classical peer fails
 * the handshake; where secp256r1 must stay listed (ECDSA certificates) the agreed group is checked
 * after the handshake and a classical one is refused.
 */
public final class PqTlsContext {
    /** Browsers, curl and our own peers; ML-DSA first because both ends of a node link are ours. */
    static final String[] SIGNATURE_SCHEMES = {"mldsa65", "mldsa87", "mldsa44", "ecdsa_secp256r1_sha256",
            "ecdsa_secp384r1_sha384", "ed25519", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
            "rsa_pkcs1_sha256", "rsa_pkcs1_sha384"};
    /**
     * BCJSSE logs three INFO lines per connection (accepting, established, disconnected) through
     * java.util.logging, formatted and written to stderr synchronously on the handshake's thread.
     * Our callers record every connection themselves (the sidecar's audit event and metrics), so
     * unless a deployment sets this logger's level itself, only BCJSSE's warnings are kept. Held
     * here because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger BCJSSE_LOG = quietBcJsseLog();
    private static final Provider BOUNCY_CASTLE = bouncyCastle();
    private static final Provider JSSE = new BouncyCastleJsseProvider(false, new RecordCryptoProvider(BOUNCY_CASTLE));

    private final SSLContext context;
    private final TlsSettings settings;
    private final boolean server;
    private final String[] namedGroups;

    private PqTlsContext(SSLContext context, TlsSettings settings, boolean server, String[] namedGroups) {
        this.context = context;
        this.settings = settings;
        this.server = server;
        this.namedGroups = namedGroups;
    }

    /** A server presenting {@code identity}; {@code trust} checks client certificates (needed unless client auth is NONE). */
    public static PqTlsContext forServer(TlsIdentity identity, TlsTrust trust, TlsSettings settings) {
        if (settings.clientAuth() != ClientAuth.NONE && trust == null) {
            throw new IllegalArgumentException("client authentication needs trusted CA certificates");
        }
        boolean ecdsa = identity.privateKey().algorithm() == Algorithm.ECDSA_P256;
        return new PqTlsContext(sslContext(identity, trust), settings, true, groups(settings.policy(), ecdsa));
    }

    /** A client trusting {@code trust}, presenting {@code identity} (or nothing) if the server asks. */
    public static PqTlsContext forClient(TlsIdentity identity, TlsTrust trust, TlsSettings settings) {
        // The client cannot know in advance whether the server's certificate is ECDSA.
        return new PqTlsContext(sslContext(identity, trust), settings, false, groups(settings.policy(), true));
    }

    /**
     * A client offering only X25519 and secp256r1: the classical baseline that benchmarks measure the
     * hybrid against. Never a production configuration (it cannot meet pq-required).
     */
    public static PqTlsContext forClassicalBaseline(TlsTrust trust, TlsSettings settings) {
        if (settings.policy() != TlsPolicy.PQ_PREFERRED) throw new IllegalArgumentException("a classical client needs pq-preferred");
        return new PqTlsContext(sslContext(null, trust), settings, false, new String[] {NamedGroups.X25519, NamedGroups.SECP256R1});
    }

    public TlsSettings settings() { return settings; }

    /** A listening socket whose accepted sockets are configured server sockets (handshake on first use). */
    public SSLServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
        SSLServerSocket serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(address, backlog);
        serverSocket.setEnabledProtocols(settings.protocols().toArray(String[]::new));
        // JSSE: setting "want" resets "need" and vice versa, so set only the one that applies.
        if (settings.clientAuth() == ClientAuth.REQUIRED) serverSocket.setNeedClientAuth(true);
        else serverSocket.setWantClientAuth(settings.clientAuth() == ClientAuth.OPTIONAL);
        return serverSocket;
    }

    /**
     * Layers a server-side TLS socket over a plain socket a listener accepted. Listening in plain TCP
     * and wrapping per connection lets a server swap contexts (certificate reload) without rebinding.
     */
    public SSLSocket wrapAccepted(Socket plain) throws IOException {
        // A TLS 1.3 flight is several records written one after another: with Nagle's algorithm on,
        // the peer's delayed ACK holds the last one back for about 40 ms per flight.
        plain.setTcpNoDelay(true);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, true);
        socket.setUseClientMode(false);
        apply(socket, null);
        return socket;
    }

    /** Applies this endpoint's parameters to a socket the server socket accepted. */
    public SSLSocket configureAccepted(Socket accepted) {
        SSLSocket socket = (SSLSocket) accepted;
        try {
            socket.setTcpNoDelay(true); // see wrapAccepted
        } catch (java.net.SocketException e) {
            // The peer is already gone: the handshake reports it.
        }
        apply(socket, null);
        return socket;
    }

    /** Connects to {@code host:port}; the handshake runs in {@link #handshake(SSLSocket, Duration)}. */
    public SSLSocket connect(String host, int port, Duration connectTimeout) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.setTcpNoDelay(true); // see wrapAccepted
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            apply(socket, host);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Runs the handshake within {@code timeout}, then enforces the policy: under pq-required a
     * classical (or unknown) group closes the socket and throws {@link TlsRefusedException}.
     */
    public HandshakeInfo handshake(SSLSocket socket, Duration timeout) throws IOException {
        int previousTimeout = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        long start = System.nanoTime();
        socket.startHandshake();
        long duration = System.nanoTime() - start;
        socket.setSoTimeout(previousTimeout);
        String group = NamedGroups.negotiated(socket).orElse("unknown");
        boolean postQuantum = NamedGroups.isPostQuantum(group);
        if (settings.policy() == TlsPolicy.PQ_REQUIRED && !postQuantum) {
            socket.close();
            throw new TlsRefusedException("handshake agreed " + group + ", not a post-quantum hybrid group; refused under pq-required", group);
        }
        SSLSession session = socket.getSession();
        List<String> peerNames = List.of();
        String peerSubject = "";
        try {
            Certificate[] chain = session.getPeerCertificates();
            X509Certificate peer = (X509Certificate) chain[0];
            peerSubject = peer.getSubjectX500Principal().getName();
            peerNames = CertificateNames.of(peer);
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            // A server with optional client authentication; the audit event shows the empty subject.
        }
        return new HandshakeInfo(session.getProtocol(), session.getCipherSuite(), group, postQuantum, peerSubject, peerNames,
                duration);
    }

    private void apply(SSLSocket socket, String host) {
        BCSSLSocket bcSocket = (BCSSLSocket) socket;
        BCSSLParameters parameters = bcSocket.getParameters();
        parameters.setProtocols(settings.protocols().toArray(String[]::new));
        parameters.setNamedGroups(namedGroups);
        parameters.setSignatureSchemes(SIGNATURE_SCHEMES);
        parameters.setSignatureSchemesCert(SIGNATURE_SCHEMES);
        if (server) {
            parameters.setUseNamedGroupsOrder(true);
            if (settings.clientAuth() == ClientAuth.REQUIRED) parameters.setNeedClientAuth(true);
            else parameters.setWantClientAuth(settings.clientAuth() == ClientAuth.OPTIONAL);
        } else {
            parameters.setEarlyKeyShares(new String[] {namedGroups[0]});
            if (host != null && settings.verifyHostname()) parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        bcSocket.setParameters(parameters);
        if (!server && host != null) bcSocket.setHost(host);
    }

    static String[] groups(TlsPolicy policy, boolean ecdsaInPlay) {
        List<String> groups = new ArrayList<>(NamedGroups.HYBRID);
        if (policy == TlsPolicy.PQ_PREFERRED) {
            groups.addAll(NamedGroups.CLASSICAL);
        } else if (ecdsaInPlay) {
            // BCJSSE cannot use an ECDSA P-256 certificate without secp256r1 listed (FACTS.md);
            // handshake() refuses the connection if it is what the peers agreed.
            groups.add(NamedGroups.SECP256R1);
        }
        return groups.toArray(String[]::new);
    }

    private static SSLContext sslContext(TlsIdentity identity, TlsTrust trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3", JSSE);
            context.init(keyManagers(identity), trustManagers(trust), new java.security.SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsIdentity identity) throws GeneralSecurityException {
        if (identity == null) return null;
        char[] password = new char[0];
        KeyStore store = KeyStore.getInstance("PKCS12", BOUNCY_CASTLE);
        try {
            store.load(null, password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        store.setKeyEntry("identity", identity.privateKey().asJcaKey(CryptoProvider.BOUNCY_CASTLE), password,
                identity.chain().toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX", JSSE);
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(TlsTrust trust) throws GeneralSecurityException {
        if (trust == null) return null;
        KeyStore store = KeyStore.getInstance("PKCS12", BOUNCY_CASTLE);
        try {
            store.load(null, new char[0]);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory trust store", e);
        }
        int i = 0;
        for (X509Certificate anchor : trust.anchors()) store.setCertificateEntry("ca-" + i++, anchor);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX", JSSE);
        factory.init(store);
        X509ExtendedTrustManager pkix = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        return new TrustManager[] {trust.allowedPeerNames().isEmpty() ? pkix : new AllowListTrustManager(pkix, trust.allowedPeerNames())};
    }

    private static java.util.logging.Logger quietBcJsseLog() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.bouncycastle.jsse");
        if (logger.getLevel() == null) logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static Provider bouncyCastle() {
        // The crypto engine registers one Bouncy Castle provider for the process; use the same instance.
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing != null) return existing;
        io.quantumsafe.crypto.PqcEngine.create();
        return Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    }
}
