package io.quantumsafe.consensus.committee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PqcEngine;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CommitteeTest {
    private static Committee ofSize(int n) {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < n; i++) validators.add(new Validator(i, "v" + i, "dc" + (i % 3), new byte[]{(byte) i}));
        return Committee.of(validators);
    }

    @ParameterizedTest(name = "n={0}: f={1}, quorum={2}, commit threshold={3}")
    @CsvSource({"1,0,1,1", "3,0,2,2", "4,1,3,2", "5,1,4,2", "6,1,4,3", "7,2,5,3", "10,3,7,4", "80,26,54,27", "100,33,67,34"})
    void thresholds(int n, int f, int quorum, int commit) {
        Committee c = ofSize(n);
        assertThat(c.faultTolerance()).isEqualTo(f);
        assertThat(c.quorum()).isEqualTo(quorum);
        assertThat(c.commitThreshold()).isEqualTo(commit);
        // Any two quorums share an honest validator, and every quorum meets every commit-threshold set.
        assertThat(2 * c.quorum() - n).isGreaterThanOrEqualTo(f + 1);
        assertThat(c.quorum() + c.commitThreshold()).isGreaterThan(n);
        assertThat(c.quorum()).as("a quorum of honest validators exists").isLessThanOrEqualTo(n - f);
    }

    @Test
    void committeeFile_roundTrips_andRejectsBadLinesWithTheLineNumber() {
        PqcEngine engine = PqcEngine.create();
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            validators.add(new Validator(i, "bank-" + i, i < 2 ? "eu-west" : "us-east", engine.generateKeyPair(Algorithm.ML_DSA_65).publicKey().encoded()));
        }
        String text = CommitteeFile.format(Committee.of(validators));
        Committee parsed = CommitteeFile.parse(text);
        assertThat(parsed.validators()).isEqualTo(validators);
        assertThat(parsed.regions()).containsExactly("eu-west", "us-east");

        assertThatThrownBy(() -> CommitteeFile.parse(text + "validator x eu-west INSECURE-SIM AAAA\n"))
                .isInstanceOf(CommitteeException.class).hasMessageContaining("line 6").hasMessageContaining("must be ML-DSA-65");
        assertThatThrownBy(() -> CommitteeFile.parse(text.replace("bank-1", "bank-0")))
                .isInstanceOf(CommitteeException.class).hasMessageContaining("duplicate validator name bank-0");
        String garbageKey = "validator x eu-west ML-DSA-65 " + Base64.getEncoder().encodeToString(new byte[40]) + "\n";
        assertThatThrownBy(() -> CommitteeFile.parse(garbageKey)).isInstanceOf(CommitteeException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> CommitteeFile.parse("# empty\n")).isInstanceOf(CommitteeException.class).hasMessageContaining("at least one");
    }
}
