package io.quantumsafe.tls.ca;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.PublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/**
 * The network's own certificate authority. ML-DSA-65 by default (ML-DSA-87, the composite
 * ML-DSA-65+Ed25519 and ECDSA P-256 selectable): ML-DSA certificates serve links where both ends
 * are ours; ECDSA ones exist because browsers and curl only accept classical certificates today,
 * while their key exchange is still PQ hybrid.
 */
public final class CertificateAuthority {
    /** What a leaf certificate may be used for (extended key usage). */
    public enum Usage { SERVER, CLIENT }

    /** CA algorithms: signature algorithms with an X.509 encoding. */
    public static final Set<Algorithm> CA_ALGORITHMS = Set.of(Algorithm.ML_DSA_65, Algorithm.ML_DSA_87, Algorithm.ML_DSA_44,
            Algorithm.ML_DSA_65_ED25519, Algorithm.ECDSA_P256);
    /** Clock skew tolerated between machines: certificates are valid from a little before issuance. */
    static final Duration backdate = Duration.ofMinutes(5);

    private final PqcEngine engine;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(PqcEngine engine, PrivateKey key, X509Certificate certificate, Clock clock) {
        this.engine = engine;
        this.key = key;
        this.certificate = certificate;
        this.clock = clock;
    }

    /** A new CA: its key pair and a self-signed certificate valid for {@code validity}. */
    public static CertificateAuthority create(PqcEngine engine, KeyPair keys, String commonName, Duration validity, Clock clock) {
        if (!CA_ALGORITHMS.contains(keys.algorithm())) {
            throw new IllegalArgumentException("a CA key must be one of " + CA_ALGORITHMS + ", not " + keys.algorithm());
        }
        X500Name subject = name(commonName);
        Instant now = clock.instant();
        CertificateAuthority bootstrap = new CertificateAuthority(engine, keys.privateKey(), null, clock);
        X509Certificate self = bootstrap.build(subject, subject, keys.publicKey(), keys.publicKey(), now.minus(backdate),
                now.plus(validity), true, List.of(), Set.of());
        return new CertificateAuthority(engine, keys.privateKey(), self, clock);
    }

    /** A CA from its stored key and certificate, which must match. */
    public static CertificateAuthority load(PqcEngine engine, PrivateKey key, X509Certificate certificate, Clock clock) {
        if (!MessageDigest.isEqual(certificate.getPublicKey().getEncoded(), key.publicKey().encoded())) {
            throw new IllegalArgumentException("the CA key " + key.keyId() + " does not match the CA certificate "
                    + certificate.getSubjectX500Principal());
        }
        return new CertificateAuthority(engine, key, certificate, clock);
    }

    public X509Certificate certificate() { return certificate; }

    /**
     * Issues a leaf certificate for {@code subjectKey}, valid from now for {@code validity} but never
     * beyond the CA's own expiry.
     *
     * @param names DNS names and IP addresses for the subject alternative names
     */
    public X509Certificate issue(PublicKey subjectKey, String commonName, List<String> names, Set<Usage> usages, Duration validity) {
        if (usages.isEmpty()) throw new IllegalArgumentException("a certificate needs at least one usage (server or client)");
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        Instant caNotAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            throw new IllegalArgumentException("the certificate would outlive its CA (CA expires " + caNotAfter + "); issue it for less");
        }
        return build(name(commonName), X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), subjectKey,
                key.publicKey(), now.minus(backdate), notAfter, false, names, usages);
    }

    private X509Certificate build(X500Name subject, X500Name issuer, PublicKey subjectKey, PublicKey issuerKey, Instant notBefore,
                                  Instant notAfter, boolean isCa, List<String> names, Set<Usage> usages) {
        try {
            BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter),
                    subject, SubjectPublicKeyInfo.getInstance(subjectKey.encoded()));
            builder.addExtension(Extension.basicConstraints, true, isCa ? new BasicConstraints(0) : new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(subjectKey)));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier(issuerKey)));
            if (!isCa) {
                List<KeyPurposeId> purposes = new ArrayList<>();
                if (usages.contains(Usage.SERVER)) purposes.add(KeyPurposeId.id_kp_serverAuth);
                if (usages.contains(Usage.CLIENT)) purposes.add(KeyPurposeId.id_kp_clientAuth);
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
                if (!names.isEmpty()) builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
            }
            X509CertificateHolder holder = builder.build(new EngineContentSigner(engine.signer(key)));
            return Certificates.parse(holder.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a certificate for " + subject, e);
        }
    }

    private static GeneralNames alternativeNames(List<String> names) {
        List<GeneralName> general = new ArrayList<>();
        for (String name : names) {
            general.add(looksLikeAddress(name) ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(general.toArray(GeneralName[]::new));
    }

    private static boolean looksLikeAddress(String name) {
        if (!name.matches("[0-9.]+|[0-9a-fA-F:]+") || !(name.contains(".") || name.contains(":"))) return false;
        try {
            InetAddress.getByName(name);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** RFC 7093 method 1: the leftmost 160 bits of SHA-256 over the subjectPublicKey BIT STRING. */
    private static byte[] keyIdentifier(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.raw());
            return java.util.Arrays.copyOf(digest, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name name(String commonName) {
        if (commonName == null || commonName.isBlank() || commonName.length() > 64) {
            throw new IllegalArgumentException("a certificate common name must be 1-64 characters");
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "QuantumSafe").addRDN(BCStyle.CN, commonName).build();
    }
}
