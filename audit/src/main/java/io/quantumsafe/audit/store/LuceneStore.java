package io.quantumsafe.audit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded store: one Lucene index per UTC day under {@code root/pqc-logs-YYYY.MM.DD}. At most
 * {@link #openIndicesMax} indices have an open writer (least recently written closed first), so an
 * event stream with timestamps spread over months does not open a writer per day.
 *
 * <p>Each commit records the last write-ahead-log sequence number it covers, per index, in Lucene's
 * commit data; replaying the log after a crash skips events an index already holds, so replay is
 * exact, not at-least-once. Events from Kafka carry no sequence number and are added by id
 * ({@code updateDocument}), so a re-delivery replaces instead of duplicating.
 */
public final class LuceneStore implements EventStore {
    /** Writers open at once; each holds a RAM buffer. Today, yesterday and stragglers fit. */
    static final int openIndicesMax = 8;
    /** Indexing buffer per writer; Lucene's default is 16 MB. */
    static final double ramBufferMegabytes = 32;
    static final String walSeqKey = "wal_seq";

    private final Path root;
    private final Duration retention;
    private final LinkedHashMap<LocalDate, DailyIndex> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Used under this store's lock only (see {@link LuceneDocuments#document}). */
    private final Map<String, BytesRef> keywordBytes = new HashMap<>();

    public LuceneStore(Path root, Duration retention) throws IOException {
        this.root = root;
        this.retention = retention;
        Files.createDirectories(root);
    }

    private static final class DailyIndex implements AutoCloseable {
        final Directory directory;
        final IndexWriter writer;
        final SearcherManager searchers;
        long committedWalSeq;
        boolean dirty;

        DailyIndex(Path path) throws IOException {
            directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
            config.setRAMBufferSizeMB(ramBufferMegabytes);
            config.setCommitOnClose(false);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
            Map<String, String> data = new HashMap<>();
            Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
            if (live != null) live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
            committedWalSeq = Long.parseLong(data.getOrDefault(walSeqKey, "-1"));
        }

        void commit(long walSeq) throws IOException {
            if (!dirty) return;
            long seq = Math.max(walSeq, committedWalSeq);
            writer.setLiveCommitData(Map.of(walSeqKey, Long.toString(seq)).entrySet());
            writer.commit();
            committedWalSeq = seq;
            dirty = false;
        }

        @Override
        public void close() throws IOException {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    @Override
    public synchronized void add(List<StoredEvent> events) throws IOException {
        for (StoredEvent stored : events) {
            DailyIndex index = index(DailyIndexNames.utcDate(stored.event().timestamp()));
            lastAddedSeq = Math.max(lastAddedSeq, stored.walSeq());
            if (stored.walSeq() >= 0) {
                if (stored.walSeq() <= index.committedWalSeq) continue; // replayed, already committed here
                index.writer.addDocument(LuceneDocuments.document(stored, keywordBytes));
            } else {
                index.writer.updateDocument(new Term(LuceneDocuments.ID, stored.id()), LuceneDocuments.document(stored, keywordBytes));
            }
            index.dirty = true;
        }
    }

    private DailyIndex index(LocalDate day) throws IOException {
        DailyIndex index = open.get(day);
        if (index != null) return index;
        if (open.size() == openIndicesMax) {
            Iterator<Map.Entry<LocalDate, DailyIndex>> eldest = open.entrySet().iterator();
            DailyIndex evicted = eldest.next().getValue();
            // Events are added in log order, so everything this index holds is at or below lastAddedSeq.
            evicted.commit(lastAddedSeq);
            evicted.close();
            eldest.remove();
        }
        index = new DailyIndex(root.resolve(DailyIndexNames.of(day)));
        open.put(day, index);
        return index;
    }

    private long lastAddedSeq = -1;

    @Override
    public synchronized void commit(long walSeq) throws IOException {
        lastAddedSeq = Math.max(lastAddedSeq, walSeq);
        for (DailyIndex index : open.values()) index.commit(lastAddedSeq);
    }

    @Override
    public Page search(EventQuery query) throws IOException {
        try (Readers readers = readers(query.from(), query.to())) {
            return LuceneSearch.search(readers.reader, query);
        }
    }

    @Override
    public List<RuleCount> alertCounts(Instant from, Instant to) throws IOException {
        try (Readers readers = readers(from, to)) {
            return LuceneSearch.alertCounts(readers.reader, from, to);
        }
    }

    /** Readers over the days in range: near-real-time ones from open writers, plain ones for closed days. */
    private final class Readers implements AutoCloseable {
        final List<IndexReader> owned = new ArrayList<>();
        final List<Map.Entry<SearcherManager, org.apache.lucene.search.IndexSearcher>> acquired = new ArrayList<>();
        MultiReader reader;

        @Override
        public void close() throws IOException {
            if (reader != null) reader.close();
            for (var entry : acquired) entry.getKey().release(entry.getValue());
            for (IndexReader plain : owned) plain.close();
        }
    }

    private Readers readers(Instant from, Instant to) throws IOException {
        Readers readers = new Readers();
        List<IndexReader> parts = new ArrayList<>();
        synchronized (this) {
            for (LocalDate day : days()) {
                if (from != null && day.isBefore(DailyIndexNames.utcDate(from))) continue;
                if (to != null && day.isAfter(DailyIndexNames.utcDate(to))) continue;
                DailyIndex index = open.get(day);
                if (index != null) {
                    index.searchers.maybeRefreshBlocking();
                    var searcher = index.searchers.acquire();
                    readers.acquired.add(Map.entry(index.searchers, searcher));
                    parts.add(searcher.getIndexReader());
                } else {
                    Path path = root.resolve(DailyIndexNames.of(day));
                    try (Directory probe = FSDirectory.open(path)) {
                        if (!DirectoryReader.indexExists(probe)) continue;
                    }
                    DirectoryReader plain = DirectoryReader.open(FSDirectory.open(path));
                    readers.owned.add(plain);
                    parts.add(plain);
                }
            }
        }
        readers.reader = new MultiReader(parts.toArray(IndexReader[]::new), false);
        return readers;
    }

    private List<LocalDate> days() throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(path -> DailyIndexNames.day(path.getFileName().toString()))
                    .flatMap(Optional::stream).sorted().toList();
        }
    }

    @Override
    public synchronized int applyRetention(Instant now) throws IOException {
        LocalDate oldestKept = DailyIndexNames.utcDate(now.minus(retention));
        int deleted = 0;
        for (LocalDate day : days()) {
            if (!day.isBefore(oldestKept)) continue;
            DailyIndex index = open.remove(day);
            if (index != null) index.close();
            deleteTree(root.resolve(DailyIndexNames.of(day)));
            deleted++;
        }
        return deleted;
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }

    /** Names of the daily indices on disk, oldest first. */
    public List<String> indexNames() throws IOException {
        return days().stream().map(DailyIndexNames::of).toList();
    }

    @Override
    public synchronized void close() throws IOException {
        for (DailyIndex index : open.values()) {
            index.commit(lastAddedSeq);
            index.close();
        }
        open.clear();
    }

    /** Closes without committing: what a killed process leaves behind (crash tests use it). */
    public synchronized void abandon() throws IOException {
        for (DailyIndex index : open.values()) {
            index.writer.rollback();
            index.searchers.close();
            index.directory.close();
        }
        open.clear();
    }

}
