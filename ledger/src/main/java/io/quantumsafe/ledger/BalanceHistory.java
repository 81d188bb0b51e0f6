package io.quantumsafe.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Balance snapshots of the accounts flagged HISTORY: after every change, the timestamp and the four
 * balances. Only flagged accounts pay for it.
 */
final class BalanceHistory {
    /** One snapshot: timestamp, then debits pending/posted and credits pending/posted as hi, lo. */
    static final int ENTRY_LONGS = 9;

    private final Map<Integer, long[]> entries = new HashMap<>();
    private final Map<Integer, Integer> sizes = new HashMap<>();

    void append(AccountTable a, int slot, long timestamp) {
        add(slot, timestamp, a.hi(slot, AccountTable.DEBITS_PENDING), a.lo(slot, AccountTable.DEBITS_PENDING), a.hi(slot, AccountTable.DEBITS_POSTED), a.lo(slot, AccountTable.DEBITS_POSTED),
                a.hi(slot, AccountTable.CREDITS_PENDING), a.lo(slot, AccountTable.CREDITS_PENDING), a.hi(slot, AccountTable.CREDITS_POSTED), a.lo(slot, AccountTable.CREDITS_POSTED));
    }

    void restore(int slot, AccountBalance b) {
        add(slot, b.timestamp(), b.debitsPending().hi(), b.debitsPending().lo(), b.debitsPosted().hi(), b.debitsPosted().lo(),
                b.creditsPending().hi(), b.creditsPending().lo(), b.creditsPosted().hi(), b.creditsPosted().lo());
    }

    private void add(int slot, long timestamp, long dpHi, long dpLo, long dPostHi, long dPostLo, long cpHi, long cpLo,
                     long cPostHi, long cPostLo) {
        long[] list = entries.computeIfAbsent(slot, s -> new long[ENTRY_LONGS * 4]);
        int size = sizes.getOrDefault(slot, 0);
        if ((size + 1) * ENTRY_LONGS > list.length) {
            list = Arrays.copyOf(list, list.length * 2);
            entries.put(slot, list);
        }
        int i = size * ENTRY_LONGS;
        list[i] = timestamp;
        list[i + 1] = dpHi; list[i + 2] = dpLo; list[i + 3] = dPostHi; list[i + 4] = dPostLo;
        list[i + 5] = cpHi; list[i + 6] = cpLo; list[i + 7] = cPostHi; list[i + 8] = cPostLo;
        sizes.put(slot, size + 1);
    }

    void removeLast(int slot) {
        sizes.computeIfPresent(slot, (s, size) -> size - 1);
    }

    List<AccountBalance> of(int slot) {
        long[] list = entries.get(slot);
        int size = sizes.getOrDefault(slot, 0);
        List<AccountBalance> result = new ArrayList<>(size);
        for (int e = 0; e < size; e++) {
            int i = e * ENTRY_LONGS;
            result.add(new AccountBalance(list[i], new UInt128(list[i + 1], list[i + 2]), new UInt128(list[i + 3], list[i + 4]),
                    new UInt128(list[i + 5], list[i + 6]), new UInt128(list[i + 7], list[i + 8])));
        }
        return result;
    }

    /** Every slot with history, in slot order (snapshots). */
    List<Integer> slots() {
        return sizes.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
    }
}
