package io.quantumsafe.audit.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    private static List<byte[]> records(String... texts) {
        List<byte[]> list = new ArrayList<>();
        for (String text : texts) list.add(text.getBytes(StandardCharsets.UTF_8));
        return list;
    }

    private static List<String> replayed(WriteAheadLog log, long after) throws IOException {
        List<String> out = new ArrayList<>();
        log.replay(after, record -> out.add(record.seq() + ":" + new String(record.payload(), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void appendedRecords_areReplayedInOrder_afterAbandonAndReopen() throws Exception {
        WriteAheadLog log = WriteAheadLog.open(dir);
        long last = log.append(records("a", "b", "c"), null);
        log.sync(last);
        log.abandon(); // no close, no extra fsync: what a killed process leaves
        try (WriteAheadLog reopened = WriteAheadLog.open(dir)) {
            assertThat(reopened.lastSeq()).isEqualTo(3);
            assertThat(replayed(reopened, 0)).containsExactly("1:a", "2:b", "3:c");
            assertThat(replayed(reopened, 2)).containsExactly("3:c");
            assertThat(reopened.append(records("d"), null)).isEqualTo(4);
        }
    }

    @Test
    void tornTail_isCutOff_andTheRecordsBeforeItSurvive() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir)) {
            log.sync(log.append(records("first", "second"), null));
        }
        Path segment = WriteAheadLog.segmentsOf(dir).getLast();
        long goodSize = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
            // A header promising 100 bytes, then only 3: the process died mid-write.
            channel.write(ByteBuffer.allocate(19).putInt(100).putInt(0).putLong(3).put(new byte[] {1, 2, 3}).flip());
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir)) {
            assertThat(replayed(log, 0)).containsExactly("1:first", "2:second");
            assertThat(Files.size(segment)).isEqualTo(goodSize);
            log.sync(log.append(records("third"), null));
            assertThat(replayed(log, 0)).containsExactly("1:first", "2:second", "3:third");
        }
    }

    @Test
    void corruptedByte_stopsReplayAtThatRecord() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir)) {
            log.sync(log.append(records("one", "two", "three"), null));
        }
        Path segment = WriteAheadLog.segmentsOf(dir).getLast();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 0x55; // flip bits in "three"
        Files.write(segment, bytes);
        try (WriteAheadLog log = WriteAheadLog.open(dir)) {
            assertThat(replayed(log, 0)).containsExactly("1:one", "2:two");
        }
    }

    @Test
    void checkpoint_skipsReplay_andDeletesFullyCoveredSegments() throws Exception {
        try (WriteAheadLog log = WriteAheadLog.open(dir, 64)) {
            for (int i = 0; i < 10; i++) log.sync(log.append(records("record-" + i), null));
            assertThat(log.segmentCount()).isGreaterThan(3);
            log.checkpoint(8);
            assertThat(replayed(log, log.checkpointSeq())).containsExactly("9:record-8", "10:record-9");
            assertThat(log.segmentCount()).isLessThanOrEqualTo(3);
        }
        try (WriteAheadLog log = WriteAheadLog.open(dir, 64)) {
            assertThat(log.checkpointSeq()).isEqualTo(8);
            assertThat(log.lastSeq()).isEqualTo(10);
            assertThat(replayed(log, log.checkpointSeq())).containsExactly("9:record-8", "10:record-9");
        }
    }

    @Test
    void concurrentWriters_getDistinctContiguousSequences_andAllSurvive() throws Exception {
        ConcurrentLinkedQueue<Long> firsts = new ConcurrentLinkedQueue<>();
        try (WriteAheadLog log = WriteAheadLog.open(dir); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        long last = log.append(records("t" + thread + "-" + i, "x"), firsts::add);
                        log.sync(last);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) future.get();
        }
        assertThat(firsts).hasSize(400).doesNotHaveDuplicates();
        try (WriteAheadLog log = WriteAheadLog.open(dir)) {
            assertThat(replayed(log, 0)).hasSize(800);
            assertThat(log.lastSeq()).isEqualTo(800);
        }
    }
}
