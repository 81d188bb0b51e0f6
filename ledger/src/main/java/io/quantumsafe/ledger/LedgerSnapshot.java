package io.quantumsafe.ledger;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;

/**
 * The whole ledger state as one stream, for a replica that is far behind or restarting from disk.
 * Restoring recomputes every root from the restored records and refuses the snapshot unless the
 * state root comes out exactly as recorded; a SHA-256 over the whole stream catches damage to the
 * parts the root does not cover (the transfer history).
 *
 * <pre>
 * "QSLS" | version (1) | network_id | sequence | last_timestamp | first_timestamp | transfer_leaves
 * | previous_history_root | transfer_root | state_root
 * | account_count | accounts (128 bytes each, slot order)
 * | client_count | (client_id 16 | last_request_number 8) each
 * | transfer_count | (record 128 | status 1 | expires_at 8) each
 * | history_accounts | (slot | entries | (timestamp, 8 balance halves) each) each
 * | SHA-256 of everything above
 * </pre>
 */
public final class LedgerSnapshot {
    private static final int MAGIC = 0x51534c53; // "QSLS"
    private static final int VERSION = 1;

    private LedgerSnapshot() {}

    public static void write(Ledger ledger, OutputStream out) throws IOException {
        MessageDigest sha = MerkleTree.sha256();
        DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, sha));
        BatchCommitment c = ledger.lastCommitment();
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(c.networkId());
        data.writeLong(c.sequence());
        data.writeLong(c.lastTimestamp());
        data.writeLong(c.firstTimestamp());
        data.writeInt(c.transferLeaves());
        data.write(c.previousHistoryRoot());
        data.write(c.transferRoot());
        data.write(c.stateRoot());
        byte[] record = new byte[RecordCodec.RECORD_BYTES];
        data.writeInt(ledger.accounts.count);
        for (int s = 0; s < ledger.accounts.count; s++) {
            ledger.accounts.writeRecord(s, record, 0);
            data.write(record);
        }
        data.writeInt(ledger.clientCount());
        for (int s = 0; s < ledger.clientCount(); s++) {
            RecordCodec.putU128(record, 0, ledger.clientId(s));
            data.write(record, 0, 16);
            data.writeLong(ledger.lastRequestNumbers[s]);
        }
        TransferTable transfers = ledger.transfers;
        data.writeInt(transfers.count);
        for (int s = 0; s < transfers.count; s++) {
            RecordCodec.writeTransfer(transfers.get(s), record, 0);
            data.write(record);
            data.writeByte(transfers.status[s]);
            data.writeLong(transfers.expiresAt[s]);
        }
        List<Integer> historySlots = ledger.history.slots();
        data.writeInt(historySlots.size());
        for (int slot : historySlots) {
            List<AccountBalance> balances = ledger.history.of(slot);
            data.writeInt(slot);
            data.writeInt(balances.size());
            for (AccountBalance b : balances) {
                data.writeLong(b.timestamp());
                for (UInt128 v : List.of(b.debitsPending(), b.debitsPosted(), b.creditsPending(), b.creditsPosted())) {
                    data.writeLong(v.hi());
                    data.writeLong(v.lo());
                }
            }
        }
        data.flush();
        out.write(sha.digest());
        out.flush();
    }

    public static byte[] toBytes(Ledger ledger) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(ledger, bytes);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Rebuilds a ledger from a snapshot taken under the same configuration.
     *
     * @throws SnapshotException if the stream is damaged, was taken under another configuration, or
     *                           its records do not reproduce its recorded state root
     */
    public static Ledger read(InputStream in, LedgerConfig config, SignatureCheck signatures) throws IOException {
        MessageDigest sha = MerkleTree.sha256();
        DataInputStream data = new DataInputStream(new DigestInputStream(in, sha));
        try {
            return readBody(data, sha, in, config, signatures);
        } catch (EOFException e) {
            throw new SnapshotException("snapshot is truncated");
        } catch (IllegalArgumentException e) {
            throw new SnapshotException("snapshot holds an invalid record: " + e.getMessage());
        }
    }

    private static Ledger readBody(DataInputStream data, MessageDigest sha, InputStream raw, LedgerConfig config,
                                   SignatureCheck signatures) throws IOException {
        if (data.readInt() != MAGIC) throw new SnapshotException("not a ledger snapshot");
        int version = data.readInt();
        if (version != VERSION) throw new SnapshotException("snapshot version " + version + " is not " + VERSION);
        int networkId = data.readInt();
        if (networkId != config.networkId()) {
            throw new SnapshotException("snapshot is of network " + networkId + ", this ledger is network " + config.networkId());
        }
        long sequence = data.readLong();
        long lastTimestamp = data.readLong();
        long firstTimestamp = data.readLong();
        int leaves = data.readInt();
        byte[] previousHistoryRoot = data.readNBytes(32);
        byte[] transferRoot = data.readNBytes(32);
        byte[] recordedStateRoot = data.readNBytes(32);
        if (recordedStateRoot.length != 32) throw new EOFException();

        Ledger ledger = new Ledger(config, signatures);
        byte[] record = new byte[RecordCodec.RECORD_BYTES];
        int accountCount = bounded(data.readInt(), config.accountsMax(), "accounts");
        for (int s = 0; s < accountCount; s++) {
            data.readFully(record);
            ledger.accounts.restore(RecordCodec.readAccount(record, 0));
        }
        int clientCount = data.readInt();
        if (clientCount != ledger.clientCount()) {
            throw new SnapshotException("snapshot has " + clientCount + " clients, the configuration " + ledger.clientCount());
        }
        for (int s = 0; s < clientCount; s++) {
            data.readFully(record, 0, 16);
            if (!RecordCodec.u128(record, 0).equals(ledger.clientId(s))) {
                throw new SnapshotException("snapshot client " + s + " is not the configured client " + ledger.clientId(s));
            }
            ledger.lastRequestNumbers[s] = data.readLong();
        }
        int transferCount = bounded(data.readInt(), (int) config.transfersMax(), "transfers");
        for (int s = 0; s < transferCount; s++) {
            data.readFully(record);
            Transfer transfer = RecordCodec.readTransfer(record, 0);
            byte status = data.readByte();
            long expiresAt = data.readLong();
            ledger.transfers.insert(transfer, transfer.timestamp(), status, expiresAt);
            if (status == TransferTable.STATUS_PENDING && expiresAt != 0) ledger.expiries.add(expiresAt, s);
        }
        int historyAccounts = bounded(data.readInt(), accountCount, "history accounts");
        for (int h = 0; h < historyAccounts; h++) {
            int slot = data.readInt();
            if (slot < 0 || slot >= accountCount) throw new SnapshotException("history for account slot " + slot + " out of range");
            int entries = bounded(data.readInt(), transferCount * 2 + 1, "history entries");
            for (int e = 0; e < entries; e++) {
                long timestamp = data.readLong();
                UInt128[] v = new UInt128[4];
                for (int k = 0; k < 4; k++) v[k] = new UInt128(data.readLong(), data.readLong());
                ledger.history.restore(slot, new AccountBalance(timestamp, v[0], v[1], v[2], v[3]));
            }
        }
        byte[] expectedDigest = sha.digest();
        byte[] recordedDigest = raw.readNBytes(32);
        if (!MessageDigest.isEqual(expectedDigest, recordedDigest)) {
            throw new SnapshotException("snapshot checksum does not match: the stream was damaged");
        }
        ledger.markRestoredStateDirty();
        BatchCommitment commitment = new BatchCommitment(networkId, sequence, firstTimestamp, lastTimestamp, accountCount,
                transferCount, leaves, ledger.accountTree.root(), ledger.clientTree.root(), previousHistoryRoot, transferRoot);
        if (!MessageDigest.isEqual(commitment.stateRoot(), recordedStateRoot)) {
            throw new SnapshotException("restored state does not reproduce the recorded state root");
        }
        ledger.restoreCommitment(sequence, lastTimestamp, commitment);
        return ledger;
    }

    private static int bounded(int value, int max, String what) {
        if (value < 0 || value > max) throw new SnapshotException("snapshot claims " + value + " " + what + ", the limit is " + max);
        return value;
    }
}
