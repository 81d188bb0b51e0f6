package io.quantumsafe.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PKIX validation against the CA, then the peer's certificate must name one of the allowed peers
 * (subject CN or a SAN). Refusing here, inside the handshake, sends the peer a certificate alert
 * instead of letting it connect and then dropping it.
 */
final class AllowListTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final Set<String> allowed;

    AllowListTrustManager(X509ExtendedTrustManager pkix, Set<String> allowed) {
        this.pkix = pkix;
        this.allowed = allowed;
    }

    private void checkAllowed(X509Certificate[] chain) throws CertificateException {
        for (String name : CertificateNames.of(chain[0])) {
            if (allowed.contains(name)) return;
        }
        throw new CertificateException("peer " + chain[0].getSubjectX500Principal() + " is not on the allow-list " + allowed);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        checkAllowed(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        checkAllowed(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        checkAllowed(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        checkAllowed(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        checkAllowed(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        checkAllowed(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() { return pkix.getAcceptedIssuers(); }
}
