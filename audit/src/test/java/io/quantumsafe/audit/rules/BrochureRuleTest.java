package io.quantumsafe.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.TestEvents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The seed brochure's example rule (section 3.2), character for character, works as written. */
class BrochureRuleTest {
    static final String BROCHURE_RULES = """
            # Example rule
            rules:
            - id: late-night-signs
              description: "Signing operations between 02:00–04:00 UTC"
              condition: |
                operation == "sign" &&
                (hour(timestamp) >= 2 && hour(timestamp) < 4)
            """;

    @Test
    void lateNightSigns_firesBetweenTwoAndFourUtc_onlyForSigning() {
        RuleSet.Load load = RuleSet.compile("brochure.yaml", BROCHURE_RULES);
        assertThat(load.errors()).isEmpty();
        RuleEngine engine = new RuleEngine(load.rules());
        assertThat(fires(engine, "2025-08-03T02:45:23Z", "sign")).isTrue();
        assertThat(fires(engine, "2025-08-03T03:59:59Z", "sign")).isTrue();
        assertThat(fires(engine, "2025-08-03T04:00:00Z", "sign")).isFalse();
        assertThat(fires(engine, "2025-08-03T01:59:59Z", "sign")).isFalse();
        assertThat(fires(engine, "2025-08-03T02:45:23Z", "verify")).isFalse();
        assertThat(load.rules().rule("late-night-signs").definition().description())
                .isEqualTo("Signing operations between 02:00–04:00 UTC");
    }

    private static boolean fires(RuleEngine engine, String time, String operation) {
        var event = TestEvents.event(Instant.parse(time), operation, "OK", "accounting-service");
        return !engine.evaluate(event).firings().isEmpty();
    }
}
