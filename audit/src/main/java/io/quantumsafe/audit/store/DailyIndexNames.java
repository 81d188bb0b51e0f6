package io.quantumsafe.audit.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** {@code pqc-logs-YYYY.MM.DD}, by UTC date, the brochure's and OpenSearch's convention for time-based indices. */
public final class DailyIndexNames {
    private DailyIndexNames() {}

    public static final String prefix = "pqc-logs-";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    public static String of(Instant time) { return of(time.atOffset(ZoneOffset.UTC).toLocalDate()); }

    public static String of(LocalDate day) { return prefix + FORMAT.format(day); }

    public static Optional<LocalDate> day(String name) {
        if (!name.startsWith(prefix) || name.length() != prefix.length() + 10) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(name.substring(prefix.length()), FORMAT));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static LocalDate utcDate(Instant time) { return time.atOffset(ZoneOffset.UTC).toLocalDate(); }
}
