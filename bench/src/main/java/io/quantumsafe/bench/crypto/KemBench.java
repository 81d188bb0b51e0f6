package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.Encapsulation;
import io.quantumsafe.crypto.Kem;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.SharedSecret;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KEM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ML-KEM through the raw JCA KEM API and through the engine, on both providers, in one run; plus
 * the engine's X25519 and X25519MLKEM768 (no single raw JCA equivalent exists for the hybrid, so
 * its raw columns are empty). The raw baseline keeps one encapsulator/decapsulator per key, as
 * the JCA allows (they are immutable and thread-safe).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class KemBench {
    @Param({"ML-KEM-512/JDK", "ML-KEM-512/BC", "ML-KEM-768/JDK", "ML-KEM-768/BC", "ML-KEM-1024/JDK", "ML-KEM-1024/BC",
            "X25519/JDK", "X25519/BC", "X25519MLKEM768/JDK", "X25519MLKEM768/BC"})
    public String target;

    private Algorithm algorithm;
    private PqcEngine engine;
    private Kem kem;
    private KeyPair[] pairs;
    private byte[][] ciphertexts;
    private KEM.Encapsulator[] rawEncapsulators;
    private KEM.Decapsulator[] rawDecapsulators;
    private KeyPairGenerator rawGenerator;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchKeys.Case benchCase = BenchKeys.Case.parse(target);
        algorithm = benchCase.algorithm();
        engine = benchCase.engine();
        kem = engine.kem(algorithm);
        pairs = BenchKeys.keyPairs(engine, algorithm);
        ciphertexts = new byte[pairs.length][];
        for (int k = 0; k < pairs.length; k++) ciphertexts[k] = kem.encapsulate(pairs[k].publicKey()).ciphertext();
        if (!algorithm.name().startsWith("ML_KEM")) return;
        Provider provider = JcaNames.provider(algorithm, benchCase.provider());
        SecureRandom random = new SecureRandom();
        KEM rawKem = KEM.getInstance("ML-KEM", provider);
        KeyFactory keyFactory = KeyFactory.getInstance("ML-KEM", provider);
        rawEncapsulators = new KEM.Encapsulator[pairs.length];
        rawDecapsulators = new KEM.Decapsulator[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            rawEncapsulators[k] = rawKem.newEncapsulator(
                    keyFactory.generatePublic(new X509EncodedKeySpec(pairs[k].publicKey().encoded())), random);
            rawDecapsulators[k] = rawKem.newDecapsulator(
                    keyFactory.generatePrivate(new PKCS8EncodedKeySpec(pairs[k].privateKey().encoded())));
        }
        rawGenerator = JcaNames.generator(algorithm, benchCase.provider(), random);
    }

    private int advance() {
        return next = (next + 1) & (pairs.length - 1);
    }

    @Benchmark
    public KEM.Encapsulated rawEncapsulate() {
        if (rawEncapsulators == null) return null;
        return rawEncapsulators[advance()].encapsulate();
    }

    @Benchmark
    public Encapsulation engineEncapsulate() {
        return kem.encapsulate(pairs[advance()].publicKey());
    }

    @Benchmark
    public javax.crypto.SecretKey rawDecapsulate() throws Exception {
        if (rawDecapsulators == null) return null;
        int k = advance();
        return rawDecapsulators[k].decapsulate(ciphertexts[k]);
    }

    @Benchmark
    public SharedSecret engineDecapsulate() {
        int k = advance();
        return kem.decapsulate(pairs[k].privateKey(), ciphertexts[k]);
    }

    @Benchmark
    public java.security.KeyPair rawKeygen() {
        if (rawGenerator == null) return null;
        return rawGenerator.generateKeyPair();
    }

    @Benchmark
    public KeyPair engineKeygen() {
        return kem.generateKeyPair();
    }
}
