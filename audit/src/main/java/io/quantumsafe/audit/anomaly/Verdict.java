package io.quantumsafe.audit.anomaly;

import java.util.Map;

/**
 * One detector's opinion of one event.
 *
 * @param score the detector's raw score: RCF score (about 1 for ordinary points, larger is stranger)
 *     or the Isolation Forest score s(x, n) in (0, 1]
 * @param grade 0 = normal, up to 1 = certainly anomalous
 * @param attribution feature wire name to its share of the score (sums to 1); empty when grade is 0
 * @param explanation for a person ("duration 41 ms is 30x this client's usual 1.3 ms"); "" when grade is 0
 */
public record Verdict(double score, double grade, Map<String, Double> attribution, String explanation) {
    public static final Verdict none = new Verdict(0, 0, Map.of(), "");

    public boolean anomalous() { return grade > 0; }
}
