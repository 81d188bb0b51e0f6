package io.quantumsafe.consensus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CI seed suite: many seeds at n = 4, 7 and 10 with f Byzantine validators and every network
 * fault (delays, drops, duplicates, partitions including whole datacenters, GST, crash and restart).
 * The bulk uses the insecure simulation scheme; a few seeds use real ML-DSA-65 certificates. A
 * failure message names the seed; replay it with {@code qsafe sim --validators N --byzantine F --seed S}.
 */
class SimulationSuiteTest {
    @ParameterizedTest(name = "n={0} f={1} seeds {2}..{3} mlDsa={4} twins={5}")
    @CsvSource({
            "4, 1, 1, 150, false, false",
            "7, 2, 1, 80, false, false",
            "10, 3, 1, 50, false, false",
            "4, 1, 1001, 1040, false, true",
            "7, 2, 1001, 1020, false, true",
            "4, 1, 2001, 2004, true, false",
            "7, 2, 2001, 2002, true, false",
            "10, 3, 2001, 2001, true, false",
    })
    void everySeedPassesEveryChecker(int n, int f, long firstSeed, long lastSeed, boolean mlDsa, boolean twins) {
        SimConfig config = SimConfig.defaults(n, f, firstSeed).withRounds(40).withMlDsa(mlDsa);
        if (twins) config = config.withBehaviours(EnumSet.allOf(Behaviour.class));
        List<String> failures = new ArrayList<>();
        long subDags = 0;
        for (long seed = firstSeed; seed <= lastSeed; seed++) {
            RunResult result = Simulation.run(config.withSeed(seed));
            if (!result.passed()) failures.add(result.line() + "\n    " + String.join("\n    ", result.violations()));
            subDags += result.committedSubDags();
            assertThat(result.committedBatches()).as("seed %d: every honest batch is output", seed).isEqualTo(result.proposedBatches());
        }
        assertThat(failures).as("failing seeds").isEmpty();
        assertThat(subDags).as("the runs commit").isGreaterThan((lastSeed - firstSeed + 1) * 10);
    }
}
