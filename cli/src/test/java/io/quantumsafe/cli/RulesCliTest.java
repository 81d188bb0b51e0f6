package io.quantumsafe.cli;

import static io.quantumsafe.cli.CliRun.qsafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qsafe rules check / test, in-process, against real files and the shipped packs. */
class RulesCliTest {
    @TempDir
    Path dir;

    @Test
    void check_brochureRule_isOk() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                - id: late-night-signs
                  description: "Signing operations between 02:00–04:00 UTC"
                  condition: |
                    operation == "sign" &&
                    (hour(timestamp) >= 2 && hour(timestamp) < 4)
                """);
        CliRun result = qsafe("rules", "check", rules.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("ok: 1 rules (1 enabled, 0 inline tests)");
    }

    @Test
    void check_brokenRule_exitsOneWithFileLineColumnAndId() throws Exception {
        Path rules = dir.resolve("broken.yaml");
        Files.writeString(rules, "rules:\n  - id: broken\n    condition: operation = \"sign\"\n");
        CliRun result = qsafe("rules", "check", rules.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("broken.yaml:3:", "rule 'broken'", "qsafe: 2 error(s)");
    }

    @Test
    void test_shippedPacks_allPass() {
        CliRun result = qsafe("rules", "test", "pack:crypto-misuse", "pack:compliance");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("PASS  repeated-kem-failures: five failures within a minute fire").doesNotContain("FAIL");
        assertThat(result.out()).containsPattern("rules: \\d+ passed, 0 failed");
    }

    @Test
    void test_aFailingInlineTest_exitsOneAndSaysWhich() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - id: signs
                    condition: operation == "sign"
                    tests:
                      - name: verify should not fire
                        event: {operation: verify}
                        fires: false
                      - name: wrong on purpose
                        event: {operation: verify}
                        fires: true
                """);
        CliRun result = qsafe("rules", "test", rules.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("PASS  signs: verify should not fire", "FAIL  signs: wrong on purpose (line 8",
                "rules: 1 passed, 1 failed");
    }
}
