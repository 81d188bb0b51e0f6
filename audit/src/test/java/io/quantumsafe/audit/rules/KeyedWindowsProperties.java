package io.quantumsafe.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Window counting against a plain model: a list of times per key, filtered on every match. */
class KeyedWindowsProperties {
    record Match(String key, long time) {}

    @Provide
    Arbitrary<List<Match>> inOrderMatches() {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c");
        Arbitrary<Long> gaps = Arbitraries.longs().between(0, 40_000);
        return Combinators.combine(keys, gaps).as((key, gap) -> new Match(key, gap)).list().ofMaxSize(200).map(list -> {
            List<Match> timed = new ArrayList<>();
            long time = 0;
            for (Match match : list) {
                time += match.time();
                timed.add(new Match(match.key(), time));
            }
            return timed;
        });
    }

    @Property(tries = 500)
    void firesExactlyWhenTheModelCountsThresholdWithinTheWindow(@ForAll("inOrderMatches") List<Match> matches,
                                                               @ForAll @IntRange(min = 1, max = 6) int threshold) {
        long window = 60_000;
        KeyedWindows windows = new KeyedWindows(window, threshold, 1000);
        Map<String, List<Long>> model = new HashMap<>();
        for (Match match : matches) {
            List<Long> times = model.computeIfAbsent(match.key(), k -> new ArrayList<>());
            times.add(match.time());
            times.removeIf(t -> t < match.time() - window);
            boolean modelFires = times.size() >= threshold;
            int fired = windows.match(match.key(), match.time());
            assertThat(fired > 0).as("match %s", match).isEqualTo(modelFires);
            if (modelFires) {
                assertThat(fired).isEqualTo(times.size());
                times.clear();
            } else {
                assertThat(windows.count(match.key())).isEqualTo(threshold == 1 ? 0 : times.size());
            }
        }
    }

    @Property(tries = 200)
    void keyCountNeverExceedsTheBound(@ForAll("inOrderMatches") List<Match> matches, @ForAll @IntRange(min = 1, max = 3) int keysMax) {
        KeyedWindows windows = new KeyedWindows(60_000, 100, keysMax);
        for (Match match : matches) {
            windows.match(match.key() + match.time() % 7, match.time());
            assertThat(windows.keyCount()).isLessThanOrEqualTo(keysMax);
        }
    }

    @Property(tries = 200)
    void memoryPerKey_isBoundedByTheThreshold(@ForAll @IntRange(min = 2, max = 50) int threshold) {
        KeyedWindows windows = new KeyedWindows(Long.MAX_VALUE / 4, threshold, 10);
        for (int i = 0; i < threshold - 1; i++) assertThat(windows.match("k", i)).isZero();
        assertThat(windows.count("k")).isEqualTo(threshold - 1);
        assertThat(windows.match("k", threshold)).isEqualTo(threshold);
        assertThat(windows.count("k")).isZero();
    }
}
