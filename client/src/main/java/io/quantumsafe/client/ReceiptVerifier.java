package io.quantumsafe.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Verifier;
import io.quantumsafe.ledger.BatchCommitment;
import io.quantumsafe.ledger.CreateTransferResult;
import io.quantumsafe.ledger.MerkleProof;
import io.quantumsafe.ledger.RecordCodec;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.TransferProof;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Verifies a settlement receipt offline, with the committee file as the only trust anchor: the
 * transfer and its result hash to a leaf whose Merkle path reaches the batch's transfer root, the
 * batch commitment hashes to the state root, and a quorum of the committee signed that state root
 * in the checkpoint ({@code "QSAFE-CHECKPOINT-V1\0" || network_id || sequence || state_root}, ML-DSA-65).
 */
public final class ReceiptVerifier {
    static final byte[] CHECKPOINT_DOMAIN = "QSAFE-CHECKPOINT-V1\0".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    /** The outcome; {@code reason} says which check failed. */
    public record Verdict(boolean valid, String reason, Transfer transfer, String result, long sequence) {}

    private final List<byte[]> committeeKeys;
    private final PqcEngine engine;

    /** @param committeeFile the network's committee file ({@code validator <name> <region> ML-DSA-65 <base64 key>} lines) */
    public ReceiptVerifier(String committeeFile, PqcEngine engine) {
        this.committeeKeys = new ArrayList<>();
        this.engine = engine;
        for (String line : committeeFile.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            if (f.length != 5 || !f[0].equals("validator") || !f[3].equals("ML-DSA-65")) {
                throw new IllegalArgumentException("not a committee file line: " + l);
            }
            committeeKeys.add(Base64.getDecoder().decode(f[4]));
        }
        if (committeeKeys.isEmpty()) throw new IllegalArgumentException("the committee file lists no validators");
    }

    /** Quorum as the consensus module computes it: floor((n + f) / 2) + 1 with f = floor((n - 1) / 3). */
    int quorum() {
        int n = committeeKeys.size(), f = (n - 1) / 3;
        return (n + f) / 2 + 1;
    }

    public Verdict verify(JsonNode receipt) {
        try {
            Transfer transfer = RecordCodec.readTransfer(HEX.parseHex(receipt.get("transfer_record").asText()), 0);
            CreateTransferResult result = CreateTransferResult.ofCode(receipt.get("result_code").asInt());
            JsonNode path = receipt.get("path");
            List<byte[]> siblings = new ArrayList<>();
            for (JsonNode s : path.get("siblings")) siblings.add(HEX.parseHex(s.asText()));
            MerkleProof merkle = new MerkleProof(path.get("leaf_index").asInt(), path.get("leaf_count").asInt(), siblings.toArray(byte[][]::new));
            JsonNode c = receipt.get("commitment");
            BatchCommitment commitment = new BatchCommitment(c.get("network_id").asInt(), c.get("sequence").asLong(), c.get("first_timestamp").asLong(),
                    c.get("last_timestamp").asLong(), c.get("account_count").asInt(), c.get("transfer_count").asLong(), c.get("transfer_leaves").asInt(),
                    HEX.parseHex(c.get("accounts_root").asText()), HEX.parseHex(c.get("clients_root").asText()),
                    HEX.parseHex(c.get("previous_history_root").asText()), HEX.parseHex(c.get("transfer_root").asText()));
            TransferProof proof = new TransferProof(transfer, receipt.get("timestamp").asLong(), result, merkle, commitment);
            JsonNode checkpoint = receipt.get("checkpoint");
            byte[] stateRoot = HEX.parseHex(checkpoint.get("state_root").asText());
            long sequence = checkpoint.get("sequence").asLong();
            if (sequence != commitment.sequence()) return fail("the checkpoint is for sub-DAG " + sequence + ", the batch is " + commitment.sequence());
            if (!proof.verifies(stateRoot)) return fail("the transfer, its Merkle path and the batch commitment do not lead to the checkpoint's state root");
            String quorum = checkQuorum(checkpoint.get("network_id").asInt(), sequence, stateRoot, checkpoint.get("signatures"));
            if (quorum != null) return fail(quorum);
            if (commitment.networkId() != checkpoint.get("network_id").asInt()) return fail("the batch and the checkpoint name different networks");
            return new Verdict(true, "valid: " + quorumSize(checkpoint) + " of " + committeeKeys.size() + " validators certified sub-DAG " + sequence,
                    transfer, result.wireName(), sequence);
        } catch (RuntimeException e) {
            return fail("malformed receipt: " + e.getMessage());
        }
    }

    /**
     * Verifies the receipt ({@link #verify}) and that its checkpoint is final through verifier attestations:
     * at least {@code required} distinct verifiers of the network's verifiers file ({@code verifier <name>
     * <base64 key>} lines) signed {@code "QSAFE-ATTESTATION-V1\0" || SHA-256(sequence (u64 BE) || SHA-256(checkpoint message))}
     * with ML-DSA-65. A checkpoint final only because its challenge window passed carries no such proof.
     */
    public Verdict verifyFinal(JsonNode receipt, String verifiersFile, int required) {
        Verdict verdict = verify(receipt);
        if (!verdict.valid()) return verdict;
        try {
            List<byte[]> verifierKeys = new ArrayList<>();
            for (String line : verifiersFile.split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) continue;
                String[] f = l.split("\\s+");
                if (f.length != 3 || !f[0].equals("verifier")) throw new IllegalArgumentException("not a verifiers file line: " + l);
                verifierKeys.add(Base64.getDecoder().decode(f[2]));
            }
            JsonNode checkpoint = receipt.get("checkpoint");
            byte[] checkpointDigest = sha256(checkpointMessage(checkpoint.get("network_id").asInt(), verdict.sequence(),
                    HEX.parseHex(checkpoint.get("state_root").asText())));
            byte[] message = concat(ATTESTATION_DOMAIN, sha256(concat(ByteBuffer.allocate(8).putLong(verdict.sequence()).array(), checkpointDigest)));
            Set<Integer> attested = new HashSet<>();
            JsonNode attestations = receipt.path("attestations");
            for (JsonNode a : attestations) {
                int index = a.get("verifier").asInt();
                if (index < 0 || index >= verifierKeys.size()) return fail("attestation by verifier " + index + ", who is not in the verifiers file");
                Verifier verifier = engine.verifier(KeyCodec.decodePublicKey(verifierKeys.get(index)));
                if (!verifier.verify(message, Base64.getDecoder().decode(a.get("signature").asText()))) {
                    return fail("verifier " + index + "'s attestation does not verify");
                }
                attested.add(index);
            }
            if (attested.size() < required) {
                return fail("not proven final: " + attested.size() + " valid verifier attestations, " + required + " required (stage "
                        + receipt.path("stage").asText("unknown") + ")");
            }
            return new Verdict(true, verdict.reason() + "; final: attested by " + attested.size() + " of " + verifierKeys.size() + " verifiers",
                    verdict.transfer(), verdict.result(), verdict.sequence());
        } catch (RuntimeException e) {
            return fail("malformed receipt or verifiers file: " + e.getMessage());
        }
    }

    static final byte[] ATTESTATION_DOMAIN = "QSAFE-ATTESTATION-V1\0".getBytes(StandardCharsets.US_ASCII);

    private static byte[] checkpointMessage(int networkId, long sequence, byte[] stateRoot) {
        return ByteBuffer.allocate(CHECKPOINT_DOMAIN.length + 4 + 8 + 32).order(ByteOrder.LITTLE_ENDIAN)
                .put(CHECKPOINT_DOMAIN).putInt(networkId).putLong(sequence).put(stateRoot).array();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private String checkQuorum(int networkId, long sequence, byte[] stateRoot, JsonNode signatures) {
        byte[] message = checkpointMessage(networkId, sequence, stateRoot);
        Set<Integer> valid = new HashSet<>();
        for (JsonNode s : signatures) {
            int index = s.get("validator").asInt();
            if (index < 0 || index >= committeeKeys.size()) return "signature by validator " + index + ", who is not in the committee";
            Verifier verifier = engine.verifier(KeyCodec.decodePublicKey(Algorithm.ML_DSA_65, committeeKeys.get(index)));
            if (!verifier.verify(message, Base64.getDecoder().decode(s.get("signature").asText()))) {
                return "validator " + index + "'s checkpoint signature does not verify";
            }
            valid.add(index);
        }
        if (valid.size() < quorum()) return "only " + valid.size() + " valid signatures; a quorum is " + quorum();
        return null;
    }

    private static int quorumSize(JsonNode checkpoint) { return checkpoint.get("signatures").size(); }

    private static Verdict fail(String reason) { return new Verdict(false, reason, null, null, 0); }

    static boolean equal(byte[] a, byte[] b) { return MessageDigest.isEqual(a, b); }
}
