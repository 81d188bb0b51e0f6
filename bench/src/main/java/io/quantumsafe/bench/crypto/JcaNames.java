package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoProvider;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Locale;
import org.bouncycastle.pqc.jcajce.spec.FalconParameterSpec;

/**
 * The plain JCA names a user of the providers would write, for the raw baselines. Deliberately
 * written out here rather than taken from the engine, so the baseline does not share its code.
 */
final class JcaNames {
    private JcaNames() {}

    static Provider provider(Algorithm algorithm, CryptoProvider provider) {
        if (provider == CryptoProvider.BOUNCY_CASTLE) return Security.getProvider("BC");
        String name = switch (algorithm) {
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> "SUN";
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> "SunJCE";
            default -> "SunEC";
        };
        return Security.getProvider(name);
    }

    static String signature(Algorithm algorithm, CryptoProvider provider) {
        return switch (algorithm) {
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> provider == CryptoProvider.JDK ? "ML-DSA" : algorithm.displayName();
            case FN_DSA_512 -> "FALCON-512";
            case FN_DSA_1024 -> "FALCON-1024";
            case ECDSA_P256 -> "SHA256withECDSA";
            case ML_DSA_65_ED25519 -> "MLDSA65-Ed25519-SHA512";
            default -> algorithm.displayName().toUpperCase(Locale.ROOT);
        };
    }

    static String keyFactory(Algorithm algorithm) {
        return switch (algorithm) {
            case ML_DSA_44, ML_DSA_65, ML_DSA_87 -> "ML-DSA";
            case ML_KEM_512, ML_KEM_768, ML_KEM_1024 -> "ML-KEM";
            case FN_DSA_512, FN_DSA_1024 -> "FALCON";
            case ECDSA_P256 -> "EC";
            case ML_DSA_65_ED25519 -> "MLDSA65-Ed25519-SHA512";
            case ED25519 -> "Ed25519";
            case X25519 -> "X25519";
            default -> "SLH-DSA";
        };
    }

    static KeyPairGenerator generator(Algorithm algorithm, CryptoProvider provider, SecureRandom random) throws Exception {
        Provider jca = provider(algorithm, provider);
        switch (algorithm) {
            case ECDSA_P256 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", jca);
                generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                return generator;
            }
            case FN_DSA_512, FN_DSA_1024 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("FALCON", jca);
                generator.initialize(algorithm == Algorithm.FN_DSA_512 ? FalconParameterSpec.falcon_512 : FalconParameterSpec.falcon_1024, random);
                return generator;
            }
            case ML_DSA_65_ED25519 -> {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("MLDSA65-Ed25519-SHA512", jca);
                generator.initialize(null, random);
                return generator;
            }
            default -> {
                String name = algorithm.displayName().toUpperCase(Locale.ROOT).startsWith("SLH")
                        ? algorithm.displayName().toUpperCase(Locale.ROOT) : algorithm.displayName();
                KeyPairGenerator generator = KeyPairGenerator.getInstance(name, jca);
                generator.initialize(new NamedParameterSpec(name), random);
                return generator;
            }
        }
    }
}
