package io.quantumsafe.node.sync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * State-sync frames on the PQ mutual-TLS peer link (channel byte {@link #CHANNEL}): request and answer
 * pairs matched by a nonce, one chunk in flight per transfer so a peer's send queue never overflows.
 *
 * <pre>
 * CHANNEL | type u8 | nonce u64 | body
 *   STATUS_REQUEST  (empty)
 *   STATUS          sequence u64 | leader_round u64 | gc_round u64
 *   FETCH           offset u64                 (offset 0 asks the peer to prepare a restart point)
 *   CHUNK           total u64 | offset u64 | bytes
 *   REFUSED         reason (UTF-8, at most 256 bytes)
 * </pre>
 */
public final class SyncWire {
    public static final byte CHANNEL = 2;
    public static final int chunkBytes = 1024 * 1024;
    static final int reasonBytesMax = 256;

    public sealed interface Frame {
        long nonce();
    }

    public record StatusRequest(long nonce) implements Frame {}

    public record Status(long nonce, long sequence, long leaderRound, long gcRound) implements Frame {}

    public record Fetch(long nonce, long offset) implements Frame {}

    public record Chunk(long nonce, long total, long offset, byte[] bytes) implements Frame {}

    public record Refused(long nonce, String reason) implements Frame {}

    private static final byte STATUS_REQUEST = 1, STATUS = 2, FETCH = 3, CHUNK = 4, REFUSED = 5;

    private SyncWire() {}

    public static byte[] encode(Frame frame) {
        return switch (frame) {
            case StatusRequest r -> header(0, STATUS_REQUEST, r.nonce()).array();
            case Status s -> header(24, STATUS, s.nonce()).putLong(s.sequence()).putLong(s.leaderRound()).putLong(s.gcRound()).array();
            case Fetch f -> header(8, FETCH, f.nonce()).putLong(f.offset()).array();
            case Chunk c -> header(16 + c.bytes().length, CHUNK, c.nonce()).putLong(c.total()).putLong(c.offset()).put(c.bytes()).array();
            case Refused r -> {
                byte[] reason = r.reason().getBytes(StandardCharsets.UTF_8);
                if (reason.length > reasonBytesMax) reason = java.util.Arrays.copyOf(reason, reasonBytesMax);
                yield header(reason.length, REFUSED, r.nonce()).put(reason).array();
            }
        };
    }

    private static ByteBuffer header(int body, byte type, long nonce) {
        return ByteBuffer.allocate(1 + 1 + 8 + body).put(CHANNEL).put(type).putLong(nonce);
    }

    /** Decodes a frame from a peer; null if it is malformed (the caller counts and drops it). */
    public static Frame decode(byte[] frame) {
        if (frame.length < 10 || frame[0] != CHANNEL) return null;
        ByteBuffer in = ByteBuffer.wrap(frame, 2, frame.length - 2);
        long nonce = in.getLong();
        int body = in.remaining();
        return switch (frame[1]) {
            case STATUS_REQUEST -> body == 0 ? new StatusRequest(nonce) : null;
            case STATUS -> body == 24 ? new Status(nonce, in.getLong(), in.getLong(), in.getLong()) : null;
            case FETCH -> body == 8 ? new Fetch(nonce, in.getLong()) : null;
            case CHUNK -> {
                if (body < 16 || body - 16 > chunkBytes) yield null;
                long total = in.getLong(), offset = in.getLong();
                byte[] bytes = new byte[in.remaining()];
                in.get(bytes);
                yield new Chunk(nonce, total, offset, bytes);
            }
            case REFUSED -> {
                if (body > reasonBytesMax) yield null;
                byte[] reason = new byte[body];
                in.get(reason);
                yield new Refused(nonce, new String(reason, StandardCharsets.UTF_8));
            }
            default -> null;
        };
    }
}
