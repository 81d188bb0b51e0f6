package io.quantumsafe.node.sync;

import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.ledger.SnapshotException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A validator's ledger snapshots, one file per snapshot ({@code ledger-<sequence>.snap}, the ledger
 * module's {@code LedgerSnapshot} format), written durably (temporary file, fsync, atomic rename,
 * fsync of the directory) so a crash leaves either the old set or the new one. The newest
 * {@code kept} are kept; after each durable write, older ones are deleted and the owner is told the
 * oldest kept sequence so it can truncate the history below it. One write at a time in the
 * background: if the previous one is still running, the next is skipped (the interval is a target).
 */
public final class SnapshotFiles implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotFiles.class);
    private static final String PREFIX = "ledger-", SUFFIX = ".snap";

    private final Path dir;
    private final int kept;
    private final LongConsumer truncateBelow;
    private final AtomicBoolean writing = new AtomicBoolean();
    private volatile Thread writer;
    private volatile long skipped;
    private volatile long truncatedBelow;

    /** @param truncateBelow called with the oldest kept snapshot's sequence after each durable write */
    public SnapshotFiles(Path dir, int kept, LongConsumer truncateBelow) {
        if (kept < 2) throw new IllegalArgumentException("keep at least two snapshots, so a peer serving the newer still holds what follows it");
        this.dir = dir;
        this.kept = kept;
        this.truncateBelow = truncateBelow;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the snapshot directory " + dir, e);
        }
        List<Long> existing = sequences();
        // History below the oldest snapshot on disk may be gone (truncated, or never here after a restore).
        this.truncatedBelow = existing.isEmpty() ? 0 : existing.getLast();
    }

    /** Writes in the background unless a write is running (then this one is skipped and counted); false if skipped. */
    public boolean writeInBackground(long sequence, byte[] snapshot) {
        if (!writing.compareAndSet(false, true)) {
            skipped++;
            return false;
        }
        writer = Thread.ofVirtual().name("snapshot-" + sequence).start(() -> {
            try {
                write(sequence, snapshot);
            } catch (RuntimeException e) {
                log.error("ledger snapshot at sub-DAG {} not written: {}", sequence, e.toString());
            } finally {
                writing.set(false);
            }
        });
        return true;
    }

    /** Writes durably now, then prunes and truncates. */
    public void write(long sequence, byte[] snapshot) {
        Path target = file(sequence), temporary = dir.resolve(target.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(snapshot);
                while (buffer.hasRemaining()) out.write(buffer);
                out.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger snapshot " + target, e);
        }
        prune();
    }

    /**
     * Finality's floor: the newest snapshot at or below the last final checkpoint is kept, with all history
     * after it, whatever {@code kept} says, because a fraud proof is judged and reverted from there.
     */
    public void protectAtOrBelow(java.util.function.LongSupplier lastFinal) { this.lastFinal = lastFinal; }

    private volatile java.util.function.LongSupplier lastFinal;

    /** Deletes snapshots from {@code sequence} on: a fraud proof showed the state they hold is wrong. */
    public void deleteFrom(long sequence) {
        for (long s : sequences()) {
            if (s < sequence) continue;
            try {
                Files.deleteIfExists(file(s));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the reverted snapshot " + file(s), e);
            }
        }
    }

    private void prune() {
        List<Long> sequences = sequences();
        if (sequences.size() < kept) return;
        long oldestKept = sequences.get(kept - 1);
        if (lastFinal != null) {
            long finalSequence = lastFinal.getAsLong();
            long base = sequences.stream().filter(s -> s <= finalSequence).findFirst().orElse(-1L);
            if (base < 0) return; // nothing final is snapshotted yet: keep everything a revert could need
            oldestKept = Math.min(oldestKept, base);
        }
        for (long s : sequences) {
            if (s >= oldestKept) continue;
            try {
                Files.deleteIfExists(file(s));
            } catch (IOException e) {
                log.warn("cannot delete old snapshot {}: {}", file(s), e.toString());
            }
        }
        truncateBelow.accept(oldestKept);
        truncatedBelow = oldestKept;
    }

    /** Sequences of the snapshots on disk, newest first. */
    public List<Long> sequences() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    out.add(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())));
                } catch (NumberFormatException e) {
                    log.warn("ignoring {}: not a snapshot name", f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** The snapshot's bytes, or null if it is gone (pruned meanwhile). */
    public byte[] read(long sequence) {
        Path f = file(sequence);
        try {
            if (Files.size(f) > RestartPointCodec.bytesMax) throw new UncheckedIOException(new IOException(f + " exceeds " + RestartPointCodec.bytesMax + " bytes"));
            return Files.readAllBytes(f);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /** The snapshot file's size in bytes, or -1 if it is gone. */
    public long size(long sequence) {
        try {
            return Files.size(file(sequence));
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file(sequence), e);
        }
    }

    /** {@code length} bytes of the snapshot from {@code offset} (fewer at its end), or null if it is gone. */
    public byte[] readRange(long sequence, long offset, int length) {
        Path f = file(sequence);
        try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
            int n = (int) Math.max(0, Math.min(length, in.size() - offset));
            ByteBuffer buffer = ByteBuffer.allocate(n);
            // A positional read may return fewer bytes than asked: read until full or the end of the file.
            while (buffer.hasRemaining()) {
                if (in.read(buffer, offset + buffer.position()) < 0) break;
            }
            return buffer.array();
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    /**
     * The ledger of the newest snapshot at or below {@code upTo} that reads back (every root recomputed
     * and equal to the recorded state root, the stream's SHA-256 intact); a damaged one is skipped with
     * a warning. Null if there is none.
     */
    public Ledger newestUsable(long upTo, LedgerConfig config, SignatureCheck signatures) {
        for (long s : sequences()) {
            if (s > upTo) continue;
            byte[] bytes = read(s);
            if (bytes == null) continue;
            try {
                Ledger ledger = LedgerSnapshot.read(new java.io.ByteArrayInputStream(bytes), config, signatures);
                if (ledger.sequence() != s) throw new SnapshotException("file of sub-DAG " + s + " holds sub-DAG " + ledger.sequence());
                return ledger;
            } catch (SnapshotException | IOException e) {
                log.warn("ledger snapshot at sub-DAG {} is unusable ({}); trying an older one", s, e.getMessage());
            }
        }
        return null;
    }

    public long skipped() { return skipped; }

    /** Checkpoint certificates below this sequence (and committed entries at or below it) have been deleted; 0 if none. */
    public long truncatedBelow() { return truncatedBelow; }

    Path file(long sequence) { return dir.resolve(String.format("%s%020d%s", PREFIX, sequence, SUFFIX)); }

    /** Waits for a running write, so the process exits with its files complete. */
    @Override
    public void close() {
        Thread t = writer;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
