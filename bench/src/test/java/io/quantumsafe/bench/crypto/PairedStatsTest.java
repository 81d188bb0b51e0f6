package io.quantumsafe.bench.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PairedStatsTest {
    @Test
    void medianOfOddAndEvenSamples() {
        assertThat(PairedStats.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(PairedStats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void quartilesInterpolate() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(PairedStats.quantile(sorted, 0.25)).isEqualTo(2);
        assertThat(PairedStats.quantile(sorted, 0.75)).isEqualTo(4);
        assertThat(PairedStats.quantile(new double[] {1, 2, 3, 4}, 0.25)).isEqualTo(1.75);
    }

    @Test
    void binomialCdfMatchesTables() {
        // Binomial(30, 1/2): P(B <= 9) = 0.02139, P(B <= 10) = 0.04937.
        assertThat(PairedStats.binomialCdf(30, 9)).isCloseTo(0.02139, within(1e-5));
        assertThat(PairedStats.binomialCdf(30, 10)).isCloseTo(0.04937, within(1e-5));
        assertThat(PairedStats.binomialCdf(4, 4)).isCloseTo(1, within(1e-12));
        assertThat(PairedStats.binomialCdf(2000, 1000)).isCloseTo(0.5089, within(1e-3));
    }

    @Test
    void medianIntervalUsesTheTabulatedRanks() {
        // For n = 30 the 95% interval is [x(10), x(21)] (coverage 95.7%); for n = 20, [x(6), x(15)].
        double[] thirty = IntStream.rangeClosed(1, 30).mapToDouble(i -> i).toArray();
        PairedStats.Summary summary = PairedStats.summarise(thirty, 0.95);
        assertThat(summary.low()).isEqualTo(10);
        assertThat(summary.high()).isEqualTo(21);
        assertThat(summary.median()).isEqualTo(15.5);
        assertThat(summary.confidence()).isCloseTo(0.9572, within(1e-4));
        assertThat(PairedStats.medianRank(20, 0.95)).isEqualTo(6);
    }

    @Test
    void tooFewValuesGiveTheFullRange() {
        PairedStats.Summary summary = PairedStats.summarise(new double[] {3, 1, 2, 5, 4}, 0.95);
        assertThat(summary.low()).isEqualTo(1);
        assertThat(summary.high()).isEqualTo(5);
        assertThat(summary.confidence()).isCloseTo(0.9375, within(1e-9));
    }

    @Test
    void intervalIsIndependentOfInputOrder() {
        double[] shuffled = {1.02, 0.99, 1.00, 1.05, 0.98, 1.01, 1.03, 0.97, 1.04, 1.00, 0.96};
        PairedStats.Summary summary = PairedStats.summarise(shuffled, 0.95);
        assertThat(summary.median()).isEqualTo(1.00);
        assertThat(summary.low()).isLessThanOrEqualTo(summary.median());
        assertThat(summary.high()).isGreaterThanOrEqualTo(summary.median());
        assertThat(summary.n()).isEqualTo(11);
    }
}
