package io.quantumsafe.audit.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The common shape of an event timestamp, {@code 2025-08-03T12:45:23Z} with an optional fraction
 * of one to nine digits, read without a {@code DateTimeFormatter}: the formatter was the largest
 * single cost of validating an event (about a fifth of the HTTP side's CPU). Anything else is left
 * to the caller's full ISO-8601 parse, so this accepts a subset of what {@link Instant#parse} does
 * and gives the same instant for it.
 */
final class Timestamps {
    private Timestamps() {}

    /** The instant, or null when {@code text} is not exactly of the common shape (the caller parses it in full). */
    static Instant parseCommon(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21) return null;
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) return null;
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') return null;
            int fractionDigits = length - 21;
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) return null;
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) nanos *= 10;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // month 13, February 30th and the like: the full parse says what is wrong
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) return -1;
            value = value * 10 + digit;
        }
        return value;
    }
}
