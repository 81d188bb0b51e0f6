package io.quantumsafe.consensus.sim;

import io.quantumsafe.consensus.committee.Committee;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated network: delays, drops, duplicates and partitions, all drawn from the run's single
 * random generator. Partial synchrony (Dwork, Lynch, Stockmeyer): before GST a message may be lost,
 * cut off by a partition or delayed for a long time; a message that is not lost arrives by
 * {@code max(sent, GST) + delta}. After GST nothing is lost and every delay is at most delta.
 * Reordering follows from independent delays; duplicates can happen at any time.
 */
final class Network {
    /** A cut: messages between {@code side} and the rest are lost during [start, end). */
    record Partition(long start, long end, BitSet side, String label) {}

    private final SimConfig config;
    private final SplittableRandom random;
    private final List<Partition> partitions = new ArrayList<>();

    Network(SimConfig config, SplittableRandom random, Committee committee) {
        this.config = config;
        this.random = random;
        for (int i = 0; i < config.partitions() && config.gstMillis() > 0; i++) partitions.add(randomPartition(committee));
    }

    List<Partition> partitions() { return partitions; }

    private Partition randomPartition(Committee committee) {
        int n = committee.size();
        long start = random.nextLong(config.gstMillis());
        long end = start + 1 + random.nextLong(Math.max(1, config.gstMillis() - start));
        BitSet side = new BitSet(n);
        String label;
        List<String> regions = committee.regions();
        if (regions.size() > 1 && random.nextBoolean()) {
            String region = regions.get(random.nextInt(regions.size()));
            for (int i = 0; i < n; i++) if (committee.validator(i).region().equals(region)) side.set(i);
            label = "datacenter " + region;
        } else {
            int size = 1 + random.nextInt(Math.max(1, n - 1));
            while (side.cardinality() < size) side.set(random.nextInt(n));
            label = size + " validators";
        }
        return new Partition(start, end, side, label);
    }

    /** Delivery times for one message (none if lost, two if duplicated). */
    long[] deliveries(int from, int to, long now) {
        boolean beforeGst = now < config.gstMillis();
        if (beforeGst) {
            if (random.nextDouble() < config.dropProbability()) return new long[0];
            for (Partition p : partitions) {
                if (now >= p.start() && now < p.end() && p.side().get(from) != p.side().get(to)) return new long[0];
            }
        }
        boolean duplicate = random.nextDouble() < config.duplicateProbability();
        long first = deliveryTime(now, beforeGst);
        return duplicate ? new long[]{first, deliveryTime(now, beforeGst)} : new long[]{first};
    }

    private long deliveryTime(long now, boolean beforeGst) {
        long delta = config.deltaMillis();
        long delay = delta / 10 + random.nextLong(delta - delta / 10 + 1);
        if (beforeGst && random.nextInt(4) == 0) {
            // A slow message: exponential extra delay, but it still arrives by GST + delta.
            long extra = (long) (-Math.log(1 - random.nextDouble()) * config.asyncDelayMeanMillis());
            return Math.min(now + delay + extra, Math.max(now + delay, config.gstMillis() + delta));
        }
        return now + delay;
    }
}
