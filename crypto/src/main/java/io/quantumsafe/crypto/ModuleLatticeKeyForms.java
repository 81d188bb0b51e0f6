package io.quantumsafe.crypto;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.crypto.params.MLDSAParameters;
import org.bouncycastle.crypto.params.MLDSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;

/**
 * The three private-key forms of ML-KEM and ML-DSA (RFC 9881 / draft-ietf-lamps-kyber-certificates):
 * {@code seed [0] OCTET STRING}, {@code expandedKey OCTET STRING}, and
 * {@code both SEQUENCE {seed, expandedKey}}, plus the raw bytes some early encoders wrote.
 *
 * <p>Whatever the form, the result is the expanded key and its public key, checked for consistency:
 * a seed must expand to the stored expanded key, an ML-DSA expanded key must carry
 * {@code tr = H(pk)} of its own public key (FIPS 204 Algorithm 6), and an ML-KEM one must carry
 * {@code H(ek)} of its embedded encapsulation key (the FIPS 203 section 7.3 hash check).
 */
final class ModuleLatticeKeyForms {
    private ModuleLatticeKeyForms() {}

    /** An expanded private key with its public key, both raw. */
    record Expanded(byte[] expandedKey, byte[] publicKey) {}

    static boolean handles(Algorithm algorithm) {
        return isMlDsa(algorithm) || isMlKem(algorithm);
    }

    static int seedBytes(Algorithm algorithm) {
        return isMlDsa(algorithm) ? 32 : 64;
    }

    /** Reads any of the forms from the content of PKCS#8's privateKey OCTET STRING. */
    static Expanded read(Algorithm algorithm, byte[] privateKeyContent) {
        byte[] seed = null;
        byte[] expanded = null;
        int seedBytes = seedBytes(algorithm);
        int expandedBytes = algorithm.privateKeyBytes();
        if (privateKeyContent.length == expandedBytes) {
            expanded = privateKeyContent.clone();
        } else if (privateKeyContent.length == seedBytes) {
            seed = privateKeyContent.clone();
        } else {
            ASN1Primitive form = parse(algorithm, privateKeyContent);
            if (form instanceof ASN1TaggedObject tagged && tagged.getTagClass() == BERTags.CONTEXT_SPECIFIC
                    && tagged.getTagNo() == 0) {
                seed = ASN1OctetString.getInstance(tagged, false).getOctets();
            } else if (form instanceof ASN1OctetString octets) {
                expanded = octets.getOctets();
            } else if (form instanceof ASN1Sequence both && both.size() == 2
                    && both.getObjectAt(0) instanceof ASN1OctetString s
                    && both.getObjectAt(1) instanceof ASN1OctetString e) {
                seed = s.getOctets();
                expanded = e.getOctets();
            } else {
                throw new CorruptedKeyException(algorithm + " private key is in none of the seed, expanded or both forms");
            }
        }
        try {
            if (seed != null && seed.length != seedBytes) {
                throw new CorruptedKeyException(algorithm + " seed is " + seed.length + " bytes, expected " + seedBytes);
            }
            if (expanded != null && expanded.length != expandedBytes) {
                throw new CorruptedKeyException(algorithm + " expanded private key is " + expanded.length
                        + " bytes, expected " + expandedBytes);
            }
            if (seed != null) {
                Expanded fromSeed = expand(algorithm, seed);
                if (expanded != null && !MessageDigest.isEqual(expanded, fromSeed.expandedKey())) {
                    throw new CorruptedKeyException(algorithm + " private key's seed does not expand to its expanded key");
                }
                return fromSeed;
            }
            return new Expanded(expanded.clone(), publicKeyOf(algorithm, expanded));
        } finally {
            if (seed != null) Arrays.fill(seed, (byte) 0);
            if (expanded != null) Arrays.fill(expanded, (byte) 0);
        }
    }

    /** Expands a seed (ML-DSA: xi, 32 bytes; ML-KEM: d || z, 64 bytes) with the FIPS key generation. */
    static Expanded expand(Algorithm algorithm, byte[] seed) {
        if (isMlDsa(algorithm)) {
            MLDSAPrivateKeyParameters key = new MLDSAPrivateKeyParameters(mlDsaParameters(algorithm), seed);
            return new Expanded(key.getEncoded(), key.getPublicKey());
        }
        MLKEMPrivateKeyParameters key = new MLKEMPrivateKeyParameters(mlKemParameters(algorithm), seed);
        return new Expanded(key.getEncoded(), key.getPublicKey());
    }

    private static byte[] publicKeyOf(Algorithm algorithm, byte[] expanded) {
        return isMlDsa(algorithm) ? mlDsaPublicKey(algorithm, expanded) : mlKemPublicKey(algorithm, expanded);
    }

    private static byte[] mlDsaPublicKey(Algorithm algorithm, byte[] expanded) {
        byte[] publicKey;
        try {
            publicKey = new MLDSAPrivateKeyParameters(mlDsaParameters(algorithm), expanded, null).getPublicKey();
        } catch (RuntimeException e) {
            throw new CorruptedKeyException(algorithm + " expanded private key does not decode", e);
        }
        // sk = rho (32) || K (32) || tr (64) || ...; tr = SHAKE256(pk, 64) binds the key to its public key.
        byte[] tr = new byte[64];
        SHAKEDigest shake = new SHAKEDigest(256);
        shake.update(publicKey, 0, publicKey.length);
        shake.doFinal(tr, 0, tr.length);
        if (!MessageDigest.isEqual(tr, Arrays.copyOfRange(expanded, 64, 128))) {
            throw new CorruptedKeyException(algorithm + " private key is corrupted: tr does not match its public key");
        }
        return publicKey;
    }

    private static byte[] mlKemPublicKey(Algorithm algorithm, byte[] expanded) {
        // dk = dk_PKE (384k) || ek (384k + 32) || H(ek) (32) || z (32)
        int k = switch (algorithm) {
            case ML_KEM_512 -> 2;
            case ML_KEM_768 -> 3;
            default -> 4;
        };
        byte[] ek = Arrays.copyOfRange(expanded, 384 * k, 768 * k + 32);
        byte[] hash = Arrays.copyOfRange(expanded, 768 * k + 32, 768 * k + 64);
        try {
            if (!MessageDigest.isEqual(MessageDigest.getInstance("SHA3-256").digest(ek), hash)) {
                throw new CorruptedKeyException(algorithm + " private key is corrupted: H(ek) check failed (FIPS 203 section 7.3)");
            }
        } catch (NoSuchAlgorithmException e) {
            throw new ProviderFailureException("SHA3-256 is missing from this JDK", e);
        }
        return ek;
    }

    private static ASN1Primitive parse(Algorithm algorithm, byte[] content) {
        try {
            return ASN1Primitive.fromByteArray(content);
        } catch (IOException | RuntimeException e) {
            throw new CorruptedKeyException(algorithm + " private key content is not valid DER", e);
        }
    }

    private static boolean isMlDsa(Algorithm algorithm) {
        return algorithm == Algorithm.ML_DSA_44 || algorithm == Algorithm.ML_DSA_65 || algorithm == Algorithm.ML_DSA_87;
    }

    private static boolean isMlKem(Algorithm algorithm) {
        return algorithm == Algorithm.ML_KEM_512 || algorithm == Algorithm.ML_KEM_768 || algorithm == Algorithm.ML_KEM_1024;
    }

    private static MLDSAParameters mlDsaParameters(Algorithm algorithm) {
        return switch (algorithm) {
            case ML_DSA_44 -> MLDSAParameters.ml_dsa_44;
            case ML_DSA_65 -> MLDSAParameters.ml_dsa_65;
            default -> MLDSAParameters.ml_dsa_87;
        };
    }

    private static MLKEMParameters mlKemParameters(Algorithm algorithm) {
        return switch (algorithm) {
            case ML_KEM_512 -> MLKEMParameters.ml_kem_512;
            case ML_KEM_768 -> MLKEMParameters.ml_kem_768;
            default -> MLKEMParameters.ml_kem_1024;
        };
    }
}
