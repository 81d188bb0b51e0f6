package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoProvider;
import io.quantumsafe.crypto.Kem;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Signer;
import io.quantumsafe.crypto.Verifier;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pairs of code paths {@link EngineOverhead} times against each other, on the engine's default
 * providers: the raw JCA calls against the engine, and the engine without observers against the
 * engine with a counting observer (the audit hook every operation passes). The two sides of a pair
 * work on the same keys, messages and ciphertexts, and use the same SecureRandom instance.
 */
final class OverheadCases {
    /** The algorithms of the crypto/README.md overhead table, in its order. */
    static final List<Algorithm> defaults = List.of(Algorithm.ML_KEM_768, Algorithm.ML_DSA_44, Algorithm.ML_DSA_65,
            Algorithm.ED25519, Algorithm.ECDSA_P256, Algorithm.FN_DSA_512, Algorithm.X25519, Algorithm.X25519_MLKEM768);

    private OverheadCases() {}

    /** One operation; {@code i} selects the inputs, so both sides of a pair see the same sequence. */
    interface Op {
        Object run(int i) throws Exception;
    }

    /** A baseline and a subject timed against it; {@code random} is rewound before each block of either. */
    record Comparison(Algorithm algorithm, String providers, String operation, Op baseline, Op subject,
                      ReplayableRandom random) {}

    /** The comparisons for one algorithm: raw against engine, and (if asked) unobserved against observed. */
    static List<Comparison> forAlgorithm(Algorithm algorithm, boolean withObserver) throws Exception {
        ReplayableRandom random = new ReplayableRandom();
        random.rewind(new SecureRandom().nextLong());
        // One SecureRandom for all three paths: the engine binds KEM encapsulators to its randomness,
        // and rewinding it makes both sides of a round draw the same numbers.
        PqcEngine plain = PqcEngine.builder().ignoreSystemProperties().random(random).build();
        LongAdder events = new LongAdder();
        PqcEngine observed = PqcEngine.builder().ignoreSystemProperties().random(random)
                .observer(event -> events.increment()).build();
        Sides raw = algorithm.isKem() ? rawKem(algorithm, plain, random) : rawSignature(algorithm, plain, random);
        List<Op> engine = engineOps(algorithm, plain, raw);
        List<Op> audited = engineOps(algorithm, observed, raw);
        String providers = providers(algorithm, plain);
        List<Comparison> comparisons = new ArrayList<>();
        for (int o = 0; o < raw.names.size(); o++) {
            comparisons.add(new Comparison(algorithm, providers, raw.names.get(o), raw.ops.get(o), engine.get(o), random));
        }
        if (withObserver) {
            for (int o = 0; o < raw.names.size(); o++) {
                comparisons.add(new Comparison(algorithm, providers, raw.names.get(o), engine.get(o), audited.get(o), random));
            }
        }
        return comparisons;
    }

    static String providers(Algorithm algorithm, PqcEngine engine) {
        if (algorithm != Algorithm.X25519_MLKEM768) return engine.providerFor(algorithm).toString();
        return engine.providerFor(Algorithm.ML_KEM_768) + " + " + engine.providerFor(Algorithm.X25519);
    }

    /** Inputs and the operations over them, in the order keygen, sign/encapsulate, verify/decapsulate. */
    private record Sides(KeyPair[] pairs, byte[][] messages, byte[][][] signatures, byte[][] ciphertexts,
                         List<String> names, List<Op> ops) {}

    private static boolean keygenMeasured(Algorithm algorithm) {
        // FN-DSA key generation takes milliseconds and is not on any hot path; the README table omits it.
        return algorithm != Algorithm.FN_DSA_512 && algorithm != Algorithm.FN_DSA_1024;
    }

    private static Sides rawSignature(Algorithm algorithm, PqcEngine engine, SecureRandom random) throws Exception {
        CryptoProvider provider = engine.providerFor(algorithm);
        Provider jca = JcaNames.provider(algorithm, provider);
        KeyPair[] pairs = BenchKeys.keyPairs(engine, algorithm);
        byte[][] messages = BenchKeys.messages(algorithm);
        KeyFactory keyFactory = KeyFactory.getInstance(JcaNames.keyFactory(algorithm), jca);
        Signature[] signers = new Signature[pairs.length];
        Signature[] verifiers = new Signature[pairs.length];
        byte[][][] signatures = new byte[pairs.length][messages.length][];
        for (int k = 0; k < pairs.length; k++) {
            // Kept initialised per key, as the engine keeps its pooled Signatures: the fastest plain JCA use.
            signers[k] = Signature.getInstance(JcaNames.signature(algorithm, provider), jca);
            signers[k].initSign(keyFactory.generatePrivate(new PKCS8EncodedKeySpec(pairs[k].privateKey().encoded())), random);
            verifiers[k] = Signature.getInstance(JcaNames.signature(algorithm, provider), jca);
            verifiers[k].initVerify(keyFactory.generatePublic(new X509EncodedKeySpec(pairs[k].publicKey().encoded())));
            for (int m = 0; m < messages.length; m++) {
                signers[k].update(messages[m]);
                signatures[k][m] = signers[k].sign();
            }
        }
        KeyPairGenerator generator = JcaNames.generator(algorithm, provider, random);
        int keys = pairs.length;
        int mask = keys * messages.length - 1;
        List<String> names = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        if (keygenMeasured(algorithm)) {
            names.add("keygen");
            ops.add(i -> generator.generateKeyPair());
        }
        names.add("sign");
        ops.add(i -> {
            int j = i & mask;
            Signature signature = signers[j % keys];
            signature.update(messages[j / keys]);
            return signature.sign();
        });
        names.add("verify");
        ops.add(i -> {
            int j = i & mask;
            Signature signature = verifiers[j % keys];
            signature.update(messages[j / keys]);
            if (!signature.verify(signatures[j % keys][j / keys])) throw new IllegalStateException("raw verify failed");
            return signature;
        });
        return new Sides(pairs, messages, signatures, null, names, ops);
    }

    private static Sides rawKem(Algorithm algorithm, PqcEngine engine, SecureRandom random) throws Exception {
        KeyPair[] pairs = BenchKeys.keyPairs(engine, algorithm);
        Kem kem = engine.kem(algorithm);
        byte[][] ciphertexts = new byte[pairs.length][];
        RawKems.Raw[] raw = new RawKems.Raw[pairs.length];
        CryptoProvider provider = engine.providerFor(algorithm);
        for (int k = 0; k < pairs.length; k++) {
            ciphertexts[k] = kem.encapsulate(pairs[k].publicKey()).ciphertext();
            raw[k] = algorithm == Algorithm.X25519_MLKEM768
                    ? RawKems.hybrid(engine.providerFor(Algorithm.ML_KEM_768), engine.providerFor(Algorithm.X25519), pairs[k], random)
                    : RawKems.forKey(algorithm, provider, pairs[k], random);
        }
        Op keygen;
        if (algorithm == Algorithm.X25519_MLKEM768) {
            // The hybrid has no JCA generator of its own: its raw key generation is its two components'.
            KeyPairGenerator lattice = JcaNames.generator(Algorithm.ML_KEM_768, engine.providerFor(Algorithm.ML_KEM_768), random);
            KeyPairGenerator curve = JcaNames.generator(Algorithm.X25519, engine.providerFor(Algorithm.X25519), random);
            keygen = i -> new Object[] {lattice.generateKeyPair(), curve.generateKeyPair()};
        } else {
            KeyPairGenerator generator = JcaNames.generator(algorithm, provider, random);
            keygen = i -> generator.generateKeyPair();
        }
        int mask = pairs.length - 1;
        List<Op> ops = List.of(keygen, i -> raw[i & mask].encapsulate(), i -> raw[i & mask].decapsulate(ciphertexts[i & mask]));
        return new Sides(pairs, null, null, ciphertexts, List.of("keygen", "encapsulate", "decapsulate"), ops);
    }

    /** The engine's operations over the raw side's inputs, in the raw side's order. */
    private static List<Op> engineOps(Algorithm algorithm, PqcEngine engine, Sides raw) {
        KeyPair[] pairs = raw.pairs;
        byte[][] messages = raw.messages, ciphertexts = raw.ciphertexts;
        byte[][][] signatures = raw.signatures;
        int mask = pairs.length - 1;
        if (algorithm.isKem()) {
            Kem kem = engine.kem(algorithm);
            return List.of(i -> kem.generateKeyPair(), i -> kem.encapsulate(pairs[i & mask].publicKey()),
                    i -> kem.decapsulate(pairs[i & mask].privateKey(), ciphertexts[i & mask]));
        }
        Signer[] signers = new Signer[pairs.length];
        Verifier[] verifiers = new Verifier[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            signers[k] = engine.signer(pairs[k].privateKey());
            verifiers[k] = engine.verifier(pairs[k].publicKey());
        }
        int keys = pairs.length;
        int inputMask = keys * messages.length - 1;
        List<Op> ops = new ArrayList<>();
        if (keygenMeasured(algorithm)) ops.add(i -> engine.generateKeyPair(algorithm));
        ops.add(i -> {
            int j = i & inputMask;
            return signers[j % keys].sign(messages[j / keys]);
        });
        ops.add(i -> {
            int j = i & inputMask;
            if (!verifiers[j % keys].verify(messages[j / keys], signatures[j % keys][j / keys])) {
                throw new IllegalStateException("engine verify failed");
            }
            return verifiers[j % keys];
        });
        return ops;
    }
}
