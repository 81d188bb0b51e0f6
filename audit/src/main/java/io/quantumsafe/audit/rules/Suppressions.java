package io.quantumsafe.audit.rules;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deduplication: after an alert for a key, further firings for that key within {@code suppressFor}
 * are not alerted. At most {@code keysMax} keys, least recently alerted evicted first.
 */
final class Suppressions {
    private final long suppressMillis;
    private final int keysMax;
    private final LinkedHashMap<String, Long> lastAlert = new LinkedHashMap<>(16, 0.75f, true);
    private long suppressed;

    Suppressions(long suppressMillis, int keysMax) {
        this.suppressMillis = suppressMillis;
        this.keysMax = keysMax;
    }

    /** Whether a firing for {@code key} at {@code timeMillis} should alert; records it if so. */
    boolean admit(String key, long timeMillis) {
        if (suppressMillis == 0) return true;
        Long last = lastAlert.get(key);
        if (last != null && Math.abs(timeMillis - last) < suppressMillis) {
            suppressed++;
            return false;
        }
        if (last == null && lastAlert.size() == keysMax) {
            Iterator<Map.Entry<String, Long>> eldest = lastAlert.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
        lastAlert.put(key, last == null ? timeMillis : Math.max(last, timeMillis));
        return true;
    }

    long suppressed() { return suppressed; }

    int keyCount() { return lastAlert.size(); }
}
