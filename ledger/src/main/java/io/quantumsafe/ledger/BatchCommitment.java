package io.quantumsafe.ledger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * Everything the state root after a batch is computed from; the one place its formula lives.
 *
 * <pre>
 * history_root = SHA-256(0x04 || previous_history_root || transfer_root || sequence || first_timestamp || transfer_leaves)
 * state_root   = SHA-256(0x02 || network_id || sequence || last_timestamp || account_count || transfer_count
 *                        || accounts_root || clients_root || history_root)
 * </pre>
 * Integers little-endian (network_id, account_count, transfer_leaves 4 bytes; others 8).
 * accounts_root commits to every account's record (balances included), clients_root to every
 * client's last request number, history_root chains every batch's transfer root since genesis.
 */
public record BatchCommitment(int networkId, long sequence, long firstTimestamp, long lastTimestamp, int accountCount,
                              long transferCount, int transferLeaves, byte[] accountsRoot, byte[] clientsRoot,
                              byte[] previousHistoryRoot, byte[] transferRoot) {
    static final byte HISTORY = 0x04;
    static final byte STATE = 0x02;

    public byte[] historyRoot() {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 32 + 32 + 8 + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(HISTORY).put(previousHistoryRoot).put(transferRoot).putLong(sequence).putLong(firstTimestamp)
                .putInt(transferLeaves);
        return MerkleTree.sha256().digest(buffer.array());
    }

    public byte[] stateRoot() {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + 8 + 8 + 4 + 8 + 32 * 3).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(STATE).putInt(networkId).putLong(sequence).putLong(lastTimestamp).putInt(accountCount)
                .putLong(transferCount).put(accountsRoot).put(clientsRoot).put(historyRoot());
        return MerkleTree.sha256().digest(buffer.array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchCommitment other && MessageDigest.isEqual(stateRoot(), other.stateRoot());
    }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(stateRoot()); }
}
