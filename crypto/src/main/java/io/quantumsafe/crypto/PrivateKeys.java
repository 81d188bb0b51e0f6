package io.quantumsafe.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.jcajce.interfaces.SLHDSAPrivateKey;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.pqc.jcajce.interfaces.FalconPrivateKey;

/**
 * Turns a parsed PKCS#8 structure into an engine {@link PrivateKey}: normalises it to the one
 * canonical form the engine writes, and derives its public key, so that every private key knows
 * its public key whatever form it arrived in.
 */
final class PrivateKeys {
    private static final X9ECParameters P256 = ECNamedCurveTable.getByName("secp256r1");

    private PrivateKeys() {}

    static PrivateKey fromPkcs8(Algorithm algorithm, PrivateKeyInfo info, byte[] original) {
        return switch (algorithm) {
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024, ML_DSA_44, ML_DSA_65, ML_DSA_87 -> moduleLattice(algorithm, info);
            case ED25519, X25519 -> edwardsOrMontgomery(algorithm, info);
            case ECDSA_P256 -> ecdsa(info);
            case ML_DSA_65_ED25519 -> composite(info);
            case X25519_MLKEM768 -> throw new IllegalArgumentException("hybrid KEM keys are not PKCS#8");
            default -> bouncyCastleOnly(algorithm, info, original);
        };
    }

    private static PrivateKey moduleLattice(Algorithm algorithm, PrivateKeyInfo info) {
        byte[] content = info.getPrivateKey().getOctets();
        ModuleLatticeKeyForms.Expanded expanded = ModuleLatticeKeyForms.read(algorithm, content);
        Arrays.fill(content, (byte) 0);
        try {
            byte[] canonical = der(KeyCodec.pkcs8Info(algorithm, expanded.expandedKey()));
            PublicKey publicKey = KeyCodec.publicKeyFromRaw(algorithm, expanded.publicKey());
            return new PrivateKey(algorithm, canonical, publicKey, null, null, null);
        } finally {
            Arrays.fill(expanded.expandedKey(), (byte) 0);
        }
    }

    /** RFC 8410: the private key is a 32-byte OCTET STRING inside the PKCS#8 privateKey. */
    private static PrivateKey edwardsOrMontgomery(Algorithm algorithm, PrivateKeyInfo info) {
        byte[] scalar;
        try {
            scalar = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        } catch (IOException | RuntimeException e) {
            throw new CorruptedKeyException(algorithm + " private key is not an RFC 8410 CurvePrivateKey", e);
        }
        try {
            if (scalar.length != 32) {
                throw new CorruptedKeyException(algorithm + " private key is " + scalar.length + " bytes, expected 32");
            }
            byte[] publicRaw = algorithm == Algorithm.ED25519
                    ? new Ed25519PrivateKeyParameters(scalar).generatePublicKey().getEncoded()
                    : new X25519PrivateKeyParameters(scalar).generatePublicKey().getEncoded();
            checkEmbeddedPublicKey(algorithm, info, publicRaw);
            byte[] canonical = der(KeyCodec.pkcs8Info(algorithm, scalar));
            return new PrivateKey(algorithm, canonical, KeyCodec.publicKeyFromRaw(algorithm, publicRaw), null, null, null);
        } finally {
            Arrays.fill(scalar, (byte) 0);
        }
    }

    /** RFC 5915 ECPrivateKey; the public point is recomputed and must match the embedded one if present. */
    private static PrivateKey ecdsa(PrivateKeyInfo info) {
        Algorithm algorithm = Algorithm.ECDSA_P256;
        ECPrivateKey ec;
        try {
            ec = ECPrivateKey.getInstance(info.parsePrivateKey());
        } catch (IOException | RuntimeException e) {
            throw new CorruptedKeyException("ECDSA private key is not an RFC 5915 ECPrivateKey", e);
        }
        BigInteger d = ec.getKey();
        if (d.signum() <= 0 || d.compareTo(P256.getN()) >= 0) {
            throw new CorruptedKeyException("ECDSA private key scalar is outside [1, n-1] for P-256");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(P256.getG(), d).normalize();
        byte[] publicRaw = q.getEncoded(false);
        DERBitString embedded = (DERBitString) ec.getPublicKey();
        if (embedded != null && !MessageDigest.isEqual(embedded.getOctets(), publicRaw)) {
            throw new CorruptedKeyException("ECDSA private key's embedded public key does not match its scalar");
        }
        ECPrivateKey canonicalEc = new ECPrivateKey(256, d, new DERBitString(publicRaw), null);
        byte[] canonical;
        try {
            canonical = der(new PrivateKeyInfo(KeyCodec.algorithmIdentifier(algorithm), canonicalEc));
        } catch (IOException e) {
            throw new ProviderFailureException("cannot encode an ECDSA private key", e);
        }
        return new PrivateKey(algorithm, canonical, KeyCodec.publicKeyFromRaw(algorithm, publicRaw), null, null, null);
    }

    /**
     * Composite ML-DSA-65 + Ed25519 (draft-ietf-lamps-pq-composite-sigs): the privateKey content is
     * the raw concatenation of the ML-DSA-65 seed and the Ed25519 private key, 32 bytes each.
     */
    private static PrivateKey composite(PrivateKeyInfo info) {
        Algorithm algorithm = Algorithm.ML_DSA_65_ED25519;
        byte[] content = info.getPrivateKey().getOctets();
        try {
            if (content.length != algorithm.privateKeyBytes()) {
                throw new CorruptedKeyException(algorithm + " private key is " + content.length + " bytes, expected "
                        + algorithm.privateKeyBytes() + " (ML-DSA-65 seed || Ed25519 key)");
            }
            byte[] seed = Arrays.copyOfRange(content, 0, 32);
            byte[] edKey = Arrays.copyOfRange(content, 32, 64);
            ModuleLatticeKeyForms.Expanded mlDsa = ModuleLatticeKeyForms.expand(Algorithm.ML_DSA_65, seed);
            byte[] edPublic = new Ed25519PrivateKeyParameters(edKey).generatePublicKey().getEncoded();
            Arrays.fill(seed, (byte) 0);
            Arrays.fill(edKey, (byte) 0);
            Arrays.fill(mlDsa.expandedKey(), (byte) 0);
            PublicKey publicKey = KeyCodec.publicKeyFromRaw(algorithm, KeyCodec.concat(mlDsa.publicKey(), edPublic));
            byte[] canonical = der(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    new ASN1Integer(0), KeyCodec.algorithmIdentifier(algorithm), new DEROctetString(content)}));
            return new PrivateKey(algorithm, canonical, publicKey, null, null, null);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** SLH-DSA and FN-DSA: only Bouncy Castle reads them, so its encoding is the canonical one. */
    private static PrivateKey bouncyCastleOnly(Algorithm algorithm, PrivateKeyInfo info, byte[] original) {
        java.security.PrivateKey key;
        try {
            byte[] der = original != null ? original : der(info);
            KeyFactory factory = KeyFactory.getInstance(Providers.names(algorithm, CryptoProvider.BOUNCY_CASTLE).keyFactory(),
                    Providers.bouncyCastle());
            key = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (java.security.spec.InvalidKeySpecException | RuntimeException e) {
            throw new CorruptedKeyException(algorithm + " private key does not decode: " + e.getMessage(), e);
        } catch (java.security.GeneralSecurityException e) {
            throw new ProviderFailureException("Bouncy Castle cannot load " + algorithm + " keys", e);
        }
        java.security.PublicKey jcaPublic = switch (key) {
            case SLHDSAPrivateKey slh -> slh.getPublicKey();
            case FalconPrivateKey falcon -> falcon.getPublicKey();
            default -> throw new CorruptedKeyException("a " + algorithm + " OID on a " + key.getAlgorithm() + " key");
        };
        PublicKey publicKey = KeyCodec.decodePublicKey(algorithm, jcaPublic.getEncoded());
        PrivateKey result = new PrivateKey(algorithm, key.getEncoded(), publicKey, null, null, null);
        result.jcaKeys.put(CryptoProvider.BOUNCY_CASTLE, key);
        return result;
    }

    private static void checkEmbeddedPublicKey(Algorithm algorithm, PrivateKeyInfo info, byte[] derived) {
        if (info.getPublicKeyData() != null
                && !MessageDigest.isEqual(info.getPublicKeyData().getOctets(), derived)) {
            throw new CorruptedKeyException(algorithm + " private key's embedded public key does not match the key");
        }
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object object) {
        try {
            return object.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new ProviderFailureException("DER encoding failed", e);
        }
    }
}
