package io.quantumsafe.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.KEM;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.SecretKeyWithEncapsulation;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsKemConfig;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JceTlsMLKemDomain;
import org.bouncycastle.tls.crypto.impl.jcajce.JceTlsSecret;

/**
 * The ML-KEM half of X25519MLKEM768 (and the other hybrid groups) on the JDK's ML-KEM (FIPS 203,
 * JEP 496) instead of Bouncy Castle's. Bouncy Castle's TLS code keeps the protocol: the key share
 * encodings, the hybrid combination and the key schedule; only key generation, encapsulation and
 * decapsulation move. The JDK's are about twice as fast (µs, ML-KEM-768, FACTS.md: keygen 30 vs 62,
 * encaps 27 vs 50, decaps 31 vs 60), which is most of what the hybrid adds to a handshake over X25519.
 *
 * <p>Key shares on the wire are the raw FIPS 203 encodings; the JDK speaks X.509 SubjectPublicKeyInfo,
 * so a peer's encapsulation key is wrapped in one (with the parameter set's OID) for the JDK's key
 * factory, and a malformed one is an {@code illegal_parameter} alert.
 */
final class JdkMlKemDomain extends JceTlsMLKemDomain {
    private static final Provider JDK = jdkProvider();

    private final String parameterSet;
    private final ASN1ObjectIdentifier oid;
    /** FIPS 203 table 3: 384 k + 32 bytes. */
    private final int encapsulationKeyBytes;

    private JdkMlKemDomain(JcaTlsCrypto crypto, TlsKemConfig config, String parameterSet, ASN1ObjectIdentifier oid, int k) {
        super(crypto, config);
        this.parameterSet = parameterSet;
        this.oid = oid;
        this.encapsulationKeyBytes = 384 * k + 32;
    }

    /** The JDK-backed domain for an ML-KEM parameter set, or null when the JDK cannot serve this group. */
    static JdkMlKemDomain forConfig(JcaTlsCrypto crypto, TlsKemConfig config) {
        if (JDK == null) return null;
        String kemName = org.bouncycastle.tls.NamedGroup.getKemName(config.getNamedGroup());
        if (kemName == null) return null;
        return switch (kemName.toUpperCase(java.util.Locale.ROOT)) {
            case "ML-KEM-512" -> new JdkMlKemDomain(crypto, config, "ML-KEM-512", NISTObjectIdentifiers.id_alg_ml_kem_512, 2);
            case "ML-KEM-768" -> new JdkMlKemDomain(crypto, config, "ML-KEM-768", NISTObjectIdentifiers.id_alg_ml_kem_768, 3);
            case "ML-KEM-1024" -> new JdkMlKemDomain(crypto, config, "ML-KEM-1024", NISTObjectIdentifiers.id_alg_ml_kem_1024, 4);
            default -> null;
        };
    }

    String parameterSet() { return parameterSet; }

    @Override
    public KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(parameterSet, JDK);
            generator.initialize(new NamedParameterSpec(parameterSet), crypto.getSecureRandom());
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK " + parameterSet + " key generation failed: " + e.getMessage(), e);
        }
    }

    /**
     * A client's key share, checked as FIPS 203 section 7.2 requires before encapsulating to it: its
     * length, then every coefficient below q. The JDK's key factory takes any length, and its
     * coefficient check runs when an encapsulator is created, so both are done here, where a failure
     * can still be the {@code illegal_parameter} alert Bouncy Castle's own domain sends.
     */
    @Override
    public PublicKey decodePublicKey(byte[] encoding) throws IOException {
        if (encoding.length != encapsulationKeyBytes) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, parameterSet + " key share of " + encoding.length
                    + " bytes, expected " + encapsulationKeyBytes);
        }
        try {
            byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(oid), encoding).getEncoded("DER");
            PublicKey key = KeyFactory.getInstance(parameterSet, JDK).generatePublic(new X509EncodedKeySpec(spki));
            KEM.getInstance("ML-KEM", JDK).newEncapsulator(key);
            return key;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, e);
        }
    }

    @Override
    public SecretKeyWithEncapsulation encapsulate(PublicKey publicKey) {
        try {
            KEM.Encapsulated encapsulated = KEM.getInstance("ML-KEM", JDK).newEncapsulator(publicKey, crypto.getSecureRandom()).encapsulate();
            return new SecretKeyWithEncapsulation(encapsulated.key(), encapsulated.encapsulation());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("JDK " + parameterSet + " encapsulation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public JceTlsSecret decapsulate(PrivateKey privateKey, byte[] ciphertext) {
        try {
            SecretKey key = KEM.getInstance("ML-KEM", JDK).newDecapsulator(privateKey).decapsulate(ciphertext);
            return adoptLocalSecret(key.getEncoded());
        } catch (GeneralSecurityException e) {
            // As Bouncy Castle's own domain does: the handshake fails with an internal error alert.
            throw new IllegalArgumentException("JDK " + parameterSet + " decapsulation failed: " + e.getMessage(), e);
        }
    }

    private static Provider jdkProvider() {
        Provider provider = Security.getProvider("SunJCE");
        try {
            if (provider != null) KEM.getInstance("ML-KEM", provider);
            return provider;
        } catch (GeneralSecurityException e) {
            return null; // a JDK without ML-KEM (before 24): Bouncy Castle's stays in use
        }
    }
}
