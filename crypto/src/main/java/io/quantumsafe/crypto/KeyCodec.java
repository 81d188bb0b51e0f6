package io.quantumsafe.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads and writes keys in their standard encodings: X.509 SubjectPublicKeyInfo and PKCS#8, DER or
 * PEM. Every decoder checks the length before parsing and maps every parse failure to
 * {@link MalformedInputException} or {@link CorruptedKeyException}.
 */
public final class KeyCodec {
    /** Larger than any key of any supported algorithm (ML-DSA-87 PKCS#8 is about 4.9 KB). */
    public static final int encodedKeyBytesMax = 16 * 1024;

    private static final int mlKem768PublicBytes = Algorithm.ML_KEM_768.publicKeyBytes();
    private static final int mlKem768PrivateBytes = Algorithm.ML_KEM_768.privateKeyBytes();

    private KeyCodec() {}

    // ---------------------------------------------------------------- public keys

    /** Decodes a SubjectPublicKeyInfo; the algorithm comes from its OID. */
    public static PublicKey decodePublicKey(byte[] subjectPublicKeyInfo) {
        checkSize(subjectPublicKeyInfo, "public key");
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(subjectPublicKeyInfo));
        } catch (IOException | RuntimeException e) {
            throw new MalformedInputException("not an X.509 SubjectPublicKeyInfo: " + e.getMessage(), e);
        }
        if (info == null) throw new MalformedInputException("empty public key encoding");
        Algorithm algorithm = algorithmOf(info.getAlgorithm());
        byte[] raw;
        try {
            raw = info.getPublicKeyData().getOctets();
        } catch (RuntimeException e) {
            throw new MalformedInputException(algorithm + " public key BIT STRING has padding bits", e);
        }
        try {
            return publicKeyFromRaw(algorithm, raw);
        } catch (CryptoException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedInputException(algorithm + " public key has an invalid structure: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a public key of a known algorithm from its SubjectPublicKeyInfo or its raw bytes
     * (the only form X25519MLKEM768 has).
     *
     * @throws KeyMismatchException if the encoding is a key of another algorithm
     */
    public static PublicKey decodePublicKey(Algorithm algorithm, byte[] encoded) {
        checkSize(encoded, "public key");
        if (encoded.length == algorithm.publicKeyBytes() || algorithm == Algorithm.X25519_MLKEM768) {
            return publicKeyFromRaw(algorithm, encoded);
        }
        PublicKey key = decodePublicKey(encoded);
        if (key.algorithm() != algorithm) {
            throw new KeyMismatchException("expected a " + algorithm + " public key, got " + key.algorithm());
        }
        return key;
    }

    /**
     * Builds a public key from its raw bytes (the content of the SubjectPublicKeyInfo BIT STRING) and
     * checks that the provider accepts it, so that a bad key fails here rather than at first use.
     */
    public static PublicKey publicKeyFromRaw(Algorithm algorithm, byte[] raw) {
        PublicKey key = publicKeyFromRawUnvalidated(algorithm, raw);
        if (algorithm != Algorithm.X25519_MLKEM768) {
            key.jcaKeys.get(CryptoProvider.BOUNCY_CASTLE, () -> toJca(key, CryptoProvider.BOUNCY_CASTLE));
        }
        return key;
    }

    /** As {@link #publicKeyFromRaw}, leaving the provider's parse to first use (hot paths such as X25519 shares). */
    static PublicKey publicKeyFromRawUnvalidated(Algorithm algorithm, byte[] raw) {
        if (raw.length != algorithm.publicKeyBytes()) {
            throw new MalformedInputException(algorithm + " public key is " + raw.length + " bytes, expected "
                    + algorithm.publicKeyBytes());
        }
        if (algorithm == Algorithm.X25519_MLKEM768) {
            PublicKey mlKem = publicKeyFromRaw(Algorithm.ML_KEM_768, Arrays.copyOfRange(raw, 0, mlKem768PublicBytes));
            PublicKey x25519 = publicKeyFromRaw(Algorithm.X25519, Arrays.copyOfRange(raw, mlKem768PublicBytes, raw.length));
            return new PublicKey(algorithm, raw.clone(), raw.clone(), new PublicKey[] {mlKem, x25519});
        }
        if (algorithm.name().startsWith("ML_KEM")) checkEncapsulationKey(algorithm, raw);
        return new PublicKey(algorithm, SubjectPublicKeyInfos.encode(algorithm, raw), raw.clone(), null);
    }

    /**
     * FIPS 203 section 7.2 input check: every 12-bit coefficient of the encapsulation key must be
     * below q = 3329, or ByteEncode(ByteDecode(ek)) would not return ek.
     */
    private static void checkEncapsulationKey(Algorithm algorithm, byte[] ek) {
        int polynomialBytes = ek.length - 32;
        for (int i = 0; i < polynomialBytes; i += 3) {
            int b0 = ek[i] & 0xff;
            int b1 = ek[i + 1] & 0xff;
            int b2 = ek[i + 2] & 0xff;
            int first = b0 | ((b1 & 0x0f) << 8);
            int second = (b1 >>> 4) | (b2 << 4);
            if (first >= 3329 || second >= 3329) {
                throw new MalformedInputException(algorithm + " encapsulation key fails the modulus check (FIPS 203 section 7.2)");
            }
        }
    }

    // ---------------------------------------------------------------- private keys

    /** Decodes a PKCS#8 PrivateKeyInfo in any of the forms in use; the algorithm comes from its OID. */
    public static PrivateKey decodePrivateKey(byte[] pkcs8) {
        checkSize(pkcs8, "private key");
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(pkcs8));
        } catch (IOException | RuntimeException e) {
            throw new CorruptedKeyException("not a PKCS#8 PrivateKeyInfo: " + e.getMessage(), e);
        }
        if (info == null) throw new CorruptedKeyException("empty private key encoding");
        Algorithm algorithm = algorithmOf(info.getPrivateKeyAlgorithm());
        try {
            return PrivateKeys.fromPkcs8(algorithm, info, pkcs8);
        } catch (CryptoException e) {
            throw e;
        } catch (RuntimeException e) {
            // Bouncy Castle's ASN.1 layer parses lazily and signals bad structure with unchecked
            // exceptions of many types (ClassCast, IllegalArgument, IllegalState): all mean a corrupt key.
            throw new CorruptedKeyException(algorithm + " private key has an invalid structure: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a private key of a known algorithm: PKCS#8, or for X25519MLKEM768 the raw
     * {@code dk || X25519 scalar}.
     */
    public static PrivateKey decodePrivateKey(Algorithm algorithm, byte[] encoded) {
        checkSize(encoded, "private key");
        if (algorithm == Algorithm.X25519_MLKEM768) return hybridPrivateKey(encoded);
        PrivateKey key = decodePrivateKey(encoded);
        if (key.algorithm() != algorithm) {
            throw new KeyMismatchException("expected a " + algorithm + " private key, got " + key.algorithm());
        }
        return key;
    }

    private static PrivateKey hybridPrivateKey(byte[] raw) {
        Algorithm algorithm = Algorithm.X25519_MLKEM768;
        if (raw.length != algorithm.privateKeyBytes()) {
            throw new MalformedInputException(algorithm + " private key is " + raw.length + " bytes, expected "
                    + algorithm.privateKeyBytes());
        }
        byte[] dk = Arrays.copyOfRange(raw, 0, mlKem768PrivateBytes);
        byte[] scalar = Arrays.copyOfRange(raw, mlKem768PrivateBytes, raw.length);
        try {
            PrivateKey mlKem = PrivateKeys.fromPkcs8(Algorithm.ML_KEM_768, pkcs8Info(Algorithm.ML_KEM_768, dk), null);
            PrivateKey x25519 = PrivateKeys.fromPkcs8(Algorithm.X25519, pkcs8Info(Algorithm.X25519, scalar), null);
            byte[] publicRaw = concat(mlKem.publicKey().rawUnsafe(), x25519.publicKey().rawUnsafe());
            PublicKey publicKey = publicKeyFromRaw(algorithm, publicRaw);
            return new PrivateKey(algorithm, raw.clone(), publicKey, null, null, new PrivateKey[] {mlKem, x25519});
        } finally {
            Arrays.fill(dk, (byte) 0);
            Arrays.fill(scalar, (byte) 0);
        }
    }

    static PrivateKeyInfo pkcs8Info(Algorithm algorithm, byte[] privateKeyContent) {
        try {
            return new PrivateKeyInfo(algorithmIdentifier(algorithm), new DEROctetString(privateKeyContent));
        } catch (IOException e) {
            throw new ProviderFailureException("cannot encode a " + algorithm + " private key", e);
        }
    }

    // ---------------------------------------------------------------- PEM

    /** PEM "PUBLIC KEY" (RFC 7468), or "X25519MLKEM768 PUBLIC KEY" for the raw hybrid key. */
    public static String toPem(PublicKey key) {
        String label = key.algorithm() == Algorithm.X25519_MLKEM768 ? "X25519MLKEM768 PUBLIC KEY" : "PUBLIC KEY";
        return pem(label, key.encodedUnsafe());
    }

    /** PEM "PRIVATE KEY", unencrypted: for export to other tools only; the key store encrypts. */
    public static String toPem(PrivateKey key) {
        String label = key.algorithm() == Algorithm.X25519_MLKEM768 ? "X25519MLKEM768 PRIVATE KEY" : "PRIVATE KEY";
        return pem(label, key.encodedUnsafe());
    }

    public static PublicKey publicKeyFromPem(String pem) {
        Pem block = Pem.parse(pem);
        return switch (block.label()) {
            case "PUBLIC KEY" -> decodePublicKey(block.der());
            case "X25519MLKEM768 PUBLIC KEY" -> decodePublicKey(Algorithm.X25519_MLKEM768, block.der());
            default -> throw new MalformedInputException("expected a PEM PUBLIC KEY, found " + block.label());
        };
    }

    public static PrivateKey privateKeyFromPem(String pem) {
        Pem block = Pem.parse(pem);
        try {
            return switch (block.label()) {
                case "PRIVATE KEY" -> decodePrivateKey(block.der());
                case "X25519MLKEM768 PRIVATE KEY" -> decodePrivateKey(Algorithm.X25519_MLKEM768, block.der());
                default -> throw new MalformedInputException("expected a PEM PRIVATE KEY, found " + block.label());
            };
        } finally {
            Arrays.fill(block.der(), (byte) 0);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    // ---------------------------------------------------------------- shared helpers

    static java.security.PublicKey toJca(PublicKey key, CryptoProvider provider) {
        Algorithm algorithm = key.algorithm();
        byte[] encoded = key.encodedUnsafe();
        try {
            KeyFactory factory = KeyFactory.getInstance(Providers.names(algorithm, provider).keyFactory(),
                    Providers.provider(algorithm, provider));
            return factory.generatePublic(new X509EncodedKeySpec(encoded));
        } catch (java.security.spec.InvalidKeySpecException | RuntimeException e) {
            // Bouncy Castle reports some invalid keys (an Ed25519 point off the curve) as IllegalArgumentException.
            throw new CorruptedKeyException(algorithm + " public key is rejected by " + provider + ": " + e.getMessage(), e);
        } catch (java.security.GeneralSecurityException e) {
            throw new ProviderFailureException(provider + " cannot load " + algorithm + " keys", e);
        }
    }

    static java.security.PrivateKey toJca(PrivateKey key, CryptoProvider provider) {
        Algorithm algorithm = key.algorithm();
        byte[] encoded = key.encodedUnsafe();
        try {
            KeyFactory factory = KeyFactory.getInstance(Providers.names(algorithm, provider).keyFactory(),
                    Providers.provider(algorithm, provider));
            return factory.generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (java.security.spec.InvalidKeySpecException | RuntimeException e) {
            throw new CorruptedKeyException(algorithm + " private key is rejected by " + provider + ": " + e.getMessage(), e);
        } catch (java.security.GeneralSecurityException e) {
            throw new ProviderFailureException(provider + " cannot load " + algorithm + " keys", e);
        }
    }

    /**
     * The raw private key inside a canonical PKCS#8 whose privateKey holds an OCTET STRING: the
     * expanded ML-KEM key or the X25519 scalar. Used to build the raw hybrid encoding.
     */
    static byte[] rawPrivate(PrivateKey key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.encodedUnsafe());
            return org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | RuntimeException e) {
            throw new CorruptedKeyException(key.algorithm() + " private key has no raw OCTET STRING form", e);
        }
    }

    static AlgorithmIdentifier algorithmIdentifier(Algorithm algorithm) {
        ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(algorithm.oid().orElseThrow(
                () -> new UnsupportedAlgorithmException(algorithm + " has no standard key encoding")));
        return algorithm == Algorithm.ECDSA_P256
                ? new AlgorithmIdentifier(oid, X9ObjectIdentifiers.prime256v1)
                : new AlgorithmIdentifier(oid);
    }

    private static Algorithm algorithmOf(AlgorithmIdentifier identifier) {
        String oid = identifier.getAlgorithm().getId();
        Algorithm algorithm = Algorithm.fromOid(oid).orElseThrow(
                () -> new UnsupportedAlgorithmException("keys with algorithm OID " + oid + " are not supported"));
        if (algorithm == Algorithm.ECDSA_P256 && !X9ObjectIdentifiers.prime256v1.equals(identifier.getParameters())) {
            throw new UnsupportedAlgorithmException("only EC keys on P-256 (prime256v1) are supported");
        }
        return algorithm;
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static void checkSize(byte[] encoded, String what) {
        if (encoded == null || encoded.length == 0) throw new MalformedInputException(what + " is empty");
        if (encoded.length > encodedKeyBytesMax) {
            throw new MalformedInputException(what + " is " + encoded.length + " bytes, more than any supported key ("
                    + encodedKeyBytesMax + ")");
        }
    }
}
