package io.quantumsafe.audit.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A small `qsafe anomaly eval` (about 1/10 of the README's size): floors well above chance, far
 * below what the full run measures, so that a change that breaks a kind's detection fails here.
 */
class EvaluationTest {
    @Test
    void smallEvaluation_detectsEveryKindWellAboveChance_withFewFalsePositives() {
        Evaluation.Report report = Evaluation.run(new Evaluation.Settings(new SyntheticTraffic.Shape(30, 2, 1, 6, 15, 7),
                StreamingDetector.Settings.DEFAULT, BatchDetector.Settings.DEFAULT, 0));
        System.out.println(report.table());
        for (Evaluation.Row row : report.rows()) {
            if (row.detector().equals("streaming")) assertThat(row.f1()).as(row.kind()).isGreaterThan(0.3);
            if (row.detector().equals("streaming")) assertThat(row.meanDelayEvents()).as(row.kind()).isLessThan(10);
            // The batch forest, trained on the first day, finds each kind on the second.
            if (row.detector().equals("batch")) assertThat(row.recall()).as("batch " + row.kind()).isGreaterThanOrEqualTo(0.6);
            if (row.detector().equals("batch")) assertThat(row.f1()).as("batch " + row.kind()).isGreaterThan(0.6);
        }
        Evaluation.CleanRow streaming = report.clean().get(0);
        Evaluation.CleanRow batch = report.clean().get(1);
        assertThat(streaming.detector()).isEqualTo("streaming");
        assertThat(streaming.cleanEvents()).isGreaterThan(10_000);
        assertThat(streaming.falsePositiveRate()).isLessThan(0.01);
        assertThat(batch.falsePositiveRate()).isLessThan(0.0005);
    }
}
