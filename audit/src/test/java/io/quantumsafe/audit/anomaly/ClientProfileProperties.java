package io.quantumsafe.audit.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.event.AuditEvent;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever a producer sends (within the schema), features stay finite and bounded and the detector never throws. */
class ClientProfileProperties {
    @Provide
    Arbitrary<AuditEvent> events() {
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<String> client = Arbitraries.of("a", "b", "c");
        Arbitrary<String> operation = Arbitraries.of("sign", "verify", "decapsulate", "x".repeat(200));
        Arbitrary<String> algorithm = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
        Arbitrary<Double> duration = Arbitraries.oneOf(Arbitraries.doubles().between(0, 1e12), Arbitraries.just(0.0));
        Arbitrary<Long> payload = Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.just(0L));
        Arbitrary<String> status = Arbitraries.of("OK", "FAILED", "error", "");
        return Combinators.combine(time, client, operation, algorithm, duration, payload, status)
                .as((at, id, op, alg, ms, bytes, st) -> SyntheticTraffic.event(id, at, op, alg, ms, bytes, st));
    }

    @Property(tries = 200)
    void features_areFiniteAndBounded(@ForAll @Size(max = 300) List<@net.jqwik.api.From("events") AuditEvent> events) {
        ClientProfiles profiles = new ClientProfiles(2);
        for (AuditEvent event : events) {
            ClientProfile profile = profiles.forUpdate(event.clientId());
            double[] x = profile.features(event);
            for (double value : x) assertThat(value).isFinite().isBetween(-20.0, 20.0);
            profile.learn(event);
            assertThat(profile.usageSize).isLessThanOrEqualTo(ClientProfile.usageMax);
        }
        assertThat(profiles.size()).isLessThanOrEqualTo(2);
    }

    @Property(tries = 20)
    void detector_neverThrows_andGradesStayInRange(@ForAll @Size(min = 1, max = 400) List<@net.jqwik.api.From("events") AuditEvent> events) {
        StreamingDetector detector = new StreamingDetector(new StreamingDetector.Settings(5, 32, 10, 3, 2.5, 1));
        for (AuditEvent event : events) {
            Verdict verdict = detector.process(event).verdict();
            assertThat(verdict.score()).isFinite().isGreaterThanOrEqualTo(0);
            assertThat(verdict.grade()).isBetween(0.0, 1.0);
            assertThat(detector.score(event).verdict().grade()).isBetween(0.0, 1.0);
        }
    }
}
