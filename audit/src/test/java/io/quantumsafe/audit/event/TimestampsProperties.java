package io.quantumsafe.audit.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TimestampsProperties {
    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Provide
    Arbitrary<String> commonTimestamps() {
        return Combinators.combine(Arbitraries.longs().between(FIRST, LAST), Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.integers().between(0, 9)).as((seconds, nanos, fractionDigits) -> {
            String whole = Instant.ofEpochSecond(seconds).toString(); // yyyy-MM-ddTHH:mm:ssZ
            if (fractionDigits == 0) return whole;
            String fraction = String.format("%09d", nanos).substring(0, fractionDigits);
            return whole.substring(0, whole.length() - 1) + "." + fraction + "Z";
        });
    }

    @Property(tries = 3000)
    void commonShape_readsAsInstantParseDoes(@ForAll("commonTimestamps") String text) {
        assertThat(Timestamps.parseCommon(text)).isEqualTo(Instant.parse(text));
    }

    /** What a timestamp is made of, plus a few near misses: digits make February 30th, hour 24 and the like. */
    @Provide
    Arbitrary<Character> timestampCharacters() {
        return Arbitraries.of('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', ':', 'T', 'Z', '.', 't', 'z', '+', ' ', '\u0663');
    }

    /** One character replaced anywhere: the fast path gives up or agrees with the full parse, never accepts what it refuses. */
    @Property(tries = 5000)
    void damagedTimestamps_areLeftToTheFullParseOrAgreeWithIt(@ForAll("commonTimestamps") String text,
            @ForAll @IntRange(min = 0, max = 40) int position, @ForAll("timestampCharacters") char replacement) {
        int at = position % text.length();
        String damaged = text.substring(0, at) + replacement + text.substring(at + 1);
        Instant fast = Timestamps.parseCommon(damaged);
        if (fast == null) return;
        Instant full;
        try {
            full = Instant.parse(damaged);
        } catch (DateTimeParseException e) {
            throw new AssertionError("fast path accepted " + damaged + " which Instant.parse refuses", e);
        }
        assertThat(fast).isEqualTo(full);
    }

    @Test
    void otherShapes_areLeftToTheFullParse() {
        for (String text : new String[] {"2025-08-03T12:45:23+02:00", "2025-08-03t12:45:23z", "2025-02-30T00:00:00Z",
                "2025-13-01T00:00:00Z", "2025-08-03T24:00:00Z", "2025-08-03T23:59:60Z", "2025-08-03T12:45:23.Z",
                "2025-08-03T12:45:23.1234567890Z", "+12025-08-03T12:45:23Z", "2025-08-03 12:45:23Z", ""}) {
            assertThat(Timestamps.parseCommon(text)).as(text).isNull();
        }
    }
}
