package io.quantumsafe.bench.crypto;

import java.util.Arrays;

/**
 * Distribution-free summaries of per-round ratios. Rounds on a shared machine are not normally
 * distributed (a round that meets another process's burst is an outlier in one direction), so the
 * summary is the median with a confidence interval built from order statistics, which assumes only
 * that the rounds are independent.
 */
final class PairedStats {
    private PairedStats() {}

    /** Median, its confidence interval and the quartiles of a sample. */
    record Summary(double median, double low, double high, double confidence, double q1, double q3, int n) {}

    static Summary summarise(double[] values, double confidence) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int k = medianRank(sorted.length, confidence);
        double achieved = coverage(sorted.length, k);
        return new Summary(quantile(sorted, 0.5), sorted[k - 1], sorted[sorted.length - k], achieved,
                quantile(sorted, 0.25), quantile(sorted, 0.75), sorted.length);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }

    /** Linear interpolation between order statistics (the "type 7" rule of R and NumPy). */
    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /**
     * The largest 1-based rank k such that [x(k), x(n+1-k)] covers the median with at least the
     * wanted confidence: the number of values below the median is Binomial(n, 1/2), so the coverage
     * is 1 - 2 P(B <= k-1). When n is too small for the confidence, k is 1 (the full range).
     */
    static int medianRank(int n, double confidence) {
        double alpha = 1 - confidence;
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && 2 * binomialCdf(n, k) <= alpha) k++;
        return k;
    }

    static double coverage(int n, int k) {
        return 1 - 2 * binomialCdf(n, k - 1);
    }

    /** P(B <= x) for B ~ Binomial(n, 1/2), summed in logs so that n in the thousands does not underflow. */
    static double binomialCdf(int n, int x) {
        if (x < 0) return 0;
        double logHalfN = n * Math.log(0.5);
        double logChoose = 0;
        double sum = 0;
        for (int i = 0; i <= Math.min(x, n); i++) {
            if (i > 0) logChoose += Math.log(n - i + 1) - Math.log(i);
            sum += Math.exp(logChoose + logHalfN);
        }
        return Math.min(1, sum);
    }
}
