package io.quantumsafe.node;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A committed entry as stored: the sub-DAG's batch bytes in delivery order (count, then length-prefixed batches). */
final class EntryCodec {
    private EntryCodec() {}

    static byte[] encode(List<byte[]> batches) {
        int size = 4;
        for (byte[] b : batches) size += 4 + b.length;
        ByteBuffer out = ByteBuffer.allocate(size).putInt(batches.size());
        for (byte[] b : batches) out.putInt(b.length).put(b);
        return out.array();
    }

    /** Decodes what this node wrote itself; damage is a store failure, not peer input. */
    static List<byte[]> decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int count = in.getInt();
        if (count < 0 || count > bytes.length / 4) throw new IllegalStateException("damaged committed entry: count " + count);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[in.getInt()];
            in.get(b);
            out.add(b);
        }
        if (in.hasRemaining()) throw new IllegalStateException("damaged committed entry: trailing bytes");
        return out;
    }
}
