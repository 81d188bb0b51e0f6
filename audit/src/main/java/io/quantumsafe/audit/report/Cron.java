package io.quantumsafe.audit.report;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A standard five-field cron expression (minute hour day-of-month month day-of-week), evaluated in
 * the zone of the time it is given (the scheduler passes UTC). Fields take {@code *}, numbers,
 * ranges {@code a-b}, steps {@code * /n} and {@code a-b/n}, and lists; day-of-week 0 and 7 are
 * Sunday. As in Vixie cron, when both day fields are restricted a day matching either one fires.
 * Pure: no clock, the caller says "after when". Ten lines of a library would pull a dependency for
 * this; the parser is small and tested against hand-checked times.
 */
public final class Cron {
    /** The search for the next time gives up after this long: an expression like "0 0 30 2 *" never fires. */
    static final int searchYearsMax = 5;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet days;
    private final BitSet months;
    private final BitSet weekdays;
    private final boolean daysRestricted;
    private final boolean weekdaysRestricted;

    private Cron(String text, String[] fields) {
        this.text = text;
        minutes = field(fields[0], 0, 59, "minute");
        hours = field(fields[1], 0, 23, "hour");
        days = field(fields[2], 1, 31, "day of month");
        months = field(fields[3], 1, 12, "month");
        weekdays = field(fields[4], 0, 7, "day of week");
        if (weekdays.get(7)) weekdays.set(0);
        daysRestricted = !fields[2].equals("*");
        weekdaysRestricted = !fields[4].equals("*");
    }

    /** Parses an expression; IllegalArgumentException names the field that is wrong. */
    public static Cron parse(String text) {
        if (text == null || text.length() > 200) throw new IllegalArgumentException("cron expression missing or too long");
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron '" + text + "' must have 5 fields: minute hour day-of-month month day-of-week");
        }
        Cron cron = new Cron(text.strip(), fields);
        cron.next(ZonedDateTime.parse("2024-01-01T00:00:00Z")); // rejects expressions that never fire
        return cron;
    }

    /** The first time strictly after {@code after}, at a whole minute, in after's zone. */
    public ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime time = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = after.plusYears(searchYearsMax);
        while (time.isBefore(limit)) {
            if (!months.get(time.getMonthValue())) {
                time = time.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(time)) {
                time = time.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return time;
            }
        }
        throw new IllegalArgumentException("cron '" + text + "' never fires");
    }

    private boolean dayMatches(ZonedDateTime time) {
        boolean day = days.get(time.getDayOfMonth());
        boolean weekday = weekdays.get(time.getDayOfWeek().getValue() % 7);
        if (daysRestricted && weekdaysRestricted) return day || weekday;
        return day && weekday;
    }

    private static BitSet field(String text, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, name + " step");
                range = part.substring(0, slash);
            }
            int low;
            int high;
            if (range.equals("*")) {
                low = min;
                high = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) throw new IllegalArgumentException(name + ": bad range '" + range + "'");
                low = number(ends[0], min, max, name);
                high = number(ends[1], min, max, name);
                if (low > high) throw new IllegalArgumentException(name + ": range '" + range + "' runs backwards");
            } else {
                low = number(range, min, max, name);
                high = slash >= 0 ? max : low;
            }
            for (int value = low; value <= high; value += step) bits.set(value);
        }
        return bits;
    }

    private static int number(String text, int min, int max, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", got " + value);
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a number");
        }
    }

    @Override
    public String toString() { return text; }
}
