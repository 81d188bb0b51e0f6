package io.quantumsafe.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.BatchCommitment;
import io.quantumsafe.ledger.RecordCodec;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.TransferProof;
import io.quantumsafe.node.finality.Attestation;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The client API's JSON documents: what {@code ReceiptVerifier} and the client SDK read back. */
final class ApiJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private ApiJson() {}

    static ObjectNode account(Account a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", a.id().toString());
        o.put("owner", a.owner().toString());
        o.put("ledger", a.ledger());
        o.put("code", a.code());
        o.put("flags", a.flags());
        o.put("debits_pending", a.debitsPending().toString());
        o.put("debits_posted", a.debitsPosted().toString());
        o.put("credits_pending", a.creditsPending().toString());
        o.put("credits_posted", a.creditsPosted().toString());
        o.put("timestamp", a.timestamp());
        return o;
    }

    static ObjectNode transfer(Transfer t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id().toString());
        o.put("debit_account_id", t.debitAccountId().toString());
        o.put("credit_account_id", t.creditAccountId().toString());
        o.put("amount", t.amount().toString());
        o.put("ledger", t.ledger());
        o.put("code", t.code());
        o.put("flags", t.flags());
        o.put("timestamp", t.timestamp());
        return o;
    }

    static ObjectNode checkpoint(int networkId, Checkpoints.Certificate c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("network_id", networkId);
        o.put("sequence", c.sequence());
        o.put("state_root", HEX.formatHex(c.stateRoot()));
        ArrayNode signatures = o.putArray("signatures");
        c.signatures().forEach((index, sig) -> {
            ObjectNode s = signatures.addObject();
            s.put("validator", index);
            s.put("signature", Base64.getEncoder().encodeToString(sig));
        });
        return o;
    }

    /**
     * A receipt: the transfer record, its Merkle path to the batch's transfer root, the batch
     * commitment, the checkpoint certificate, the stage and the verifiers' attestations of that
     * checkpoint (with the verifiers file, finality is checkable offline).
     */
    static ObjectNode receipt(int networkId, TransferProof proof, Checkpoints.Certificate checkpoint, String stage, List<Attestation> attestations) {
        ObjectNode o = JSON.createObjectNode();
        o.put("network_id", networkId);
        o.put("transfer_record", HEX.formatHex(RecordCodec.encode(proof.transfer())));
        o.put("timestamp", proof.timestamp());
        o.put("result", proof.result().wireName());
        o.put("result_code", proof.result().code());
        ObjectNode path = o.putObject("path");
        path.put("leaf_index", proof.path().leafIndex());
        path.put("leaf_count", proof.path().leafCount());
        ArrayNode siblings = path.putArray("siblings");
        for (byte[] sibling : proof.path().siblings()) siblings.add(HEX.formatHex(sibling));
        BatchCommitment c = proof.commitment();
        ObjectNode commitment = o.putObject("commitment");
        commitment.put("network_id", c.networkId());
        commitment.put("sequence", c.sequence());
        commitment.put("first_timestamp", c.firstTimestamp());
        commitment.put("last_timestamp", c.lastTimestamp());
        commitment.put("account_count", c.accountCount());
        commitment.put("transfer_count", c.transferCount());
        commitment.put("transfer_leaves", c.transferLeaves());
        commitment.put("accounts_root", HEX.formatHex(c.accountsRoot()));
        commitment.put("clients_root", HEX.formatHex(c.clientsRoot()));
        commitment.put("previous_history_root", HEX.formatHex(c.previousHistoryRoot()));
        commitment.put("transfer_root", HEX.formatHex(c.transferRoot()));
        o.set("checkpoint", checkpoint(networkId, checkpoint));
        o.put("stage", stage);
        ArrayNode attested = o.putArray("attestations");
        for (Attestation a : attestations) {
            attested.addObject().put("verifier", a.verifier()).put("signature", Base64.getEncoder().encodeToString(a.signature()));
        }
        return o;
    }
}
