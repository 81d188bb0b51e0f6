package io.quantumsafe.bench.ledger;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.BatchResult;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.CreateTransferResult;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.RootHashing;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ledger state machine alone, on one applying thread: batches of 8,190 transfers over a million
 * accounts, applied without the state root and with it computed per batch (serially, with each level
 * spread over two threads, or pipelined one batch behind on a second thread), in one run. Every mode
 * must produce the same root for every batch, or the run fails. Signatures
 * are trusted (a certified sequence), so this measures execution and hashing, not ML-DSA.
 *
 * <p>Two workloads: uniform (every transfer between two random accounts, the worst case for the
 * state tree: about 16,000 distinct dirty leaves per batch) and skewed (80% of transfers touch 1% of
 * the accounts, closer to a payment network with a few settlement accounts).
 */
public final class LedgerLoad {
    private static final int NETWORK = 1;
    private static final UInt128 CLIENT = UInt128.of(1);
    private static final int EVENTS = RequestCodec.eventsMax;

    /** How roots are computed in a run. */
    public enum Mode {
        NONE("no"), SERIAL("yes, one thread"), PARALLEL("yes, hashing on 2 threads"),
        PIPELINED("yes, pipelined: hashing batch N on a 2nd thread while N+1 executes");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /**
     * @param applyCpuMillis  CPU time of the applying thread per batch (ThreadMXBean): unlike wall time, barely
     *                        moved by other processes on a shared machine
     * @param hasherCpuMillis CPU time of the hashing thread per batch (0 when there is none)
     */
    public record Figures(String workload, Mode mode, long transfers, double seconds, double transfersPerSecond,
                          double batchMillisP50, double batchMillisP99, double applyCpuMillis, double hasherCpuMillis) {
        /** Transfers/s if each thread had a core of its own: a batch takes as long as the busier thread's CPU time. */
        double cpuBoundTransfersPerSecond() {
            return EVENTS / (Math.max(applyCpuMillis, hasherCpuMillis) / 1e3);
        }
    }

    public record Report(int accounts, double bytesPerAccount, List<Figures> figures) {
        public String markdown(String command) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%,d accounts, batches of %,d transfers, one applying thread; memory %.0f bytes per account.%n%n",
                    accounts, EVENTS, bytesPerAccount));
            out.append("| workload | state root per batch | transfers/s (wall) | batch p50 ms | batch p99 ms"
                    + " | CPU ms/batch: applying thread | hashing thread | transfers/s at CPU time | vs no root |\n"
                    + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Figures f : figures) {
                Figures none = find(f.workload(), Mode.NONE);
                double ratio = none == null ? Double.NaN : f.cpuBoundTransfersPerSecond() / none.cpuBoundTransfersPerSecond();
                out.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %,.0f | %.2f |%n", f.workload(),
                        f.mode().label, f.transfersPerSecond(), f.batchMillisP50(), f.batchMillisP99(), f.applyCpuMillis(),
                        f.hasherCpuMillis(), f.cpuBoundTransfersPerSecond(), ratio));
            }
            for (String workload : List.of("uniform", "skewed")) {
                Figures serial = find(workload, Mode.SERIAL);
                Figures none = find(workload, Mode.NONE);
                if (serial != null && none != null) {
                    out.append(String.format(Locale.ROOT, "%nThe state root (one thread) costs %.0f%% of the batch's CPU time with the %s workload.",
                            100 * (1 - none.applyCpuMillis() / serial.applyCpuMillis()), workload));
                }
            }
            out.append("\n\nWall-clock figures move with whatever else runs on the machine; CPU times per thread much less."
                    + " \"transfers/s at CPU time\" is 8,190 / the busier thread's CPU ms per batch: the rate if each thread had a core.");
            out.append("\n\n").append(heapNote());
            out.append("\n\nReproduce: `").append(heapOptions().isEmpty() ? "" : "QSAFE_JAVA_OPTS=\"" + heapOptions() + "\" ")
                    .append(command).append("`\n");
            return out.toString();
        }

        private Figures find(String workload, Mode mode) {
            return figures.stream().filter(f -> f.workload().equals(workload) && f.mode() == mode).findFirst().orElse(null);
        }
    }

    /** The heap options this JVM was started with (-Xms, -Xmx, AlwaysPreTouch), as they shape the figures. */
    static String heapOptions() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xms") || a.startsWith("-Xmx") || a.contains("AlwaysPreTouch")).toList());
    }

    /**
     * Without a pre-touched heap, the first write to every heap page the JVM has not used yet costs a
     * page fault and the kernel zeroing it, charged to whichever thread allocates: in a one-minute run
     * the heap keeps growing, so the applying thread paid for it (uniform, no root: 5.3-5.7 CPU ms per
     * batch against 3.7 pre-touched, same code). A validator that has run for a while has touched its heap;
     * a pre-touched heap measures that steady state.
     */
    static String heapNote() {
        boolean preTouched = ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+AlwaysPreTouch");
        return preTouched
                ? "Heap pre-touched (" + heapOptions() + "): the steady state of a running validator, without first-touch page faults."
                : "Heap NOT pre-touched: figures include page faults on heap pages touched for the first time, charged to the"
                        + " applying thread. For the steady state of a running validator use QSAFE_JAVA_OPTS=\"-Xms8g -Xmx8g -XX:+AlwaysPreTouch\".";
    }

    public static Report run(int accountCount, int batches) {
        LedgerConfig config = new LedgerConfig(NETWORK,
                List.of(new ClientKey(CLIENT, PqcEngine.create().generateKeyPair(Algorithm.ML_DSA_65).publicKey())),
                Math.max(accountCount, 1), (long) (batches + 1) * EVENTS * 4 + 1);
        double bytesPerAccount = measureAccountMemory(config, accountCount);
        List<Figures> figures = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Thread> hasher = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.ExecutorService hashers = java.util.concurrent.Executors.newFixedThreadPool(1, runnable -> {
            Thread thread = Thread.ofPlatform().daemon(true).name("ledger-hasher").unstarted(runnable);
            hasher.set(thread);
            return thread;
        });
        java.util.Map<String, List<byte[]>> roots = new java.util.HashMap<>();
        try {
            for (String workload : List.of("uniform", "skewed")) {
                for (Mode mode : Mode.values()) figures.add(measure(config, accountCount, batches, workload, mode, hashers, hasher, roots));
            }
        } finally {
            hashers.shutdownNow();
        }
        return new Report(accountCount, bytesPerAccount, figures);
    }

    private static Figures measure(LedgerConfig config, int accountCount, int batches, String workload, Mode mode,
                                   java.util.concurrent.ExecutorService hashers,
                                   java.util.concurrent.atomic.AtomicReference<Thread> hasher,
                                   java.util.Map<String, List<byte[]>> rootsByWorkload) {
        RootHashing hashing = switch (mode) {
            case PARALLEL -> RootHashing.parallel(hashers, 2);
            case PIPELINED -> RootHashing.pipelined(hashers);
            case NONE, SERIAL -> RootHashing.SERIAL;
        };
        Ledger ledger = new Ledger(config, SignatureCheck.TRUST_CERTIFIED, hashing, mode != Mode.NONE);
        long[] requestNumber = {0};
        long[] sequence = {0};
        createAccounts(ledger, accountCount, requestNumber, sequence);
        SplittableRandom random = new SplittableRandom(42);
        long[] nextId = {1};
        int warmup = Math.max(3, batches / 5);
        for (int b = 0; b < warmup; b++) applyChecked(ledger, batch(ledger, random, accountCount, workload, nextId, requestNumber, sequence));
        List<Batch> prepared = new ArrayList<>(batches);
        for (int b = 0; b < batches; b++) prepared.add(batch(ledger, random, accountCount, workload, nextId, requestNumber, sequence));
        long[] nanos = new long[batches];
        // Roots only, not results (a result holds its batch's transfer tree and transfers): a batch's
        // root is read once the next batch has been applied, by when a pipelined ledger has settled it.
        List<byte[]> roots = new ArrayList<>(batches);
        BatchResult previous = null;
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long applyCpuStart = cpu.getCurrentThreadCpuTime();
        long hasherCpuStart = hasherCpu(cpu, hasher);
        long start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
            long t0 = System.nanoTime();
            BatchResult result = ledger.apply(prepared.get(b));
            nanos[b] = System.nanoTime() - t0;
            prepared.set(b, null);
            check(result);
            if (previous != null) roots.add(previous.stateRoot());
            previous = result;
        }
        roots.add(previous.stateRoot()); // pipelined: the last batch's roots are part of the run
        double seconds = (System.nanoTime() - start) / 1e9;
        double applyCpuMillis = (cpu.getCurrentThreadCpuTime() - applyCpuStart) / 1e6 / batches;
        double hasherCpuMillis = (hasherCpu(cpu, hasher) - hasherCpuStart) / 1e6 / batches;
        if (mode != Mode.NONE) checkSameRoots(rootsByWorkload, workload, mode, roots);
        java.util.Arrays.sort(nanos);
        long transfers = (long) batches * EVENTS;
        return new Figures(workload, mode, transfers, seconds, transfers / seconds, nanos[batches / 2] / 1e6,
                nanos[Math.min(batches - 1, (int) Math.ceil(batches * 0.99) - 1)] / 1e6, applyCpuMillis, hasherCpuMillis);
    }

    private static long hasherCpu(java.lang.management.ThreadMXBean cpu, java.util.concurrent.atomic.AtomicReference<Thread> hasher) {
        Thread thread = hasher.get();
        return thread == null ? 0 : Math.max(0, cpu.getThreadCpuTime(thread.threadId()));
    }

    /** Every mode that computes roots must produce the same root for every batch (same seed, same batches). */
    private static void checkSameRoots(java.util.Map<String, List<byte[]>> rootsByWorkload, String workload, Mode mode,
                                       List<byte[]> roots) {
        List<byte[]> first = rootsByWorkload.putIfAbsent(workload, roots);
        if (first == null) return;
        for (int b = 0; b < roots.size(); b++) {
            if (!java.util.Arrays.equals(first.get(b), roots.get(b))) {
                throw new IllegalStateException(mode + " computed a different state root for " + workload + " batch " + b);
            }
        }
    }

    private static void createAccounts(Ledger ledger, int count, long[] requestNumber, long[] sequence) {
        for (int first = 1; first <= count; first += EVENTS) {
            List<Account> accounts = new ArrayList<>(EVENTS);
            for (int id = first; id < first + EVENTS && id <= count; id++) {
                accounts.add(Account.create(UInt128.of(id), 1, 1, 0, CLIENT));
            }
            SettlementRequest request = new SettlementRequest(NETWORK, CLIENT, ++requestNumber[0], accounts, List.of(), new byte[0]);
            ledger.apply(new Batch(++sequence[0], sequence[0] * 1_000_000L, List.of(request)));
        }
    }

    private static Batch batch(Ledger ledger, SplittableRandom random, int accountCount, String workload, long[] nextId,
                               long[] requestNumber, long[] sequence) {
        int hot = Math.max(2, accountCount / 100);
        List<Transfer> transfers = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            boolean skewedHot = workload.equals("skewed") && random.nextInt(10) < 8;
            int bound = skewedHot ? hot : accountCount;
            long debit = 1 + random.nextInt(bound);
            long credit = 1 + random.nextInt(bound - 1);
            if (credit >= debit) credit++;
            transfers.add(Transfer.of(UInt128.of(nextId[0]++), UInt128.of(debit), UInt128.of(credit),
                    UInt128.of(1 + random.nextInt(1000)), 1, 1));
        }
        SettlementRequest request = new SettlementRequest(NETWORK, CLIENT, ++requestNumber[0], List.of(), transfers, new byte[0]);
        return new Batch(++sequence[0], sequence[0] * 1_000_000L, List.of(request));
    }

    private static void applyChecked(Ledger ledger, Batch batch) {
        check(ledger.apply(batch));
    }

    /** Every transfer of the benchmark must succeed, or the figures measure rejections. */
    private static void check(BatchResult result) {
        for (CreateTransferResult r : result.outcomes().getFirst().transferResults()) {
            if (r != CreateTransferResult.OK) throw new IllegalStateException("benchmark transfer failed: " + r);
        }
    }

    private static double measureAccountMemory(LedgerConfig config, int accountCount) {
        long before = usedHeapAfterGc();
        Ledger ledger = new Ledger(config, SignatureCheck.TRUST_CERTIFIED);
        createAccounts(ledger, accountCount, new long[] {0}, new long[] {0});
        ledger.stateRoot();
        long after = usedHeapAfterGc();
        if (ledger.accountCount() != accountCount) throw new IllegalStateException("accounts were not all created");
        return (after - before) / (double) accountCount;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        System.out.print(run(accounts, batches).markdown("./qsafe bench ledger --accounts " + accounts + " --batches " + batches));
    }
}
