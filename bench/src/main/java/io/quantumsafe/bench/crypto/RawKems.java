package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoProvider;
import io.quantumsafe.crypto.KeyPair;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KEM;
import javax.crypto.KeyAgreement;

/**
 * Hand-written JCA baselines for the KEM benchmark, with the same providers the engine uses: ML-KEM
 * through javax.crypto.KEM (one encapsulator and decapsulator per key, as the API allows), X25519 as
 * ephemeral-static DH through KeyAgreement, and the hybrid as the two side by side.
 */
final class RawKems {
    private RawKems() {}

    /** One key's raw operations. */
    interface Raw {
        Object encapsulate() throws GeneralSecurityException;

        Object decapsulate(byte[] ciphertext) throws GeneralSecurityException;
    }

    static Raw forKey(Algorithm algorithm, CryptoProvider provider, KeyPair pair, SecureRandom random) throws GeneralSecurityException {
        return switch (algorithm) {
            case X25519 -> x25519(provider, pair.publicKey().encoded(), pair.privateKey().encoded(), random);
            case X25519_MLKEM768 -> hybrid(provider, provider, pair, random);
            default -> mlKem(algorithm, provider, pair.publicKey().encoded(), pair.privateKey().encoded(), random);
        };
    }

    private static Raw mlKem(Algorithm algorithm, CryptoProvider provider, byte[] spki, byte[] pkcs8, SecureRandom random)
            throws GeneralSecurityException {
        Provider jca = JcaNames.provider(algorithm, provider);
        KEM kem = KEM.getInstance("ML-KEM", jca);
        KeyFactory factory = KeyFactory.getInstance("ML-KEM", jca);
        KEM.Encapsulator encapsulator = kem.newEncapsulator(factory.generatePublic(new X509EncodedKeySpec(spki)), random);
        KEM.Decapsulator decapsulator = kem.newDecapsulator(factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        return new Raw() {
            /** The ciphertext to send and the key: what a caller needs, and what the engine returns. */
            @Override
            public Object encapsulate() {
                KEM.Encapsulated encapsulated = encapsulator.encapsulate();
                return new Object[] {encapsulated.encapsulation(), encapsulated.key()};
            }

            @Override
            public Object decapsulate(byte[] ciphertext) throws GeneralSecurityException { return decapsulator.decapsulate(ciphertext); }
        };
    }

    private static Raw x25519(CryptoProvider provider, byte[] spki, byte[] pkcs8, SecureRandom random) throws GeneralSecurityException {
        Provider jca = JcaNames.provider(Algorithm.X25519, provider);
        KeyFactory factory = KeyFactory.getInstance("X25519", jca);
        PublicKey peer = factory.generatePublic(new X509EncodedKeySpec(spki));
        PrivateKey own = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("X25519", jca);
        generator.initialize(new NamedParameterSpec("X25519"), random);
        KeyAgreement agreement = KeyAgreement.getInstance("X25519", jca);
        byte[] spkiPrefix = Arrays.copyOf(spki, spki.length - 32);
        return new Raw() {
            @Override
            public Object encapsulate() throws GeneralSecurityException {
                java.security.KeyPair ephemeral = generator.generateKeyPair();
                agreement.init(ephemeral.getPrivate());
                agreement.doPhase(peer, true);
                // The share on the wire is the raw 32-byte key, as the engine sends it.
                byte[] encoded = ephemeral.getPublic().getEncoded();
                return new byte[][] {Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length), agreement.generateSecret()};
            }

            @Override
            public Object decapsulate(byte[] share) throws GeneralSecurityException {
                byte[] encoded = Arrays.copyOf(spkiPrefix, spkiPrefix.length + share.length);
                System.arraycopy(share, 0, encoded, spkiPrefix.length, share.length);
                agreement.init(own);
                agreement.doPhase(factory.generatePublic(new X509EncodedKeySpec(encoded)), true);
                return agreement.generateSecret();
            }
        };
    }

    /**
     * ML-KEM-768 then X25519, on the providers the engine would use for them, joined into one
     * ciphertext and one secret as any implementation of the hybrid must (draft-ietf-tls-ecdhe-mlkem).
     */
    static Raw hybrid(CryptoProvider mlKemProvider, CryptoProvider x25519Provider, KeyPair pair, SecureRandom random)
            throws GeneralSecurityException {
        byte[] raw = pair.publicKey().raw();
        var mlKemPublic = io.quantumsafe.crypto.KeyCodec.publicKeyFromRaw(Algorithm.ML_KEM_768, Arrays.copyOf(raw, 1184));
        var xPublic = io.quantumsafe.crypto.KeyCodec.publicKeyFromRaw(Algorithm.X25519, Arrays.copyOfRange(raw, 1184, raw.length));
        byte[] rawPrivate = pair.privateKey().encoded();
        var mlKemPrivate = io.quantumsafe.crypto.KeyCodec.decodePrivateKey(Algorithm.ML_KEM_768,
                pkcs8(Algorithm.ML_KEM_768, Arrays.copyOf(rawPrivate, 2400)));
        var xPrivate = io.quantumsafe.crypto.KeyCodec.decodePrivateKey(Algorithm.X25519,
                pkcs8(Algorithm.X25519, Arrays.copyOfRange(rawPrivate, 2400, rawPrivate.length)));
        Raw lattice = mlKem(Algorithm.ML_KEM_768, mlKemProvider, mlKemPublic.encoded(), mlKemPrivate.encoded(), random);
        Raw curve = x25519(x25519Provider, xPublic.encoded(), xPrivate.encoded(), random);
        return new Raw() {
            @Override
            public Object encapsulate() throws GeneralSecurityException {
                Object[] first = (Object[]) lattice.encapsulate();
                byte[][] second = (byte[][]) curve.encapsulate();
                return new byte[][] {concat((byte[]) first[0], second[0]),
                        concat(((javax.crypto.SecretKey) first[1]).getEncoded(), second[1])};
            }

            @Override
            public Object decapsulate(byte[] ciphertext) throws GeneralSecurityException {
                javax.crypto.SecretKey first = (javax.crypto.SecretKey) lattice.decapsulate(Arrays.copyOf(ciphertext, 1088));
                byte[] second = (byte[]) curve.decapsulate(Arrays.copyOfRange(ciphertext, 1088, ciphertext.length));
                return concat(first.getEncoded(), second);
            }
        };
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    /** PKCS#8 with the raw key as an inner OCTET STRING (the expanded ML-KEM form; RFC 8410 for X25519). */
    private static byte[] pkcs8(Algorithm algorithm, byte[] key) {
        try {
            var id = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(new org.bouncycastle.asn1.ASN1ObjectIdentifier(algorithm.oid().orElseThrow()));
            return new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(id, new org.bouncycastle.asn1.DEROctetString(key)).getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
