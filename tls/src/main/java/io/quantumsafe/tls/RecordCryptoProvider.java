package io.quantumsafe.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.NoSuchPaddingException;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jcajce.util.ProviderJcaJceHelper;
import org.bouncycastle.tls.crypto.TlsKemConfig;
import org.bouncycastle.tls.crypto.TlsKemDomain;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * BCJSSE's crypto with the record layer and ML-KEM moved to the JDK. Bouncy Castle stays in charge
 * of the protocol, X25519, signatures (ML-DSA) and certificates, but its AES-GCM, HMAC and SHA-2 are
 * portable Java, while the JDK's run on the CPU's AES-NI, CLMUL and SHA instructions: routing those
 * three to the JDK is what lets the sidecar move bulk data at a competitive rate, and the JDK's
 * ML-KEM halves what the hybrid key exchange adds to a handshake (both measured in tls/README.md).
 * Both providers are constant-time implementations of the same standards.
 */
final class RecordCryptoProvider extends JcaTlsCryptoProvider {
    private final JdkRecordHelper helper;

    RecordCryptoProvider(Provider bouncyCastle) {
        setProvider(bouncyCastle);
        helper = new JdkRecordHelper(bouncyCastle);
    }

    @Override
    public JcaTlsCrypto create(SecureRandom keyRandom, SecureRandom nonceRandom) {
        return new JdkBackedCrypto(helper, keyRandom, nonceRandom);
    }

    /**
     * Bouncy Castle's TLS crypto with two whole primitives on the JDK: the record layer's AES-GCM
     * ({@link JdkGcmCipher}: no per-record parameter objects) and ML-KEM ({@link JdkMlKemDomain});
     * and TLS 1.3 half-close where a reader asks for it ({@link HalfClose}).
     */
    static final class JdkBackedCrypto extends JcaTlsCrypto {
        JdkBackedCrypto(JcaJceHelper helper, SecureRandom keyRandom, SecureRandom nonceRandom) {
            super(helper, keyRandom, nonceRandom);
        }

        /** Every connection's record cipher can half-close ({@link HalfClose}); it does only where a reader asked. */
        @Override
        public org.bouncycastle.tls.crypto.TlsCipher createCipher(org.bouncycastle.tls.crypto.TlsCryptoParameters parameters,
                                                                  int encryptionAlgorithm, int macAlgorithm) throws java.io.IOException {
            return new HalfClosingCipher(super.createCipher(parameters, encryptionAlgorithm, macAlgorithm));
        }

        @Override
        protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm, int keySize, boolean isEncrypting)
                throws GeneralSecurityException {
            if (!cipherName.equals("AES/GCM/NoPadding")) return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
            return new JdkGcmCipher(getHelper().createCipher(cipherName), isEncrypting, keySize);
        }

        @Override
        public TlsKemDomain createKemDomain(TlsKemConfig config) {
            TlsKemDomain jdk = JdkMlKemDomain.forConfig(this, config);
            return jdk != null ? jdk : super.createKemDomain(config);
        }
    }

    /** Bouncy Castle for everything except AES-GCM, HMAC-SHA2 and SHA-2, which the JDK does in hardware. */
    static final class JdkRecordHelper extends ProviderJcaJceHelper {
        JdkRecordHelper(Provider bouncyCastle) {
            super(bouncyCastle);
        }

        @Override
        public Cipher createCipher(String algorithm) throws NoSuchAlgorithmException, NoSuchPaddingException {
            if (algorithm.toUpperCase(Locale.ROOT).startsWith("AES/GCM/")) return Cipher.getInstance(algorithm, jdk("SunJCE"));
            return super.createCipher(algorithm);
        }

        @Override
        public Mac createMac(String algorithm) throws NoSuchAlgorithmException {
            if (algorithm.toUpperCase(Locale.ROOT).startsWith("HMACSHA")) return Mac.getInstance(algorithm, jdk("SunJCE"));
            return super.createMac(algorithm);
        }

        @Override
        public MessageDigest createMessageDigest(String algorithm) throws NoSuchAlgorithmException {
            return sha2(algorithm) ? MessageDigest.getInstance(algorithm, jdk("SUN")) : super.createMessageDigest(algorithm);
        }

        @Override
        public MessageDigest createDigest(String algorithm) throws NoSuchAlgorithmException {
            return sha2(algorithm) ? MessageDigest.getInstance(algorithm, jdk("SUN")) : super.createDigest(algorithm);
        }

        private static boolean sha2(String algorithm) {
            return switch (algorithm.toUpperCase(Locale.ROOT)) {
                case "SHA-256", "SHA-384", "SHA-512", "SHA256", "SHA384", "SHA512" -> true;
                default -> false;
            };
        }

        private static Provider jdk(String name) throws NoSuchAlgorithmException {
            Provider provider = java.security.Security.getProvider(name);
            if (provider == null) throw new NoSuchAlgorithmException("the JDK provider " + name + " is not installed");
            return provider;
        }
    }
}
