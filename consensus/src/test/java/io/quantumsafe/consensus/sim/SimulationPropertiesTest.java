package io.quantumsafe.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Determinism, the checkers themselves, and bounded memory over a long run. */
class SimulationPropertiesTest {
    @Test
    void sameSeed_replaysTheSameRun() {
        SimConfig config = SimConfig.defaults(7, 2, 42).withRounds(30).withBehaviours(EnumSet.allOf(Behaviour.class));
        RunResult first = Simulation.run(config);
        RunResult second = Simulation.run(config);
        assertThat(second.line()).isEqualTo(first.line());
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(second.rejections()).isEqualTo(first.rejections());
        assertThat(second.messages()).isEqualTo(first.messages());
        assertThat(second.bytes()).isEqualTo(first.bytes());
        RunResult other = Simulation.run(config.withSeed(43));
        assertThat(other.fingerprint()).as("another seed is another run").isNotEqualTo(first.fingerprint());
    }

    @Test
    void brokenVoteRule_isCaughtByTheSafetyChecker_withinAHandfulOfSeeds() {
        SimConfig config = SimConfig.defaults(4, 1, 1).withRounds(30).withBehaviours(EnumSet.of(Behaviour.EQUIVOCATE))
                .withBrokenVoteRuleForTestsOnly();
        List<Long> caught = new ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            RunResult result = Simulation.run(config.withSeed(seed));
            if (result.violations().stream().anyMatch(v -> v.startsWith("safety:"))) caught.add(seed);
        }
        assertThat(caught).as("seeds whose run the safety checker failed").isNotEmpty();
        // The same seeds with the correct vote rule pass: it is the rule, not the scenario, that breaks safety.
        for (long seed : caught) {
            RunResult honest = Simulation.run(SimConfig.defaults(4, 1, seed).withRounds(30).withBehaviours(EnumSet.of(Behaviour.EQUIVOCATE)));
            assertThat(honest.violations()).as("seed %d with the correct rule", seed).isEmpty();
        }
    }

    @Test
    void longRun_keepsTheDagWithinTheGcWindow() {
        int n = 4;
        RunResult result = Simulation.run(SimConfig.defaults(n, 1, 7).withRounds(600));
        assertThat(result.violations()).isEmpty();
        assertThat(result.highestRound()).isGreaterThanOrEqualTo(600);
        // GC depth 50 behind the last committed leader, plus the few rounds not yet committed:
        // far below the 600 rounds an unbounded DAG would hold.
        assertThat(result.maxDagVertices()).isLessThanOrEqualTo(n * 70);
        assertThat(result.finalDagVertices()).isLessThanOrEqualTo(n * 60);
    }
}
