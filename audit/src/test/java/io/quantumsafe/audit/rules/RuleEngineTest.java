package io.quantumsafe.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.event.AuditEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
    static final String KEM = """
            rules:
              - id: kem-failures
                condition: operation == "decapsulate" && status != "OK"
                severity: high
                tags: ["pci-dss:3.6"]
                group_by: client_id
                window: 60s
                threshold: 5
                suppress_for: 10m
            """;

    private static RuleSet rules(String yaml) {
        RuleSet.Load load = RuleSet.compile("test.yaml", yaml);
        assertThat(load.errors()).isEmpty();
        return load.rules();
    }

    private static AuditEvent failure(String client, int second) {
        return TestEvents.event(Instant.parse("2025-08-05T10:00:00Z").plusSeconds(second), "decapsulate", "FAILED", client);
    }

    @Test
    void fiveFailuresInSixtySeconds_perClient_fireOnce_thenSuppressed() {
        RuleEngine engine = new RuleEngine(rules(KEM));
        for (int i = 0; i < 4; i++) {
            RuleEngine.Evaluation evaluation = engine.evaluate(failure("alice", i * 10));
            assertThat(evaluation.hits()).containsExactly("kem-failures");
            assertThat(evaluation.firings()).isEmpty();
        }
        assertThat(engine.evaluate(failure("bob", 41)).firings()).isEmpty();
        List<Firing> fifth = engine.evaluate(failure("alice", 45)).firings();
        assertThat(fifth).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("alice");
            assertThat(f.count()).isEqualTo(5);
        });
        // Five more within the suppression period: counted, fired, but not alerted.
        for (int i = 0; i < 5; i++) assertThat(engine.evaluate(failure("alice", 50 + i)).firings()).isEmpty();
        assertThat(engine.stats().getFirst().suppressed()).isEqualTo(1);
        // After the suppression period, alerts again.
        for (int i = 0; i < 4; i++) engine.evaluate(failure("alice", 700 + i));
        assertThat(engine.evaluate(failure("alice", 705)).firings()).hasSize(1);
    }

    @Test
    void lateEvents_countByTheirOwnTimestamps() {
        RuleEngine engine = new RuleEngine(rules(KEM));
        int[] seconds = {50, 10, 40, 20};
        for (int second : seconds) assertThat(engine.evaluate(failure("carol", second)).firings()).isEmpty();
        assertThat(engine.evaluate(failure("carol", 30)).firings()).hasSize(1);
    }

    @Test
    void reload_keepsWindowStateOfUnchangedRules_andResetsChangedOnes() {
        RuleEngine engine = new RuleEngine(rules(KEM));
        for (int i = 0; i < 4; i++) engine.evaluate(failure("dave", i));
        engine.replace(rules(KEM + """
                  - id: other
                    condition: "false"
                """));
        assertThat(engine.evaluate(failure("dave", 5)).firings()).extracting(Firing::ruleId).containsExactly("kem-failures");

        for (int i = 0; i < 4; i++) engine.evaluate(failure("erin", 100 + i));
        engine.replace(rules(KEM.replace("threshold: 5", "threshold: 6")));
        assertThat(engine.evaluate(failure("erin", 105)).firings()).isEmpty();
    }

    @Test
    void runtimeErrorInACondition_isCountedNotThrown_andOtherRulesStillRun() {
        RuleEngine engine = new RuleEngine(rules("""
                rules:
                  - id: needs-field
                    condition: event.missing > 1
                  - id: always
                    condition: "true"
                """));
        RuleEngine.Evaluation evaluation = engine.evaluate(TestEvents.event(TestEvents.brochure()));
        assertThat(evaluation.hits()).containsExactly("always");
        assertThat(engine.stats()).filteredOn(s -> s.id().equals("needs-field")).first()
                .extracting(RuleEngine.RuleStats::errors).isEqualTo(1L);
    }

    @Test
    void disabledRules_doNotRun_andUnknownFieldsAreReachableThroughEvent() {
        RuleEngine engine = new RuleEngine(rules("""
                rules:
                  - id: off
                    condition: "true"
                    enabled: false
                  - id: unknown-field
                    condition: has(event.region) && event.region == "sa-east-1" && minutes_since(timestamp("2025-08-03T12:00:00Z"), timestamp) == 45
                """));
        var json = TestEvents.brochure();
        json.put("region", "sa-east-1");
        assertThat(engine.evaluate(TestEvents.event(json)).hits()).containsExactly("unknown-field");
    }

    @Test
    void keysPerRule_areBounded() {
        RuleEngine engine = new RuleEngine(rules(KEM), 3);
        for (int i = 0; i < 10; i++) engine.evaluate(failure("client-" + i, i));
        RuleEngine.RuleStats stats = engine.stats().getFirst();
        assertThat(stats.windowKeys()).isLessThanOrEqualTo(3);
        assertThat(stats.windowEvictions()).isGreaterThan(0);
    }
}
