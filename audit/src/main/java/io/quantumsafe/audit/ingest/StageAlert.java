package io.quantumsafe.audit.ingest;

import java.util.List;

/** An alert raised by a stage other than the rules (the anomaly stage): delivered like a rule's. */
public record StageAlert(String ruleId, String severity, String description, List<String> tags, String key) {}
