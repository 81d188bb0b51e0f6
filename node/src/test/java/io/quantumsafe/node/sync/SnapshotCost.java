package io.quantumsafe.node.sync;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a periodic snapshot costs the consensus thread, against the baseline of executing one committed
 * sub-DAG of 1,000 transfers, same run (not a test; run by hand, README "Status"):
 * {@code java -cp <node test classpath> io.quantumsafe.node.sync.SnapshotCost 100000 200000}
 */
public final class SnapshotCost {
    public static void main(String[] args) throws Exception {
        int accounts = Integer.parseInt(args[0]), transfers = Integer.parseInt(args[1]);
        UInt128 client = UInt128.of(1);
        LedgerConfig config = LedgerConfig.of(1, List.of(new ClientKey(client, PqcEngine.create().generateKeyPair(Algorithm.ML_DSA_44).publicKey())));
        Ledger ledger = new Ledger(config, SignatureCheck.TRUST_CERTIFIED);
        long sequence = 0, number = 0;
        for (int from = 0; from < accounts; from += 8000) {
            List<Account> batch = new ArrayList<>();
            for (int a = from; a < Math.min(accounts, from + 8000); a++) batch.add(Account.create(UInt128.of(a + 1), 1, 1, 0, client));
            ledger.apply(new Batch(++sequence, sequence * 1_000_000L, List.of(new SettlementRequest(1, client, ++number, batch, List.of(), new byte[0]))));
        }
        SplittableRandom random = new SplittableRandom(1);
        List<Long> applyNanos = new ArrayList<>();
        for (int from = 0; from < transfers; from += 1000) {
            List<Transfer> batch = new ArrayList<>();
            for (int t = from; t < from + 1000; t++) {
                long debit = 1 + random.nextInt(accounts), credit = 1 + (debit % accounts);
                batch.add(Transfer.of(UInt128.of(t + 1), UInt128.of(debit), UInt128.of(credit), UInt128.of(1 + random.nextInt(100)), 1, 1));
            }
            Batch b = new Batch(++sequence, sequence * 1_000_000L, List.of(new SettlementRequest(1, client, ++number, List.of(), batch, new byte[0])));
            long start = System.nanoTime();
            ledger.apply(b);
            applyNanos.add(System.nanoTime() - start);
        }
        long[] write = new long[5], read = new long[5];
        byte[] snapshot = null;
        for (int i = 0; i < write.length; i++) {
            long start = System.nanoTime();
            snapshot = LedgerSnapshot.toBytes(ledger);
            write[i] = System.nanoTime() - start;
            start = System.nanoTime();
            LedgerSnapshot.read(new ByteArrayInputStream(snapshot), config, SignatureCheck.TRUST_CERTIFIED);
            read[i] = System.nanoTime() - start;
        }
        long baseline = median(applyNanos.subList(applyNanos.size() / 2, applyNanos.size()).stream().mapToLong(Long::longValue).toArray());
        long w = median(write), r = median(read);
        System.out.printf("accounts %,d, transfers %,d, snapshot %,d bytes%n", accounts, transfers, snapshot.length);
        System.out.printf("baseline: execute one sub-DAG of 1,000 transfers: %.2f ms (median of the second half)%n", baseline / 1e6);
        System.out.printf("snapshot serialise (consensus thread): %.1f ms = %.1f x baseline%n", w / 1e6, (double) w / baseline);
        System.out.printf("snapshot restore (state sync check, root recomputed): %.1f ms = %.1f x baseline%n", r / 1e6, (double) r / baseline);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
