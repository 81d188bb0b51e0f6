package io.quantumsafe.audit.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Append-only log of accepted events: nothing is acknowledged to a producer before its record is
 * fsynced here. Records are {@code [int length][int crc32c][long seq][payload]} in segment files
 * named by their first sequence number. Many writers share one fsync (group commit): whoever syncs
 * covers everything written before it. A torn or corrupt tail (the process died mid-write) is cut
 * off on open; the records before it are kept.
 *
 * <p>The checkpoint file says up to which sequence number the store has durably absorbed events;
 * {@link #replay} starts after it, and segments entirely below it are deleted.
 */
public final class WriteAheadLog implements AutoCloseable {
    static final int headerBytes = 16;
    /** One record; events are at most 64 KiB, so this only stops a corrupt length from allocating. */
    static final int recordBytesMax = 1 << 20;
    /** A segment rolls over past this size, so fully checkpointed history can be deleted. */
    static final long segmentBytesDefault = 64L << 20;

    private final Path directory;
    private final long segmentBytesMax;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private FileChannel channel;
    private long channelBytes;
    private volatile long writtenSeq;
    private volatile long durableSeq;
    private volatile long checkpointSeq;

    private WriteAheadLog(Path directory, long segmentBytesMax) {
        this.directory = directory;
        this.segmentBytesMax = segmentBytesMax;
    }

    public static WriteAheadLog open(Path directory) throws IOException {
        return open(directory, segmentBytesDefault);
    }

    public static WriteAheadLog open(Path directory, long segmentBytesMax) throws IOException {
        Files.createDirectories(directory);
        WriteAheadLog log = new WriteAheadLog(directory, segmentBytesMax);
        log.recover();
        return log;
    }

    private void recover() throws IOException {
        Path checkpoint = directory.resolve("checkpoint");
        checkpointSeq = Files.exists(checkpoint) ? Long.parseLong(Files.readString(checkpoint).strip()) : 0;
        List<Path> segments = segments();
        long last = checkpointSeq;
        for (int i = 0; i < segments.size(); i++) {
            boolean tail = i == segments.size() - 1;
            Scan scan = scan(segments.get(i), null, -1);
            if (scan.torn && !tail) {
                throw new IOException("write-ahead log segment " + segments.get(i) + " is corrupt at byte " + scan.validBytes
                        + " and is not the last one; move the directory aside and restart (events after it are lost)");
            }
            if (scan.lastSeq > 0) last = Math.max(last, scan.lastSeq);
            if (tail && scan.torn) {
                try (FileChannel truncate = FileChannel.open(segments.get(i), StandardOpenOption.WRITE)) {
                    truncate.truncate(scan.validBytes);
                    truncate.force(true);
                }
            }
        }
        writtenSeq = last;
        durableSeq = last;
        openSegment(segments.isEmpty() ? null : segments.getLast(), last + 1);
    }

    private void openSegment(Path existing, long firstSeq) throws IOException {
        Path file = existing != null ? existing : directory.resolve(segmentName(firstSeq));
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        channelBytes = channel.size();
        if (existing == null) syncDirectory();
    }

    /** Appends records (not yet durable) and runs {@code afterWrite} with the first sequence number, inside the write order. */
    public long append(List<byte[]> payloads, java.util.function.LongConsumer afterWrite) {
        synchronized (writeLock) {
            try {
                int total = 0;
                for (byte[] payload : payloads) total += headerBytes + payload.length;
                if (channelBytes > 0 && channelBytes + total > segmentBytesMax) rollOver();
                ByteBuffer buffer = ByteBuffer.allocate(total);
                long seq = writtenSeq;
                long first = seq + 1;
                CRC32C crc = new CRC32C();
                for (byte[] payload : payloads) {
                    if (payload.length > recordBytesMax) throw new IllegalArgumentException("record of " + payload.length + " bytes");
                    seq++;
                    crc.reset();
                    crc.update(longBytes(seq));
                    crc.update(payload);
                    buffer.putInt(payload.length).putInt((int) crc.getValue()).putLong(seq).put(payload);
                }
                buffer.flip();
                while (buffer.hasRemaining()) channel.write(buffer);
                channelBytes += total;
                writtenSeq = seq;
                if (afterWrite != null) afterWrite.accept(first);
                return seq;
            } catch (IOException e) {
                throw new UncheckedIOException("write-ahead log append failed: " + e.getMessage(), e);
            }
        }
    }

    private void rollOver() throws IOException {
        synchronized (syncLock) {
            channel.force(false);
            durableSeq = writtenSeq;
            channel.close();
            openSegment(null, writtenSeq + 1);
        }
    }

    /** Returns once every record up to {@code seq} is on disk; concurrent callers share one fsync. */
    public void sync(long seq) {
        if (durableSeq >= seq) return;
        synchronized (syncLock) {
            if (durableSeq >= seq) return;
            long target = writtenSeq;
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("write-ahead log fsync failed: " + e.getMessage(), e);
            }
            durableSeq = target;
        }
    }

    /** Feeds every record after {@code afterSeq}, in order, to {@code consumer}. */
    public void replay(long afterSeq, Consumer<Record> consumer) throws IOException {
        for (Path segment : segments()) scan(segment, consumer, afterSeq);
    }

    /** One logged record. */
    public record Record(long seq, byte[] payload) {}

    /** Records that the store holds everything up to {@code seq}; deletes segments no longer needed. */
    public void checkpoint(long seq) throws IOException {
        if (seq <= checkpointSeq) return;
        Path temporary = directory.resolve("checkpoint.tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(Long.toString(seq).getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        try {
            Files.move(temporary, directory.resolve("checkpoint"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, directory.resolve("checkpoint"), StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
        checkpointSeq = seq;
        deleteSegmentsThrough(seq);
    }

    private void deleteSegmentsThrough(long seq) throws IOException {
        synchronized (writeLock) {
            List<Path> segments = segments();
            for (int i = 0; i + 1 < segments.size(); i++) {
                long nextFirst = firstSeqOf(segments.get(i + 1));
                if (nextFirst - 1 <= seq) Files.delete(segments.get(i));
            }
        }
    }

    public long lastSeq() { return writtenSeq; }

    public long checkpointSeq() { return checkpointSeq; }

    public long segmentCount() throws IOException { return segments().size(); }

    @Override
    public void close() throws IOException {
        synchronized (writeLock) {
            synchronized (syncLock) {
                if (channel.isOpen()) {
                    channel.force(false);
                    channel.close();
                }
            }
        }
    }

    /** Closes without fsync: what a killed process leaves behind (tests use it). */
    public void abandon() throws IOException {
        synchronized (writeLock) {
            channel.close();
        }
    }

    // ---------------------------------------------------------------- segments

    private record Scan(long validBytes, long lastSeq, boolean torn) {}

    private static Scan scan(Path segment, Consumer<Record> consumer, long afterSeq) throws IOException {
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ)) {
            long size = in.size();
            long position = 0;
            long lastSeq = 0;
            ByteBuffer header = ByteBuffer.allocate(headerBytes);
            CRC32C crc = new CRC32C();
            while (position < size) {
                header.clear();
                if (readFully(in, header, position) < headerBytes) return new Scan(position, lastSeq, true);
                header.flip();
                int length = header.getInt();
                int checksum = header.getInt();
                long seq = header.getLong();
                if (length < 0 || length > recordBytesMax || position + headerBytes + length > size) {
                    return new Scan(position, lastSeq, true);
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(in, payload, position + headerBytes);
                crc.reset();
                crc.update(longBytes(seq));
                crc.update(payload.array());
                if ((int) crc.getValue() != checksum || (lastSeq > 0 && seq != lastSeq + 1)) return new Scan(position, lastSeq, true);
                if (consumer != null && seq > afterSeq) consumer.accept(new Record(seq, payload.array()));
                lastSeq = seq;
                position += headerBytes + length;
            }
            return new Scan(position, lastSeq, false);
        }
    }

    private static int readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = in.read(buffer, position + total);
            if (read < 0) break;
            total += read;
        }
        return total;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches("wal-\\d{20}\\.log")).sorted().toList();
        }
    }

    private static String segmentName(long firstSeq) { return String.format("wal-%020d.log", firstSeq); }

    private static long firstSeqOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(4, 24));
    }

    private void syncDirectory() throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the file's own fsync is what we rely on there.
        }
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static List<Path> segmentsOf(Path directory) throws IOException {
        List<Path> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().startsWith("wal-")).sorted().forEach(result::add);
        }
        return result;
    }
}
