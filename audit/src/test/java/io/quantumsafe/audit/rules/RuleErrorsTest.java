package io.quantumsafe.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every error says which rule, and where in the file. */
class RuleErrorsTest {
    private static List<RuleError> errors(String yaml) {
        return RuleSet.compile("rules.yaml", yaml).errors();
    }

    @Test
    void undeclaredVariable_inABlockCondition_pointsAtItsLineAndColumn() {
        List<RuleError> errors = errors("""
                rules:
                  - id: ok-rule
                    condition: operation == "sign"
                  - id: broken-rule
                    condition: |
                      operation == "sign" &&
                        colour == "red"
                """);
        assertThat(errors).hasSize(1);
        RuleError error = errors.getFirst();
        assertThat(error.ruleId()).isEqualTo("broken-rule");
        assertThat(error.line()).isEqualTo(7);
        assertThat(error.column()).isEqualTo(9);
        assertThat(error.message()).contains("undeclared reference to 'colour'");
        assertThat(error.toString()).startsWith("rules.yaml:7:9: rule 'broken-rule': condition:");
    }

    @Test
    void syntaxError_inAnInlineCondition_pointsIntoTheLine() {
        RuleError error = errors("""
                rules:
                  - id: half
                    condition: "operation == "
                """).getFirst();
        assertThat(error.ruleId()).isEqualTo("half");
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isGreaterThan(16);
    }

    @Test
    void nonBooleanCondition_isRejected() {
        assertThat(errors("rules:\n  - id: number\n    condition: payload_size + 1\n").getFirst().message()).contains("bool");
    }

    @Test
    void structuralMistakes_areReportedWithPositions() {
        List<RuleError> errors = errors("""
                rules:
                  - id: typo
                    condition: "true"
                    treshold: 5
                  - id: window-missing
                    condition: "true"
                    threshold: 5
                  - id: Bad Id
                    condition: "true"
                  - id: typo
                    condition: "true"
                    severity: urgent
                """);
        assertThat(errors).extracting(RuleError::toString).anySatisfy(e -> assertThat(e).contains("4:5", "unknown key 'treshold'"))
                .anySatisfy(e -> assertThat(e).contains("rule 'window-missing'", "needs a window"))
                .anySatisfy(e -> assertThat(e).contains("8:", "id is required"))
                .anySatisfy(e -> assertThat(e).contains("12:", "severity must be one of"));
    }

    @Test
    void invalidYaml_saysWhere() {
        RuleError error = errors("rules:\n  - id: x\n    condition: [unclosed\n").getFirst();
        assertThat(error.message()).startsWith("not valid YAML");
        assertThat(error.line()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void duplicateIdsAcrossFiles_areErrors() {
        var load = RuleSet.compile(List.of(new RuleSet.Source("a.yaml", "rules:\n  - id: same\n    condition: \"true\"\n"),
                new RuleSet.Source("b.yaml", "rules:\n  - id: same\n    condition: \"true\"\n")));
        assertThat(load.errors()).singleElement().satisfies(e -> assertThat(e.toString()).contains("b.yaml:2", "already defined in a.yaml"));
    }
}
