package io.quantumsafe.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packs shipped in the jar compile, carry compliance tags, and pass their own inline tests. */
class RulePacksTest {
    @ParameterizedTest
    @ValueSource(strings = {"crypto-misuse", "compliance"})
    void pack_compiles_andEveryInlineTestPasses(String pack) throws Exception {
        RuleSet.Load load = RuleSet.compile(RuleSources.read(List.of("pack:" + pack)));
        assertThat(load.errors()).isEmpty();
        assertThat(load.rules().size()).isGreaterThanOrEqualTo(6);
        for (CompiledRule rule : load.rules().rules()) {
            assertThat(rule.definition().tests()).as("tests of %s", rule.id()).isNotEmpty();
            assertThat(rule.definition().tags()).as("tags of %s", rule.id()).isNotEmpty();
        }
        List<RuleTests.Outcome> outcomes = RuleTests.run(load.rules());
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(load.rules().size());
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.passed())
                .as("%s / %s: %s", outcome.ruleId(), outcome.testName(), outcome.message()).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pci-dss:4.2.1", "pci-dss:12.3.3", "iso27001:A.8.24", "lgpd:art46", "nist-ir-8547", "pci-dss:3.6.1"})
    void complianceControls_areCoveredBySomeRule(String control) throws Exception {
        RuleSet.Load load = RuleSet.compile(RuleSources.read(List.of("pack:crypto-misuse", "pack:compliance")));
        assertThat(load.rules().rules()).anySatisfy(rule -> assertThat(rule.definition().tags()).contains(control));
    }

    @org.junit.jupiter.api.Test
    void aFailingInlineTest_isReportedAsFailed() {
        RuleSet.Load load = RuleSet.compile("t.yaml", """
                rules:
                  - id: signs
                    condition: operation == "sign"
                    tests:
                      - name: wrong expectation
                        event: {operation: sign}
                        fires: false
                      - name: invalid event
                        event: {duration_ms: fast}
                        fires: true
                """);
        List<RuleTests.Outcome> outcomes = RuleTests.run(load.rules());
        assertThat(outcomes).extracting(RuleTests.Outcome::passed).containsExactly(false, false);
        assertThat(outcomes.get(0).message()).contains("fired 1 time");
        assertThat(outcomes.get(1).message()).contains("duration_ms");
    }

    @org.junit.jupiter.api.Test
    void quantumVulnerableAndPostQuantumNames() {
        assertThat(CelEnvironment.quantumVulnerable("RSA-2048")).isTrue();
        assertThat(CelEnvironment.quantumVulnerable("ECDH-P384")).isTrue();
        assertThat(CelEnvironment.quantumVulnerable("x25519")).isTrue();
        assertThat(CelEnvironment.quantumVulnerable("X25519MLKEM768")).isFalse();
        assertThat(CelEnvironment.quantumVulnerable("ML-DSA-65+Ed25519")).isFalse();
        assertThat(CelEnvironment.quantumVulnerable("AES-256-GCM")).isFalse();
        assertThat(CelEnvironment.postQuantum("SecP256r1MLKEM768")).isTrue();
        assertThat(CelEnvironment.postQuantum("")).isFalse();
    }
}
