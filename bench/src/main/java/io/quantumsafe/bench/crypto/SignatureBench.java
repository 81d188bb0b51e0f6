package io.quantumsafe.bench.crypto;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoProvider;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Signer;
import io.quantumsafe.crypto.Verifier;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
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
 * Every signature operation, through the raw JCA provider and through the engine on the same
 * provider, in one run: "raw*" is the baseline, "engine*" what QuantumSafe adds on top of it.
 * The raw baseline is the fastest plain JCA use: a Signature kept initialised per key.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class SignatureBench {
    @Param({
            "ML-DSA-44/JDK", "ML-DSA-44/BC", "ML-DSA-65/JDK", "ML-DSA-65/BC", "ML-DSA-87/JDK", "ML-DSA-87/BC",
            "SLH-DSA-SHA2-128s/BC", "SLH-DSA-SHA2-128f/BC", "SLH-DSA-SHAKE-256s/BC",
            "FN-DSA-512/BC", "FN-DSA-1024/BC",
            "Ed25519/JDK", "Ed25519/BC", "ECDSA-P256/JDK", "ECDSA-P256/BC",
            "ML-DSA-65+Ed25519/BC"})
    public String target;

    private Algorithm algorithm;
    private PqcEngine engine;
    private Signer[] signers;
    private Verifier[] verifiers;
    private Signature[] rawSigners;
    private Signature[] rawVerifiers;
    private KeyPairGenerator rawGenerator;
    private byte[][] messages;
    private byte[][][] signatures;
    private int next;
    private int keys;
    private int mask;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        BenchKeys.Case benchCase = BenchKeys.Case.parse(target);
        algorithm = benchCase.algorithm();
        engine = benchCase.engine();
        Provider provider = JcaNames.provider(algorithm, benchCase.provider());
        SecureRandom random = new SecureRandom();
        KeyPair[] pairs = BenchKeys.keyPairs(engine, algorithm);
        messages = BenchKeys.messages(algorithm);
        keys = pairs.length;
        mask = pairs.length * messages.length - 1;
        signers = new Signer[pairs.length];
        verifiers = new Verifier[pairs.length];
        rawSigners = new Signature[pairs.length];
        rawVerifiers = new Signature[pairs.length];
        signatures = new byte[pairs.length][messages.length][];
        KeyFactory keyFactory = KeyFactory.getInstance(JcaNames.keyFactory(algorithm), provider);
        for (int k = 0; k < pairs.length; k++) {
            signers[k] = engine.signer(pairs[k].privateKey());
            verifiers[k] = engine.verifier(pairs[k].publicKey());
            rawSigners[k] = Signature.getInstance(JcaNames.signature(algorithm, benchCase.provider()), provider);
            rawSigners[k].initSign(keyFactory.generatePrivate(new PKCS8EncodedKeySpec(pairs[k].privateKey().encoded())), random);
            rawVerifiers[k] = Signature.getInstance(JcaNames.signature(algorithm, benchCase.provider()), provider);
            rawVerifiers[k].initVerify(keyFactory.generatePublic(new X509EncodedKeySpec(pairs[k].publicKey().encoded())));
            for (int m = 0; m < messages.length; m++) signatures[k][m] = signers[k].sign(messages[m]);
        }
        rawGenerator = JcaNames.generator(algorithm, benchCase.provider(), random);
        if (Security.getProvider("BC") == null) throw new IllegalStateException("the engine registers BC");
    }

    private int advance() {
        return next = (next + 1) & mask;
    }

    @Benchmark
    public byte[] rawSign() throws Exception {
        int i = advance();
        Signature signature = rawSigners[i % keys];
        signature.update(messages[i / keys]);
        return signature.sign();
    }

    @Benchmark
    public byte[] engineSign() {
        int i = advance();
        return signers[i % keys].sign(messages[i / keys]);
    }

    @Benchmark
    public boolean rawVerify() throws Exception {
        int i = advance();
        int k = i % keys;
        int m = i / keys;
        Signature signature = rawVerifiers[k];
        signature.update(messages[m]);
        return signature.verify(signatures[k][m]);
    }

    @Benchmark
    public boolean engineVerify() {
        int i = advance();
        int k = i % keys;
        int m = i / keys;
        return verifiers[k].verify(messages[m], signatures[k][m]);
    }

    @Benchmark
    public java.security.KeyPair rawKeygen() {
        return rawGenerator.generateKeyPair();
    }

    @Benchmark
    public KeyPair engineKeygen() {
        return engine.generateKeyPair(algorithm);
    }
}
