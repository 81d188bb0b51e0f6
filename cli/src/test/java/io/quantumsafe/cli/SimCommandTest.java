package io.quantumsafe.cli;

import static io.quantumsafe.cli.CliRun.qsafe;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code qsafe sim} in-process: small runs that exit 0 and print results, and refused arguments. */
class SimCommandTest {
    @Test
    void smallRun_exitsZero_andPrintsPerRunAndAggregateResults() {
        CliRun result = qsafe("sim", "--validators", "4", "--byzantine", "1", "--seeds", "3", "--rounds", "20");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("seed 1: OK", "seed 2: OK", "seed 3: OK", "3/3 runs passed", "sub-DAGs", "latency", "per committed sub-DAG");
    }

    @Test
    void replayingOneSeed_printsTheSameLineAsInTheBatch() {
        CliRun batch = qsafe("sim", "--validators", "4", "--seeds", "2", "--rounds", "20");
        CliRun replay = qsafe("sim", "--validators", "4", "--seed", "2", "--rounds", "20");
        String line = replay.out().lines().filter(l -> l.startsWith("seed 2:")).findFirst().orElseThrow();
        assertThat(batch.out()).contains(line);
    }

    @Test
    void tooManyByzantine_exitsNonZero_withTheReason() {
        CliRun result = qsafe("sim", "--validators", "4", "--byzantine", "2", "--seeds", "1");
        assertThat(result.exitCode()).isEqualTo(Qsafe.EXIT_FAILED);
        assertThat(result.err()).contains("--byzantine must be between 0 and f = 1 for 4 validators, not 2");
    }

    @Test
    void unknownBehaviour_exitsNonZero() {
        CliRun result = qsafe("sim", "--behaviours", "steal-keys", "--seeds", "1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown behaviour 'steal-keys'");
    }
}
