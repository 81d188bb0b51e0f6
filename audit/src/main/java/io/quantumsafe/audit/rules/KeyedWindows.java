package io.quantumsafe.audit.rules;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * "N matches per key within T": for each key, the times of its most recent matches (at most N, so
 * memory per key is bounded by the threshold), with keys in least-recently-used order and at most
 * {@code keysMax} of them. Plain data: time comes in with each match, nothing runs by itself.
 *
 * <p>When a key reaches N matches within T the rule fires and the key's count starts again, so a
 * burst of 10 failures with a threshold of 5 fires twice, not six times.
 */
final class KeyedWindows {
    private final long windowMillis;
    private final int threshold;
    private final int keysMax;
    private final LinkedHashMap<String, long[]> keys = new LinkedHashMap<>(16, 0.75f, true);
    private long evictions;

    KeyedWindows(long windowMillis, int threshold, int keysMax) {
        if (threshold < 1 || keysMax < 1 || windowMillis < 0) throw new IllegalArgumentException("bad window bounds");
        this.windowMillis = windowMillis;
        this.threshold = threshold;
        this.keysMax = keysMax;
    }

    /** Records a match of {@code key} at {@code timeMillis}; returns the count reached if the rule fires, else 0. */
    int match(String key, long timeMillis) {
        if (threshold == 1) return 1;
        long[] times = keys.get(key);
        if (times == null) {
            // times[0] holds the count; times[1..count] the match times, oldest first.
            times = new long[Math.min(threshold, 8) + 1];
            if (keys.size() == keysMax) evictEldest();
            keys.put(key, times);
        }
        times = insert(key, times, timeMillis);
        int count = (int) times[0];
        if (count >= threshold) {
            keys.remove(key);
            return count;
        }
        expireEldest(timeMillis);
        return 0;
    }

    /** Inserts in time order (events can arrive late) and drops times older than the window before the newest. */
    private long[] insert(String key, long[] times, long time) {
        int count = (int) times[0];
        if (count + 2 > times.length) {
            times = Arrays.copyOf(times, Math.min(threshold + 1, times.length * 2));
            keys.put(key, times);
        }
        int position = count + 1;
        while (position > 1 && times[position - 1] > time) {
            times[position] = times[position - 1];
            position--;
        }
        times[position] = time;
        count++;
        long oldest = times[count] - windowMillis;
        int drop = 0;
        while (drop < count && times[1 + drop] < oldest) drop++;
        if (drop > 0) System.arraycopy(times, 1 + drop, times, 1, count - drop);
        times[0] = count - drop;
        return times;
    }

    /** Removes at most two keys whose newest match is older than the window: amortised expiry without a timer. */
    private void expireEldest(long now) {
        Iterator<Map.Entry<String, long[]>> eldest = keys.entrySet().iterator();
        for (int i = 0; i < 2 && eldest.hasNext(); i++) {
            long[] times = eldest.next().getValue();
            if (times[(int) times[0]] >= now - windowMillis) return;
            eldest.remove();
        }
    }

    private void evictEldest() {
        Iterator<Map.Entry<String, long[]>> eldest = keys.entrySet().iterator();
        eldest.next();
        eldest.remove();
        evictions++;
    }

    int keyCount() { return keys.size(); }

    long evictions() { return evictions; }

    /** Matches currently counted for {@code key} within its window. */
    int count(String key) {
        long[] times = keys.get(key);
        return times == null ? 0 : (int) times[0];
    }
}
