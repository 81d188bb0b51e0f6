package io.quantumsafe.audit.anomaly;

import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestMapper;
import com.amazon.randomcutforest.parkservices.state.ThresholdedRandomCutForestState;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Saves and restores a {@link StreamingDetector}: the forest through the library's own state
 * mapper (ThresholdedRandomCutForestMapper, the state objects are plain beans for Jackson) and the
 * client profiles, gzipped JSON, written atomically (temp file, fsync, rename, fsync of the
 * directory), so a crash leaves either the old checkpoint or the new one.
 */
public final class Checkpoints {
    private Checkpoints() {}

    static final int formatVersion = 1;
    /** A checkpoint larger than this is refused on read rather than exhausting the heap. */
    static final long checkpointBytesMax = 1L << 30;

    private static final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What a checkpoint file holds. Public fields for Jackson. */
    static final class Snapshot {
        public int formatVersion;
        public long processed;
        public double lastScore;
        public int trees, sampleSize;
        public long seed;
        public ThresholdedRandomCutForestState forest;
        public LinkedHashMap<String, ClientProfile> clients;
    }

    public static void write(StreamingDetector detector, Path file) throws IOException {
        Snapshot snapshot = new Snapshot();
        synchronized (detector) {
            snapshot.formatVersion = formatVersion;
            snapshot.processed = detector.processed();
            snapshot.lastScore = detector.lastScore();
            snapshot.trees = detector.settings().trees();
            snapshot.sampleSize = detector.settings().sampleSize();
            snapshot.seed = detector.settings().seed();
            ThresholdedRandomCutForestMapper mapper = new ThresholdedRandomCutForestMapper();
            snapshot.forest = mapper.toState(detector.forest());
            snapshot.clients = new LinkedHashMap<>(detector.profiles().asMap());
            // Serialised while the lock is held: the profiles are live objects.
            byte[] bytes = json.writeValueAsBytes(Map.of("snapshot", snapshot));
            writeAtomically(file, bytes);
        }
    }

    /** The detector saved in {@code file}, with {@code settings}' client bound and thresholds. */
    public static StreamingDetector read(Path file, StreamingDetector.Settings settings) throws IOException {
        if (Files.size(file) > checkpointBytesMax) {
            throw new IOException("anomaly checkpoint " + file + " is larger than " + checkpointBytesMax + " bytes; refusing to load it");
        }
        Snapshot snapshot;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            snapshot = json.readValue(in, Holder.class).snapshot;
        }
        if (snapshot == null || snapshot.formatVersion != formatVersion || snapshot.forest == null) {
            throw new IOException("anomaly checkpoint " + file + " is not a format-" + formatVersion + " checkpoint; move it away to start afresh");
        }
        // A checkpoint written before the point store was allocated at full capacity
        // (StreamingDetector#withFullPointStore) gets it on load, or it would go on compacting
        // every ~100 events; the mapper pads the stored points to the larger store.
        var store = snapshot.forest.getForestState() == null ? null : snapshot.forest.getForestState().getPointStoreState();
        if (store != null && store.getCurrentStoreCapacity() < store.getCapacity()) store.setCurrentStoreCapacity(store.getCapacity());
        ThresholdedRandomCutForest forest = new ThresholdedRandomCutForestMapper().toModel(snapshot.forest, settings.seed());
        forest.setZfactor(settings.zFactor());
        ClientProfiles profiles = new ClientProfiles(settings.clientsMax());
        if (snapshot.clients != null) snapshot.clients.forEach((id, profile) -> profiles.asMap().put(id, profile));
        StreamingDetector.Settings restored = new StreamingDetector.Settings(snapshot.trees, snapshot.sampleSize,
                settings.clientsMax(), settings.zFactor(), settings.scoreMin(), snapshot.seed);
        return new StreamingDetector(restored, forest, profiles, snapshot.processed, snapshot.lastScore);
    }

    static final class Holder {
        public Snapshot snapshot;
    }

    static void writeAtomically(Path file, byte[] plain) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = directory.resolve(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = new GZIPOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16)) {
            out.write(plain);
            out.flush();
            ((GZIPOutputStream) out).finish();
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}
