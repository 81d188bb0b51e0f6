package io.quantumsafe.audit.rules;

import java.util.Locale;

/** How urgent a rule's alert is; the YAML spells it in lower case. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    public static Severity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity must be one of info, low, medium, high, critical; got '" + text + "'");
        }
    }
}
