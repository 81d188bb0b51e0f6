package io.quantumsafe.tls.ca;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM encoding of certificate chains ("CERTIFICATE" blocks, RFC 7468), parsed with Bouncy Castle. */
public final class Certificates {
    /** A chain of a few ML-DSA-87 certificates is about 25 KB of PEM. */
    public static final int pemCharsMax = 256 * 1024;
    public static final int chainLengthMax = 8;

    private Certificates() {}

    public static String toPem(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : chain) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** Every CERTIFICATE block in {@code pem}, in order. */
    public static List<X509Certificate> fromPem(String pem) {
        if (pem.length() > pemCharsMax) throw new IllegalArgumentException("certificate file is larger than " + pemCharsMax + " characters");
        List<X509Certificate> chain = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = pem.indexOf("-----BEGIN CERTIFICATE-----", from);
            if (begin < 0) break;
            int end = pem.indexOf("-----END CERTIFICATE-----", begin);
            if (end < 0) throw new IllegalArgumentException("a CERTIFICATE block has no END line");
            String body = pem.substring(begin + 27, end).replaceAll("\\s", "");
            try {
                chain.add(parse(Base64.getDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a CERTIFICATE block is not valid base64", e);
            }
            if (chain.size() > chainLengthMax) throw new IllegalArgumentException("more than " + chainLengthMax + " certificates in one file");
            from = end + 25;
        }
        if (chain.isEmpty()) throw new IllegalArgumentException("no CERTIFICATE block found");
        return chain;
    }

    public static X509Certificate parse(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", Security.getProvider("BC"));
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }
}
