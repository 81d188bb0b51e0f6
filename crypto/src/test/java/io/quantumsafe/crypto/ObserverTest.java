package io.quantumsafe.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObserverTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void everyOperation_isReportedWithItsDetails() {
        List<CryptoEvent> events = new CopyOnWriteArrayList<>();
        PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().callerId("accounting-service")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).observer(events::add).build();

        KeyPair signing = engine.generateKeyPair(Algorithm.ML_DSA_65);
        byte[] signature = engine.signer(signing.privateKey()).sign(new byte[512]);
        engine.verifier(signing.publicKey()).verify(new byte[512], signature);
        engine.verifier(signing.publicKey()).verify(new byte[511], signature);
        Kem kem = engine.kem(Algorithm.ML_KEM_768);
        KeyPair kemPair = kem.generateKeyPair();
        Encapsulation encapsulation = kem.encapsulate(kemPair.publicKey());
        kem.decapsulate(kemPair.privateKey(), encapsulation.ciphertext());

        assertThat(events).extracting(CryptoEvent::operation).containsExactly(CryptoOperation.KEYGEN, CryptoOperation.SIGN,
                CryptoOperation.VERIFY, CryptoOperation.VERIFY, CryptoOperation.KEYGEN, CryptoOperation.ENCAPSULATE,
                CryptoOperation.DECAPSULATE);
        CryptoEvent sign = events.get(1);
        assertThat(sign.algorithm()).isEqualTo(Algorithm.ML_DSA_65);
        assertThat(sign.provider()).isEqualTo(CryptoProvider.JDK);
        assertThat(sign.keyId()).isEqualTo(signing.privateKey().keyId());
        assertThat(sign.payloadBytes()).isEqualTo(512);
        assertThat(sign.callerId()).isEqualTo("accounting-service");
        assertThat(sign.timestamp()).isEqualTo(NOW);
        assertThat(sign.durationNanos()).isPositive();
        assertThat(sign.status()).isEqualTo(CryptoEvent.Status.OK);
        assertThat(events.get(3).status()).isEqualTo(CryptoEvent.Status.INVALID);
        assertThat(events.get(6).payloadBytes()).isEqualTo(Algorithm.ML_KEM_768.ciphertextBytes());
    }

    @Test
    void failedOperation_isReportedAsFailed_andStillThrows() {
        List<CryptoEvent> events = new CopyOnWriteArrayList<>();
        PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().observer(events::add).build();
        KeyPair pair = engine.generateKeyPair(Algorithm.ML_KEM_512);
        events.clear();

        assertThatThrownBy(() -> engine.kem(Algorithm.ML_KEM_512).decapsulate(pair.privateKey(), new byte[3]))
                .isInstanceOf(MalformedInputException.class);
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.status()).isEqualTo(CryptoEvent.Status.FAILED);
            assertThat(event.error()).contains("ciphertext is 3 bytes");
        });
    }

    @Test
    void throwingObserver_neverFailsTheOperation_andIsCounted() {
        PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().observer(event -> {
            throw new IllegalStateException("audit sink is broken");
        }).build();
        KeyPair pair = engine.generateKeyPair(Algorithm.ED25519);
        byte[] signature = engine.signer(pair.privateKey()).sign(new byte[] {1});
        assertThat(engine.verifier(pair.publicKey()).verify(new byte[] {1}, signature)).isTrue();
        assertThat(engine.observerFailures()).isEqualTo(3);
    }

    @Test
    void withCaller_reportsTheOtherCaller() {
        List<CryptoEvent> events = new CopyOnWriteArrayList<>();
        PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().callerId("gateway").observer(events::add).build();
        engine.withCaller("payroll").generateKeyPair(Algorithm.ED25519);
        assertThat(events).singleElement().extracting(CryptoEvent::callerId).isEqualTo("payroll");
    }

    @Test
    void asyncObserver_whoseConsumerIsStuck_dropsAndCounts_withoutBlockingOperations() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstArrived = new CountDownLatch(1);
        List<CryptoEvent> delivered = new CopyOnWriteArrayList<>();
        int capacity = 4;
        try (AsyncCryptoObserver async = new AsyncCryptoObserver(event -> {
            firstArrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(event);
        }, capacity)) {
            PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().observer(async).build();
            KeyPair pair = engine.generateKeyPair(Algorithm.ED25519); // 1 event, taken by the stuck consumer
            assertThat(firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
            Signer signer = engine.signer(pair.privateKey());
            int operations = 100;
            for (int i = 0; i < operations; i++) signer.sign(new byte[] {(byte) i}); // must not block

            assertThat(async.queued()).isEqualTo(capacity);
            assertThat(async.dropped()).isEqualTo(operations - capacity);
            release.countDown();
            async.close();
            assertThat(delivered).hasSize(1 + capacity);
            assertThat(async.delivered()).isEqualTo(1 + capacity);
        }
    }

    @Test
    void asyncObserver_close_deliversWhatIsQueued() {
        List<CryptoEvent> delivered = new CopyOnWriteArrayList<>();
        AsyncCryptoObserver async = new AsyncCryptoObserver(delivered::add, 1024);
        PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().observer(async).build();
        for (int i = 0; i < 200; i++) engine.generateKeyPair(Algorithm.X25519);
        async.close();
        assertThat(delivered).hasSize(200);
        assertThat(async.dropped()).isZero();
        engine.generateKeyPair(Algorithm.X25519);
        assertThat(async.dropped()).isEqualTo(1);
    }
}
