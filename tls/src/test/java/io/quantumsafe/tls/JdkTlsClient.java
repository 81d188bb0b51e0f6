package io.quantumsafe.tls;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** JDK 25's own TLS 1.3 client (SunJSSE: classical groups only, real half-close), trusting one CA: the third-party client of the tests. */
public final class JdkTlsClient {
    private JdkTlsClient() {}

    /** Connected, not yet handshaken; {@code groups} restricts the named groups offered (none: the JDK's defaults). */
    public static SSLSocket connect(X509Certificate ca, int port, String... groups) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        context.init(null, factory.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3"});
        if (groups.length > 0) parameters.setNamedGroups(groups);
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(30_000);
        return socket;
    }
}
