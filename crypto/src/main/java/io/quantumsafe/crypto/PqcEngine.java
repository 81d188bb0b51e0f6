package io.quantumsafe.crypto;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The crypto engine: key generation, signers, verifiers and KEMs for every {@link Algorithm}, on the
 * provider chosen for it, reporting each operation to the registered observers.
 *
 * <pre>{@code
 * PqcEngine engine = PqcEngine.create();
 * KeyPair keys = engine.generateKeyPair(Algorithm.ML_DSA_65);
 * byte[] signature = engine.signer(keys.privateKey()).sign(message);
 * boolean valid = engine.verifier(keys.publicKey()).verify(message, signature);
 * }</pre>
 *
 * <p>Thread-safe. Providers can be overridden per algorithm in the builder or with the system
 * property {@code qsafe.provider.<algorithm>=JDK|BC} (e.g. {@code -Dqsafe.provider.ML-DSA-65=BC}).
 */
public final class PqcEngine {
    /** System property prefix for provider overrides. */
    public static final String providerPropertyPrefix = "qsafe.provider.";

    private final Map<Algorithm, CryptoProvider> providers;
    private final SecureRandom random;
    private final Observation observation;
    private final Map<Algorithm, ObservedKem> kems = new ConcurrentHashMap<>();
    private final Map<Algorithm, Pool<KeyPairGenerator>> generators = new ConcurrentHashMap<>();

    private PqcEngine(Map<Algorithm, CryptoProvider> providers, SecureRandom random, Observation observation) {
        this.providers = providers;
        this.random = random;
        this.observation = observation;
    }

    /** An engine with the measured default providers, system-property overrides and no observers. */
    public static PqcEngine create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The provider that runs {@code algorithm} in this engine. */
    public CryptoProvider providerFor(Algorithm algorithm) {
        return providers.get(algorithm);
    }

    public KeyPair generateKeyPair(Algorithm algorithm) {
        if (algorithm.isKem()) return kem(algorithm).generateKeyPair();
        CryptoProvider provider = providerFor(algorithm);
        if (!observation.enabled()) return KeyPairs.generate(algorithm, provider, generators(algorithm));
        long start = System.nanoTime();
        try {
            KeyPair pair = KeyPairs.generate(algorithm, provider, generators(algorithm));
            observation.report(CryptoOperation.KEYGEN, algorithm, provider, pair.privateKey().keyId(), start, 0,
                    CryptoEvent.Status.OK, null);
            return pair;
        } catch (CryptoException e) {
            observation.report(CryptoOperation.KEYGEN, algorithm, provider, null, start, 0, CryptoEvent.Status.FAILED, e);
            throw e;
        }
    }

    public Signer signer(PrivateKey privateKey) {
        requireSignature(privateKey.algorithm());
        return new JcaSigner(this, privateKey, providerFor(privateKey.algorithm()));
    }

    public Verifier verifier(PublicKey publicKey) {
        requireSignature(publicKey.algorithm());
        return new JcaVerifier(this, publicKey, providerFor(publicKey.algorithm()));
    }

    public Kem kem(Algorithm algorithm) {
        if (!algorithm.isKem()) {
            throw new KeyMismatchException(algorithm + " is a signature algorithm, not a KEM");
        }
        return kemFor(algorithm);
    }

    /**
     * A view of this engine that reports {@code callerId} as the caller of its operations (the
     * audit event's {@code client_id}), sharing providers, randomness and observers.
     */
    public PqcEngine withCaller(String callerId) {
        return new PqcEngine(providers, random, observation.withCaller(callerId));
    }

    /**
     * Reports an operation done outside the engine's own methods but on its keys (the key store's
     * loads and stores, a TLS handshake's signature) to this engine's observers.
     *
     * @param startNanos {@link System#nanoTime()} when the operation started
     */
    public void report(CryptoOperation operation, Algorithm algorithm, String keyId, long startNanos, int payloadBytes,
                       CryptoEvent.Status status, Throwable error) {
        if (observation.enabled()) {
            observation.report(operation, algorithm, providerFor(algorithm), keyId, startNanos, payloadBytes, status, error);
        }
    }

    /** How many times an observer threw; those exceptions were swallowed so the operation could succeed. */
    public long observerFailures() {
        return observation.observerFailures();
    }

    SecureRandom random() { return random; }

    Observation observation() { return observation; }

    /** Key pair generators for one algorithm, pooled because a KeyPairGenerator is not thread-safe. */
    Pool<KeyPairGenerator> generators(Algorithm algorithm) {
        // Looked up first: computeIfAbsent would capture a new lambda on every key generation.
        Pool<KeyPairGenerator> pool = generators.get(algorithm);
        if (pool != null) return pool;
        return generators.computeIfAbsent(algorithm,
                a -> new Pool<>(() -> KeyPairs.newGenerator(a, providerFor(a), random)));
    }

    private ObservedKem kemFor(Algorithm algorithm) {
        ObservedKem existing = kems.get(algorithm);
        if (existing != null) return existing;
        // Not computeIfAbsent: the hybrid creates its components, a recursive update the map forbids.
        ObservedKem created = switch (algorithm) {
            case X25519 -> new X25519Kem(this, providerFor(algorithm));
            case X25519_MLKEM768 -> new HybridKem(this, (JcaKem) kemFor(Algorithm.ML_KEM_768),
                    (X25519Kem) kemFor(Algorithm.X25519));
            default -> new JcaKem(this, algorithm, providerFor(algorithm));
        };
        ObservedKem raced = kems.putIfAbsent(algorithm, created);
        return raced != null ? raced : created;
    }

    private static void requireSignature(Algorithm algorithm) {
        if (!algorithm.isSignature()) {
            throw new KeyMismatchException(algorithm + " is a KEM, not a signature algorithm; use kem(" + algorithm + ")");
        }
    }

    /** Configures an engine. */
    public static final class Builder {
        private final Map<Algorithm, CryptoProvider> overrides = new EnumMap<>(Algorithm.class);
        private final List<CryptoObserver> observers = new ArrayList<>();
        private SecureRandom random;
        private Clock clock = Clock.systemUTC();
        private String callerId = "unknown";
        private boolean readSystemProperties = true;

        private Builder() {}

        /** Runs {@code algorithm} on {@code provider} instead of the measured default. */
        public Builder provider(Algorithm algorithm, CryptoProvider provider) {
            overrides.put(algorithm, Objects.requireNonNull(provider));
            return this;
        }

        /** Runs every algorithm the provider supports on it (the others keep their default). */
        public Builder preferProvider(CryptoProvider provider) {
            for (Algorithm algorithm : Algorithm.values()) {
                if (Providers.supported(algorithm).contains(provider)) overrides.put(algorithm, provider);
            }
            return this;
        }

        /** The randomness for key generation, hedged signing and encapsulation (default: the JDK's SecureRandom). */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** The clock for cryptoperiod checks and event timestamps. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder observer(CryptoObserver observer) {
            observers.add(Objects.requireNonNull(observer));
            return this;
        }

        /** The caller reported in events (the audit event's {@code client_id}). */
        public Builder callerId(String callerId) {
            this.callerId = Objects.requireNonNull(callerId);
            return this;
        }

        /** Ignore {@code qsafe.provider.*} system properties (tests that pin providers). */
        public Builder ignoreSystemProperties() {
            this.readSystemProperties = false;
            return this;
        }

        public PqcEngine build() {
            Map<Algorithm, CryptoProvider> providers = new EnumMap<>(Algorithm.class);
            for (Algorithm algorithm : Algorithm.values()) {
                CryptoProvider chosen = overrides.getOrDefault(algorithm, Providers.defaultProvider(algorithm));
                if (readSystemProperties && !overrides.containsKey(algorithm)) {
                    String property = System.getProperty(providerPropertyPrefix + algorithm.displayName());
                    if (property != null) chosen = CryptoProvider.fromName(property);
                }
                if (!Providers.supported(algorithm).contains(chosen)) {
                    throw new UnsupportedAlgorithmException(algorithm + " is not available from " + chosen
                            + "; it runs on " + Providers.supported(algorithm));
                }
                providers.put(algorithm, chosen);
            }
            Observation observation = new Observation(observers.toArray(CryptoObserver[]::new), clock, callerId,
                    new LongAdder());
            SecureRandom randomness = random != null ? random : new SecureRandom();
            return new PqcEngine(providers, randomness, observation);
        }
    }
}
