package io.quantumsafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code qsafe sim} in-process: small runs that exit 0 and print results, and refused arguments. */
class SimCommandTest {
    record Result(int exitCode, String out, String err) {}

    private static Result qsafe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Qsafe.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void smallRun_exitsZero_andPrintsPerRunAndAggregateResults() {
        Result result = qsafe("sim", "--validators", "4", "--byzantine", "1", "--seeds", "3", "--rounds", "20");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("seed 1: OK", "seed 2: OK", "seed 3: OK", "3/3 runs passed", "sub-DAGs", "latency", "per committed sub-DAG");
    }

    @Test
    void replayingOneSeed_printsTheSameLineAsInTheBatch() {
        Result batch = qsafe("sim", "--validators", "4", "--seeds", "2", "--rounds", "20");
        Result replay = qsafe("sim", "--validators", "4", "--seed", "2", "--rounds", "20");
        String line = replay.out().lines().filter(l -> l.startsWith("seed 2:")).findFirst().orElseThrow();
        assertThat(batch.out()).contains(line);
    }

    @Test
    void tooManyByzantine_exitsNonZero_withTheReason() {
        Result result = qsafe("sim", "--validators", "4", "--byzantine", "2", "--seeds", "1");
        assertThat(result.exitCode()).isEqualTo(Qsafe.EXIT_FAILED);
        assertThat(result.err()).contains("--byzantine must be between 0 and f = 1 for 4 validators, not 2");
    }

    @Test
    void unknownBehaviour_exitsNonZero() {
        Result result = qsafe("sim", "--behaviours", "steal-keys", "--seeds", "1");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("unknown behaviour 'steal-keys'");
    }
}
