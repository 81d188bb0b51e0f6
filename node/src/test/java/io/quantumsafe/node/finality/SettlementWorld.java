package io.quantumsafe.node.finality;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.EngineSignatureCheck;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.node.verifier.VerifierCore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic settlement network without sockets: four validators executing the committed
 * sequence the way real replicas do (trusting certified signatures), signing checkpoints with real
 * ML-DSA-65 keys, each with its own {@link Finality}; verifiers re-executing with every signature
 * checked; signed client traffic from a seed; consensus time as an input. Byzantine validators are
 * scripted: they inject a forged request, or sign a wrong state root, at a chosen batch.
 */
final class SettlementWorld {
    static final int NETWORK = 42;
    static final int EUR = 978;
    static final long BATCH_MILLIS = 1_000;
    static final PqcEngine ENGINE = PqcEngine.builder().ignoreSystemProperties().build();
    private static final List<KeyPair> VALIDATOR_KEYS = keys(4, Algorithm.ML_DSA_65);
    static final List<KeyPair> VERIFIER_KEYS = keys(3, Algorithm.ML_DSA_65);
    private static final List<KeyPair> CLIENT_KEYS = keys(3, Algorithm.ML_DSA_44);
    static final UInt128[] CLIENTS = {UInt128.of(1001), UInt128.of(1002), UInt128.of(1003)};

    enum Fraud { NONE, FORGED_REQUEST, WRONG_ROOT }

    /** One validator's node: ledger, finality, and what it must keep to be able to roll back. */
    final class Node {
        final int index;
        final boolean byzantine;
        Ledger ledger = new Ledger(config, SignatureCheck.TRUST_CERTIFIED);
        final Finality finality;
        final List<Batch> committedSinceFinal = new ArrayList<>();
        final Map<Long, byte[]> snapshots = new HashMap<>();
        byte[] snapshotAtFinal = LedgerSnapshot.toBytes(ledger);
        final List<FinalityEffect> effects = new ArrayList<>();
        final Map<Long, Long> finalizedAt = new HashMap<>();

        Node(int index, boolean byzantine) {
            this.index = index;
            this.byzantine = byzantine;
            this.finality = new Finality(finalityConfig, signing, verifierSet, null);
        }

        Ledger restoreFinal() {
            try {
                return LedgerSnapshot.read(new ByteArrayInputStream(snapshotAtFinal), config, fullCheck);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void handle(List<FinalityEffect> produced) {
            for (FinalityEffect effect : produced) {
                effects.add(effect);
                if (effect instanceof FinalityEffect.Finalized finalized) {
                    Checkpoint checkpoint = finalized.certificate().checkpoint();
                    finalizedAt.put(checkpoint.sequence(), now);
                    byte[] snapshot = snapshots.get(checkpoint.sequence());
                    if (snapshot == null) throw new AssertionError("validator " + index + " finalised " + checkpoint + " without a snapshot");
                    snapshotAtFinal = snapshot;
                    snapshots.keySet().removeIf(i -> i <= checkpoint.sequence());
                    committedSinceFinal.removeIf(batch -> batch.sequence() <= checkpoint.sequence());
                }
            }
        }

        void fraudProof(FraudProof proof) {
            FraudProofCheck.Verdict verdict = FraudProofCheck.check(proof, verifierSet, signing, finality.lastFinal(),
                    this::restoreFinal, committedSinceFinal);
            List<FinalityEffect> produced = finality.fraudProof(proof, verdict, now);
            handle(produced);
            for (FinalityEffect effect : produced) {
                if (effect instanceof FinalityEffect.Revert revert && verdict instanceof FraudProofCheck.Valid valid) {
                    // Continue from the correctly re-executed state, then re-apply what came after the disputed batch.
                    Ledger corrected = valid.corrected();
                    for (Batch batch : committedSinceFinal) {
                        if (batch.sequence() > corrected.sequence()) corrected.apply(batch);
                    }
                    ledger = corrected;
                    snapshots.keySet().removeIf(i -> i >= revert.fromSequence());
                }
            }
        }
    }

    final LedgerConfig config;
    final SignatureCheck fullCheck = new EngineSignatureCheck(ENGINE);
    final Committee committee;
    final CheckpointSigning signing;
    final VerifierSet verifierSet;
    final FinalityConfig finalityConfig;
    final List<Node> nodes = new ArrayList<>();
    final List<VerifierCore> verifiers = new ArrayList<>();
    final boolean[] verifierUp;
    final Ledger control;
    final List<FraudProof> proofs = new ArrayList<>();
    final List<CheckpointCertificate> certificates = new ArrayList<>();
    final List<Batch> committed = new ArrayList<>();
    private final SplittableRandom random;
    private final long[] requestNumbers = new long[CLIENTS.length];
    private long transferIds = 1;
    private long sequence;
    long now = 1_700_000_000_000L;

    SettlementWorld(long seed, int verifierCount, FinalityConfig finalityConfig, int byzantineCount) {
        this.random = new SplittableRandom(seed);
        List<ClientKey> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS.length; c++) clients.add(new ClientKey(CLIENTS[c], CLIENT_KEYS.get(c).publicKey()));
        this.config = LedgerConfig.of(NETWORK, clients);
        List<Validator> validators = new ArrayList<>();
        for (int v = 0; v < 4; v++) validators.add(new Validator(v, "validator-" + v, "dc-" + (v % 2), VALIDATOR_KEYS.get(v).publicKey().encoded()));
        this.committee = Committee.of(validators);
        this.signing = new CheckpointSigning(committee, ENGINE);
        List<VerifierSet.Member> members = new ArrayList<>();
        for (int k = 0; k < verifierCount; k++) members.add(new VerifierSet.Member("verifier-" + k, VERIFIER_KEYS.get(k).publicKey()));
        this.verifierSet = new VerifierSet(members, ENGINE);
        this.finalityConfig = finalityConfig;
        // Validators 1..byzantineCount collude; validator 0 is always honest.
        for (int v = 0; v < 4; v++) nodes.add(new Node(v, v >= 1 && v <= byzantineCount));
        for (int k = 0; k < verifierCount; k++) {
            verifiers.add(new VerifierCore(k, VERIFIER_KEYS.get(k).privateKey(), verifierSet, signing, new Ledger(config, fullCheck), null));
        }
        this.verifierUp = new boolean[verifierCount];
        java.util.Arrays.fill(verifierUp, true);
        this.control = new Ledger(config, fullCheck);
        openAccounts();
    }

    private static List<KeyPair> keys(int count, Algorithm algorithm) {
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) keys.add(ENGINE.generateKeyPair(algorithm));
        return keys;
    }

    static UInt128 account(int client, int which) {
        return UInt128.of(10L * (client + 1) + which);
    }

    private SettlementRequest signed(int client, long number, List<Account> accounts, List<Transfer> transfers, int signingClient) {
        SettlementRequest unsigned = new SettlementRequest(NETWORK, CLIENTS[client], number, accounts, transfers, new byte[0]);
        return unsigned.withSignature(ENGINE.signer(CLIENT_KEYS.get(signingClient).privateKey()).sign(RequestCodec.signingMessage(unsigned)));
    }

    private void openAccounts() {
        List<SettlementRequest> requests = new ArrayList<>();
        for (int c = 0; c < CLIENTS.length; c++) {
            requests.add(signed(c, ++requestNumbers[c], List.of(Account.create(account(c, 1), EUR, 1, 0, CLIENTS[c]),
                    Account.create(account(c, 2), EUR, 1, 0, CLIENTS[c])), List.of(), c));
        }
        commit(requests);
    }

    /** A batch of honest, signed traffic from the seed. */
    List<SettlementRequest> traffic() {
        List<SettlementRequest> requests = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int r = 0; r < count; r++) {
            int client = random.nextInt(CLIENTS.length);
            List<Transfer> transfers = new ArrayList<>();
            int n = 1 + random.nextInt(5);
            for (int t = 0; t < n; t++) {
                int other = (client + 1 + random.nextInt(CLIENTS.length - 1)) % CLIENTS.length;
                transfers.add(Transfer.of(UInt128.of(transferIds++), account(client, 1 + random.nextInt(2)),
                        account(other, 1 + random.nextInt(2)), UInt128.of(1 + random.nextInt(1_000)), EUR, 1));
            }
            requests.add(signed(client, ++requestNumbers[client], List.of(), transfers, client));
        }
        return requests;
    }

    /**
     * What colluding validators slip into the sequence: client 0's account debited in favour of
     * client 2's, in client 0's name but signed with client 2's key. Validators that trust the
     * certified sequence execute it; a verifier checking signatures does not.
     */
    SettlementRequest forgedRequest() {
        Transfer theft = Transfer.of(UInt128.of(transferIds++), account(0, 1), account(2, 1), UInt128.of(1_000_000), EUR, 1);
        return signed(0, requestNumbers[0] + 1, List.of(), List.of(theft), 2);
    }

    /** Commits one batch: every validator executes it, every running verifier re-executes it, time advances. */
    void commit(List<SettlementRequest> requests) {
        now += BATCH_MILLIS;
        Batch batch = new Batch(++sequence, now * 1_000_000L, requests);
        for (Node node : nodes) {
            node.ledger.apply(batch);
            node.committedSinceFinal.add(batch);
        }
        control.apply(batch);
        committed.add(batch);
        for (int k = 0; k < verifiers.size(); k++) if (verifierUp[k]) verifiers.get(k).batch(batch);
        for (Node node : nodes) node.handle(node.finality.tick(now));
    }

    /**
     * Every validator takes a checkpoint of its state and signs it (a wrong-root colluder signs a
     * fabricated one); a quorum of equal signatures makes the certificate every node and verifier gets.
     */
    CheckpointCertificate checkpoint(boolean colludersSignWrongRoot) {
        Map<Digest, SortedMap<Integer, byte[]>> votes = new LinkedHashMap<>();
        Map<Digest, Checkpoint> byDigest = new HashMap<>();
        for (Node node : nodes) {
            Digest root = Digest.of(node.ledger.stateRoot());
            if (colludersSignWrongRoot && node.byzantine) {
                byte[] fabricated = root.toBytes();
                fabricated[0] ^= 0x5a;
                root = Digest.of(fabricated);
            }
            Checkpoint checkpoint = new Checkpoint(NETWORK, node.ledger.sequence(), root);
            node.snapshots.put(checkpoint.sequence(), LedgerSnapshot.toBytes(node.ledger));
            Digest digest = checkpoint.digest();
            byDigest.put(digest, checkpoint);
            votes.computeIfAbsent(digest, d -> new TreeMap<>())
                    .put(node.index, signing.sign(node.index, VALIDATOR_KEYS.get(node.index).privateKey(), checkpoint));
        }
        CheckpointCertificate certificate = null;
        for (Map.Entry<Digest, SortedMap<Integer, byte[]>> entry : votes.entrySet()) {
            if (entry.getValue().size() >= committee.quorum()) certificate = signing.certificate(byDigest.get(entry.getKey()), entry.getValue());
        }
        if (certificate == null) return null;
        certificates.add(certificate);
        deliver(certificate);
        return certificate;
    }

    void deliver(CheckpointCertificate certificate) {
        for (Node node : nodes) node.handle(node.finality.certified(certificate, now));
        for (int k = 0; k < verifiers.size(); k++) {
            if (!verifierUp[k]) continue;
            switch (verifiers.get(k).checkpoint(certificate)) {
                case VerifierCore.Attest(Attestation attestation) -> {
                    for (Node node : nodes) node.handle(node.finality.attestation(attestation, now));
                }
                case VerifierCore.Fraud(FraudProof proof) -> {
                    proofs.add(proof);
                    for (Node node : nodes) node.fraudProof(proof);
                }
                case VerifierCore.Refused refused -> { }
            }
        }
    }

    Node honest() { return nodes.getFirst(); }

    long balance(Ledger ledger, UInt128 id) {
        Account account = ledger.account(id).orElseThrow();
        return account.creditsPosted().toBigInteger().subtract(account.debitsPosted().toBigInteger()).longValueExact();
    }
}
