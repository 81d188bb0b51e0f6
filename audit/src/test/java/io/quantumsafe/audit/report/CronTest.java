package io.quantumsafe.audit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZonedDateTime;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronTest {
    static ZonedDateTime at(String text) { return ZonedDateTime.parse(text); }

    @ParameterizedTest
    @CsvSource({
            "0 6 * * *,        2025-08-03T05:59:59Z, 2025-08-03T06:00Z",
            "0 6 * * *,        2025-08-03T06:00:00Z, 2025-08-04T06:00Z",
            "*/15 * * * *,     2025-08-03T06:07:00Z, 2025-08-03T06:15Z",
            "30 2 1 * *,       2025-08-03T00:00:00Z, 2025-09-01T02:30Z",
            "0 0 * * 1,        2025-08-03T12:00:00Z, 2025-08-04T00:00Z",   // 2025-08-03 is a Sunday
            "0 0 * * 7,        2025-08-04T12:00:00Z, 2025-08-10T00:00Z",   // 7 is Sunday too
            "0 9 1-7 * 1,      2025-08-02T00:00:00Z, 2025-08-02T09:00Z",   // both day fields: either matches (day 2)
            "0 9 1-7 * 1,      2025-08-08T00:00:00Z, 2025-08-11T09:00Z",   // ... or Monday
            "0 0 29 2 *,       2025-03-01T00:00:00Z, 2028-02-29T00:00Z",
            "'5,10 8-9 * 1-6/5 *', 2025-01-31T09:10:00Z, 2025-06-01T08:05Z",   // months 1 and 6
    })
    void next_isTheFirstMatchingMinuteAfter(String expression, String after, String expected) {
        assertThat(Cron.parse(expression).next(at(after))).isEqualTo(at(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "5-1 * * * *",
            "*/0 * * * *", "a * * * *", "0 0 30 2 *", "1,,2 * * * *"})
    void badExpressions_areRefusedWithTheField(String expression) {
        assertThatThrownBy(() -> Cron.parse(expression)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("null");
    }

    @Test
    void errors_nameTheField() {
        assertThatThrownBy(() -> Cron.parse("0 25 * * *")).hasMessageContaining("hour must be 0 to 23, got 25");
        assertThatThrownBy(() -> Cron.parse("0 0 30 2 *")).hasMessageContaining("never fires");
    }

    /** Against a plain model: step minute by minute and take the first that matches the fields. */
    @Property(tries = 300)
    void next_agreesWithAMinuteByMinuteSearch(@ForAll @IntRange(min = 0, max = 59) int minute, @ForAll @IntRange(min = 1, max = 30) int step,
                                              @ForAll @IntRange(min = 0, max = 23) int hour, @ForAll @IntRange(min = 0, max = 6) int weekday,
                                              @ForAll @IntRange(min = 0, max = 100_000) int offsetMinutes) {
        String expression = minute + "/" + step + " " + hour + "-23 * * " + weekday + ",6";
        ZonedDateTime after = at("2025-08-03T00:00:00Z").plusMinutes(offsetMinutes);
        ZonedDateTime model = after.withSecond(0).plusMinutes(1);
        while (!(model.getMinute() >= minute && (model.getMinute() - minute) % step == 0 && model.getHour() >= hour
                && (model.getDayOfWeek().getValue() % 7 == weekday || model.getDayOfWeek().getValue() % 7 == 6))) {
            model = model.plusMinutes(1);
        }
        assertThat(Cron.parse(expression).next(after)).isEqualTo(model);
    }
}
