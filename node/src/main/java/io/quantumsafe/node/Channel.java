package io.quantumsafe.node;

/** The first byte of every peer frame: which part of the node it is for. */
final class Channel {
    static final byte CONSENSUS = 0;
    static final byte CHECKPOINT = 1;
    /** State sync by snapshot ({@code node.sync.SyncWire}). */
    static final byte SYNC = io.quantumsafe.node.sync.SyncWire.CHANNEL;

    private Channel() {}

    static byte[] consensus(byte[] message) {
        byte[] frame = new byte[message.length + 1];
        frame[0] = CONSENSUS;
        System.arraycopy(message, 0, frame, 1, message.length);
        return frame;
    }
}
