package io.quantumsafe.cli;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.AsyncCryptoObserver;
import io.quantumsafe.crypto.CryptoEvent;
import io.quantumsafe.crypto.Encapsulation;
import io.quantumsafe.crypto.Kem;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.SharedSecret;
import io.quantumsafe.crypto.Signer;
import io.quantumsafe.crypto.Verifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one-command showcase. For now the crypto engine: generate keys, sign and verify,
 * encapsulate and decapsulate with each family, and print sizes and timings; every operation
 * flows through the engine's observer hook, as the audit pipeline will consume it.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the QuantumSafe showcase on this machine (now: the post-quantum crypto engine).")
final class DemoCommand implements Runnable {
    private static final List<Algorithm> SIGNATURES = List.of(Algorithm.ML_DSA_44, Algorithm.ML_DSA_65, Algorithm.ML_DSA_87,
            Algorithm.SLH_DSA_SHA2_128F, Algorithm.FN_DSA_512, Algorithm.ML_DSA_65_ED25519, Algorithm.ED25519, Algorithm.ECDSA_P256);
    private static final List<Algorithm> KEMS = List.of(Algorithm.ML_KEM_512, Algorithm.ML_KEM_768, Algorithm.ML_KEM_1024,
            Algorithm.X25519_MLKEM768, Algorithm.X25519);

    @Spec
    CommandSpec spec;

    @Option(names = "--iterations", paramLabel = "N", description = "Timed operations per algorithm (default: ${DEFAULT-VALUE}).")
    int iterations = 200;

    @Option(names = "--seconds", paramLabel = "N", description = "How long the audit dashboard runs with generated traffic "
            + "(default: ${DEFAULT-VALUE}; 0 = until Ctrl-C).")
    long seconds = 15;

    @Option(names = "--dashboard-port", paramLabel = "PORT", description = "Port of the audit dashboard (default: a free one).")
    int dashboardPort = 0;

    @Option(names = "--network-seconds", paramLabel = "S",
            description = "Seconds of settlements on a local 4-validator network, audited to the dashboard; 0 skips it (default: ${DEFAULT-VALUE}).")
    int networkSeconds = 10;

    @Override
    public void run() {
        if (iterations < 1 || iterations > 100_000) throw new CommandFailure("--iterations must be between 1 and 100000");
        PrintWriter out = spec.commandLine().getOut();
        LongAdder events = new LongAdder();
        LongAdder failures = new LongAdder();
        try (AsyncCryptoObserver audit = new AsyncCryptoObserver(event -> {
            events.increment();
            if (event.status() == CryptoEvent.Status.FAILED) failures.increment();
        })) {
            PqcEngine engine = PqcEngine.builder().callerId("qsafe-demo").observer(audit).build();
            out.println("QuantumSafe demo: post-quantum crypto engine (JDK " + Runtime.version().feature() + ", "
                    + iterations + " timed operations each; median microseconds on this machine)");
            out.println();
            signatures(engine, out);
            out.println();
            kems(engine, out);
            audit.close();
            out.println();
            out.printf("Observer hook: %d operations reported (%d failed, %d dropped by the bounded queue).%n",
                    events.sum(), failures.sum(), audit.dropped());
            out.println("Next: 'qsafe keygen', 'qsafe sign', 'qsafe verify', 'qsafe kem', 'qsafe algorithms', 'qsafe bench crypto'.");
        }
        out.println();
        if (seconds < 0) throw new CommandFailure("--seconds must be 0 or more");
        if (networkSeconds < 0) throw new CommandFailure("--network-seconds must be 0 or more");
        // Everything at once: the validators report to the same audit service the dashboard shows.
        DashboardDemo.run(out, dashboardPort, seconds, networkSeconds == 0 ? null : auditEvents -> {
            out.println();
            try {
                SettlementDemo.run(out, networkSeconds, auditEvents);
            } catch (Exception e) {
                throw new CommandFailure("the settlement network demo failed: " + e);
            }
        });
        out.flush();
    }

    private void signatures(PqcEngine engine, PrintWriter out) {
        String format = "%-20s %-9s %8s %8s %8s %7s %7s%n";
        out.printf(format, "SIGNATURE", "PROVIDER", "KEYGEN", "SIGN", "VERIFY", "PUBLIC", "SIG");
        byte[] message = "pay 1,250.00 EUR to DE89 3704 0044 0532 0130 00".getBytes(StandardCharsets.UTF_8);
        for (Algorithm algorithm : SIGNATURES) {
            int runs = algorithm.name().startsWith("SLH") ? Math.max(1, iterations / 20) : iterations;
            double keygen = median(runs, () -> engine.generateKeyPair(algorithm));
            KeyPair pair = engine.generateKeyPair(algorithm);
            Signer signer = engine.signer(pair.privateKey());
            Verifier verifier = engine.verifier(pair.publicKey());
            byte[][] signature = {signer.sign(message)};
            double sign = median(runs, () -> signature[0] = signer.sign(message));
            double verify = median(runs, () -> {
                if (!verifier.verify(message, signature[0])) throw new IllegalStateException("a fresh signature did not verify");
                return null;
            });
            out.printf(format, algorithm, engine.providerFor(algorithm), micros(keygen), micros(sign), micros(verify),
                    algorithm.publicKeyBytes(), signature[0].length);
        }
    }

    private void kems(PqcEngine engine, PrintWriter out) {
        String format = "%-20s %-9s %8s %8s %8s %7s %7s%n";
        out.printf(format, "KEM", "PROVIDER", "KEYGEN", "ENCAPS", "DECAPS", "PUBLIC", "CT");
        for (Algorithm algorithm : KEMS) {
            Kem kem = engine.kem(algorithm);
            double keygen = median(iterations, kem::generateKeyPair);
            KeyPair pair = kem.generateKeyPair();
            Encapsulation[] last = {kem.encapsulate(pair.publicKey())};
            double encaps = median(iterations, () -> last[0] = kem.encapsulate(pair.publicKey()));
            double decaps = median(iterations, () -> {
                try (SharedSecret secret = kem.decapsulate(pair.privateKey(), last[0].ciphertext())) {
                    if (!secret.matches(last[0].sharedSecret())) throw new IllegalStateException("shared secrets differ");
                }
                return null;
            });
            out.printf(format, algorithm, engine.providerFor(algorithm), micros(keygen), micros(encaps), micros(decaps),
                    algorithm.publicKeyBytes(), algorithm.ciphertextBytes());
        }
    }

    private static double median(int runs, Supplier<?> operation) {
        for (int i = 0; i < Math.min(runs, 50); i++) operation.get();
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            operation.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1000.0;
    }

    private static String micros(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%.1fms", value / 1000) : String.format(Locale.ROOT, "%.0f", value);
    }
}
