package io.quantumsafe.bench.verifier;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Signer;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.BatchResult;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.EngineSignatureCheck;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.RequestOutcome;
import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.verifier.PrecheckedSignatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Can a verifier keep up? The same committed sequence of signed requests applied three ways in one
 * run: as a validator executes it (signatures trusted: a quorum checked them before voting), as a
 * verifier re-executes it (every ML-DSA-65 request signature checked on the executing thread), and
 * as a verifier with the batch's signatures checked on all cores before executing. State roots are
 * computed per batch in every mode, as checkpoints need them. Request sizes vary from one transfer
 * (a retail payment API) to a hundred (a bank's settlement file), since the signature is per request.
 */
public final class VerifierLoad {
    private static final int NETWORK = 1;
    private static final int CLIENTS = 64;
    private static final int ACCOUNTS_PER_CLIENT = 16;

    public enum Mode {
        VALIDATOR("validator: signatures trusted"), VERIFIER("verifier: every signature checked, one thread"),
        VERIFIER_PARALLEL("verifier: signatures checked on all cores first");

        final String label;

        Mode(String label) { this.label = label; }
    }

    public record Figures(int transfersPerRequest, Mode mode, long transfers, double transfersPerSecond, double requestsPerSecond) {}

    public record Report(int batches, int transfersPerBatch, int cores, List<Figures> figures) {
        public String markdown(String command) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%d batches of %,d transfers per row, %d clients with ML-DSA-65 keys, state root per batch, %d cores.%n%n",
                    batches, transfersPerBatch, CLIENTS, cores));
            out.append("| transfers per request | mode | transfers/s | requests/s | vs validator |\n|---:|---|---:|---:|---:|\n");
            for (Figures f : figures) {
                double baseline = figures.stream().filter(g -> g.transfersPerRequest() == f.transfersPerRequest() && g.mode() == Mode.VALIDATOR)
                        .findFirst().orElseThrow().transfersPerSecond();
                out.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %,.0f | %.2f |%n", f.transfersPerRequest(), f.mode().label,
                        f.transfersPerSecond(), f.requestsPerSecond(), f.transfersPerSecond() / baseline));
            }
            out.append("\nReproduce: `").append(command).append("`\n");
            return out.toString();
        }
    }

    public static Report run(int batches, int transfersPerBatch, int[] requestSizes) {
        PqcEngine engine = PqcEngine.builder().ignoreSystemProperties().build();
        List<KeyPair> keys = new ArrayList<>();
        List<ClientKey> clientKeys = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            KeyPair pair = engine.generateKeyPair(Algorithm.ML_DSA_65);
            keys.add(pair);
            clientKeys.add(new ClientKey(clientId(c), pair.publicKey()));
        }
        LedgerConfig config = LedgerConfig.of(NETWORK, clientKeys);
        int cores = Runtime.getRuntime().availableProcessors();
        List<Figures> figures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, cores - 1))) {
            for (int size : requestSizes) {
                List<Batch> sequence = sequence(engine, keys, batches + 1, transfersPerBatch, size);
                for (Mode mode : Mode.values()) figures.add(measure(engine, config, sequence, mode, size, pool, cores));
            }
        }
        return new Report(batches, transfersPerBatch, cores, figures);
    }

    private static UInt128 clientId(int c) { return UInt128.of(1000 + c); }

    private static UInt128 account(int client, int which) { return UInt128.of(100_000L + (long) client * ACCOUNTS_PER_CLIENT + which); }

    /** Batch 1 opens every account; the rest carry signed transfers between random accounts. */
    private static List<Batch> sequence(PqcEngine engine, List<KeyPair> keys, int count, int transfersPerBatch, int perRequest) {
        SplittableRandom random = new SplittableRandom(perRequest);
        long[] numbers = new long[CLIENTS];
        Signer[] signers = keys.stream().map(k -> engine.signer(k.privateKey())).toArray(Signer[]::new);
        List<Batch> batches = new ArrayList<>();
        List<SettlementRequest> opening = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            List<Account> accounts = new ArrayList<>();
            for (int a = 0; a < ACCOUNTS_PER_CLIENT; a++) accounts.add(Account.create(account(c, a), 978, 1, 0, clientId(c)));
            opening.add(sign(signers[c], new SettlementRequest(NETWORK, clientId(c), ++numbers[c], accounts, List.of(), null)));
        }
        batches.add(new Batch(1, 1_000_000_000L, opening));
        long transferId = 1;
        for (int b = 2; b <= count; b++) {
            List<SettlementRequest> requests = new ArrayList<>();
            for (int t = 0; t < transfersPerBatch; t += perRequest) {
                int c = random.nextInt(CLIENTS);
                List<Transfer> transfers = new ArrayList<>(perRequest);
                for (int k = 0; k < perRequest; k++) {
                    transfers.add(Transfer.of(UInt128.of(transferId++), account(c, random.nextInt(ACCOUNTS_PER_CLIENT)),
                            account(random.nextInt(CLIENTS), random.nextInt(ACCOUNTS_PER_CLIENT)), UInt128.of(1 + random.nextInt(10_000)), 978, 1));
                }
                requests.add(sign(signers[c], new SettlementRequest(NETWORK, clientId(c), ++numbers[c], List.of(), transfers, null)));
            }
            batches.add(new Batch(b, b * 1_000_000_000L, requests));
        }
        return batches;
    }

    private static SettlementRequest sign(Signer signer, SettlementRequest unsigned) {
        return unsigned.withSignature(signer.sign(RequestCodec.signingMessage(unsigned)));
    }

    private static Figures measure(PqcEngine engine, LedgerConfig config, List<Batch> sequence, Mode mode, int perRequest,
                                   ExecutorService pool, int cores) {
        SignatureCheck check = switch (mode) {
            case VALIDATOR -> SignatureCheck.TRUST_CERTIFIED;
            case VERIFIER -> new EngineSignatureCheck(engine);
            case VERIFIER_PARALLEL -> new PrecheckedSignatures(new EngineSignatureCheck(engine), config, pool, cores);
        };
        Ledger ledger = new Ledger(config, check);
        apply(ledger, sequence.getFirst(), check);
        // One unmeasured pass over a few batches warms the JIT for this mode.
        Ledger warm = new Ledger(config, check);
        apply(warm, sequence.getFirst(), check);
        for (int b = 1; b < Math.min(4, sequence.size()); b++) apply(warm, sequence.get(b), check);

        long transfers = 0;
        long requests = 0;
        long start = System.nanoTime();
        for (int b = 1; b < sequence.size(); b++) {
            Batch batch = sequence.get(b);
            apply(ledger, batch, check);
            requests += batch.requests().size();
            for (SettlementRequest r : batch.requests()) transfers += r.transfers().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Figures(perRequest, mode, transfers, transfers / seconds, requests / seconds);
    }

    private static void apply(Ledger ledger, Batch batch, SignatureCheck check) {
        if (check instanceof PrecheckedSignatures prechecked) prechecked.prepare(batch);
        BatchResult result = ledger.apply(batch);
        for (RequestOutcome outcome : result.outcomes()) {
            if (outcome.result() != RequestResult.OK) {
                throw new IllegalStateException("request " + outcome.requestNumber() + " of client " + outcome.clientId()
                        + " was refused (" + outcome.result() + "): the load generator's sequence is broken");
            }
        }
        if (Arrays.equals(ledger.stateRoot(), new byte[32])) throw new IllegalStateException("no state root was computed");
    }
}
