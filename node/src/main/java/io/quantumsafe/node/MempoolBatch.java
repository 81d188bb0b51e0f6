package io.quantumsafe.node;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a consensus batch: the proposer's clock reading and the canonical encodings of the
 * client requests it carries. Little-endian: version (1), proposer time in ms (8), count (4), then
 * per request its length (4) and bytes. Decoding is total: anything malformed yields an empty
 * batch, identically at every validator, since a Byzantine proposer can certify any bytes.
 */
record MempoolBatch(long proposerMillis, List<byte[]> requests) {
    static final int VERSION = 1;
    /** Requests in one batch; a request is at most about 1 MiB, so batches are capped by bytes too. */
    static final int requestsMax = 4096;

    byte[] encode() {
        int size = 1 + 8 + 4;
        for (byte[] r : requests) size += 4 + r.length;
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) VERSION).putLong(proposerMillis).putInt(requests.size());
        for (byte[] r : requests) out.putInt(r.length).put(r);
        return out.array();
    }

    static MempoolBatch decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (in.get() != VERSION) return empty();
            long time = in.getLong();
            int count = in.getInt();
            if (count < 0 || count > requestsMax) return empty();
            List<byte[]> requests = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) return empty();
                byte[] r = new byte[length];
                in.get(r);
                requests.add(r);
            }
            return in.hasRemaining() ? empty() : new MempoolBatch(time, requests);
        } catch (java.nio.BufferUnderflowException e) {
            return empty();
        }
    }

    private static MempoolBatch empty() { return new MempoolBatch(0, List.of()); }
}
