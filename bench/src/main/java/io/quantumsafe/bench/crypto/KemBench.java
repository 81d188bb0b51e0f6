package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.Encapsulation;
import io.quantumsafe.crypto.Kem;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.SharedSecret;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
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
 * Every KEM through hand-written JCA code ({@link RawKems}) and through the engine, on both
 * providers, in one run. The raw baseline keeps one encapsulator/decapsulator per key, as the JCA
 * allows (they are immutable and thread-safe).
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
    private RawKems.Raw[] raw;
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
        SecureRandom random = new SecureRandom();
        raw = new RawKems.Raw[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            ciphertexts[k] = kem.encapsulate(pairs[k].publicKey()).ciphertext();
            raw[k] = RawKems.forKey(algorithm, benchCase.provider(), pairs[k], random);
        }
        // The hybrid has no single JCA key pair generator; its raw keygen is the two components'.
        rawGenerator = algorithm == Algorithm.X25519_MLKEM768 ? null : JcaNames.generator(algorithm, benchCase.provider(), random);
        rawSecondGenerator = algorithm == Algorithm.X25519_MLKEM768
                ? JcaNames.generator(Algorithm.X25519, benchCase.provider(), random) : null;
        rawFirstGenerator = algorithm == Algorithm.X25519_MLKEM768
                ? JcaNames.generator(Algorithm.ML_KEM_768, benchCase.provider(), random) : null;
    }

    private KeyPairGenerator rawFirstGenerator;
    private KeyPairGenerator rawSecondGenerator;

    private int advance() {
        return next = (next + 1) & (pairs.length - 1);
    }

    @Benchmark
    public Object rawEncapsulate() throws Exception {
        return raw[advance()].encapsulate();
    }

    @Benchmark
    public Encapsulation engineEncapsulate() {
        return kem.encapsulate(pairs[advance()].publicKey());
    }

    @Benchmark
    public Object rawDecapsulate() throws Exception {
        int k = advance();
        return raw[k].decapsulate(ciphertexts[k]);
    }

    @Benchmark
    public SharedSecret engineDecapsulate() {
        int k = advance();
        return kem.decapsulate(pairs[k].privateKey(), ciphertexts[k]);
    }

    @Benchmark
    public Object rawKeygen() {
        if (rawGenerator != null) return rawGenerator.generateKeyPair();
        return new Object[] {rawFirstGenerator.generateKeyPair(), rawSecondGenerator.generateKeyPair()};
    }

    @Benchmark
    public KeyPair engineKeygen() {
        return kem.generateKeyPair();
    }
}
