package io.quantumsafe.audit.anomaly;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumsafe.audit.event.AuditEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned batch models: {@code isolation-forest-v000007.json.gz} under one directory, each
 * written atomically; the highest version is the one in use; the newest {@link #modelsKept} are kept.
 * Each file records its {@link #format}; a file of another format is refused with a
 * {@link FormatException} (and {@link #latest} then offers no model until one is trained).
 */
public final class ModelStore {
    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);
    static final int modelsKept = 5;
    /**
     * The file format: 1 (no {@code format} field) had no bounding boxes and is not read any more;
     * 2 adds {@code box} per tree and range-weighted cuts (IsolationForest's class comment).
     */
    static final int format = 2;

    /** A model file this version cannot read: train a new model. */
    public static final class FormatException extends IOException {
        FormatException(String message) { super(message); }
    }
    private static final Pattern fileName = Pattern.compile("isolation-forest-v(\\d{6})\\.json\\.gz");
    private static final ObjectMapper json = new ObjectMapper();

    /** A saved model: its version and when/what it was trained on. */
    public record Saved(BatchDetector detector, long version, Path file, long events, int points, Instant from, Instant to) {}

    /** The file format. Public fields for Jackson. */
    static final class Model {
        public int format = 1;
        public long version;
        public String trainedFrom, trainedTo;
        public long events;
        public int points, dimensions, subsample;
        public long seed;
        public double threshold;
        public List<String> features;
        public int[][] feature, left, right, size;
        public double[][] split;
        public float[][] box;
    }

    private final Path directory;
    private final BatchDetector.Settings settings;

    public ModelStore(Path directory, BatchDetector.Settings settings) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.settings = settings;
    }

    /** Feature vectors of {@code events} (oldest first) as the streaming detector computes them, a uniform sample of them, a trained forest. */
    /** Events oldest first, pushed to a consumer (a store scan holds one slice in memory at a time). */
    @FunctionalInterface
    public interface Source {
        void forEach(java.util.function.Consumer<AuditEvent> consumer) throws IOException;
    }

    public Saved train(Source events, Instant from, Instant to) throws IOException {
        ClientProfiles profiles = new ClientProfiles(1_000_000);
        int max = settings.trainingPointsMax();
        List<double[]> sample = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(settings.seed());
        long[] seenBox = {0};
        long[] gradedBox = {0};
        events.forEach(event -> {
            ClientProfile profile = profiles.forUpdate(event.clientId());
            double[] x = profile.features(event);
            profile.learn(event);
            // The threshold sits just above the highest training scores, so events the streaming
            // detector graded anomalous are kept out of the sample (they still shape the profiles).
            if (event.fields().path("anomaly_grade").asDouble(0) > 0) {
                gradedBox[0]++;
                return;
            }
            long seen = seenBox[0]++;
            if (sample.size() < max) sample.add(x);
            else {
                long j = random.nextLong(seen + 1);
                if (j < max) sample.set((int) j, x);
            }
        });
        long seen = seenBox[0] + gradedBox[0];
        if (gradedBox[0] > 0) log.info("anomaly: {} events graded by the streaming detector left out of the training sample", gradedBox[0]);
        if (sample.size() < 2) throw new IllegalStateException("no events to train on between " + from + " and " + to);
        double[][] points = sample.toArray(new double[0][]);
        IsolationForest forest = IsolationForest.train(points, settings.trees(), settings.subsample(), settings.seed());
        double threshold = BatchDetector.calibrate(forest, points, settings);
        long version = latestVersion() + 1;
        Path file = directory.resolve("isolation-forest-v%06d.json.gz".formatted(version));
        Checkpoints.writeAtomically(file, json.writeValueAsBytes(model(forest, version, from, to, seen, sample.size(), threshold)));
        prune();
        return new Saved(new BatchDetector(settings, forest, version, threshold), version, file, seen, sample.size(), from, to);
    }

    /**
     * The newest model; empty when there is none, or when the newest is of another format (logged:
     * the service runs without a batch opinion until the next training).
     */
    public Optional<BatchDetector> latest() throws IOException {
        long version = latestVersion();
        if (version == 0) return Optional.empty();
        try {
            return Optional.of(read(version));
        } catch (FormatException e) {
            log.warn("anomaly: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Model {@code version}; a {@link FormatException} if it was written in another format. */
    public BatchDetector read(long version) throws IOException {
        Path file = directory.resolve("isolation-forest-v%06d.json.gz".formatted(version));
        Model model;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            model = json.readValue(in, Model.class);
        }
        if (model.format != format) {
            throw new FormatException("batch model %s is in format %d, this version reads format %d: train a new one (qsafe anomaly train, or POST /api/anomaly/train)"
                    .formatted(file.getFileName(), model.format, format));
        }
        int trees = model.feature.length;
        if (model.box == null || model.box.length != trees) throw new FormatException("batch model " + file.getFileName() + " has no box for every tree");
        IsolationForest.Tree[] built = new IsolationForest.Tree[trees];
        for (int t = 0; t < trees; t++) {
            int nodes = model.feature[t].length;
            if (model.split[t].length != nodes || model.left[t].length != nodes || model.right[t].length != nodes || model.size[t].length != nodes
                    || model.box[t].length != 2 * nodes * model.dimensions) {
                throw new FormatException("batch model " + file.getFileName() + ": tree " + t + " has arrays of different lengths");
            }
            built[t] = new IsolationForest.Tree(model.feature[t], model.split[t], model.left[t], model.right[t], model.size[t], model.box[t]);
        }
        return new BatchDetector(settings, new IsolationForest(model.dimensions, model.subsample, built), model.version, model.threshold);
    }

    private static Model model(IsolationForest forest, long version, Instant from, Instant to, long events, int points, double threshold) {
        Model model = new Model();
        model.format = format;
        model.threshold = threshold;
        model.version = version;
        model.trainedFrom = String.valueOf(from);
        model.trainedTo = String.valueOf(to);
        model.events = events;
        model.points = points;
        model.dimensions = forest.dimensions();
        model.subsample = forest.subsample();
        model.features = java.util.Arrays.stream(Feature.values()).map(Feature::wireName).toList();
        IsolationForest.Tree[] trees = forest.treeArray();
        model.feature = new int[trees.length][];
        model.left = new int[trees.length][];
        model.right = new int[trees.length][];
        model.size = new int[trees.length][];
        model.split = new double[trees.length][];
        model.box = new float[trees.length][];
        for (int t = 0; t < trees.length; t++) {
            model.feature[t] = trees[t].feature();
            model.left[t] = trees[t].left();
            model.right[t] = trees[t].right();
            model.size[t] = trees[t].size();
            model.split[t] = trees[t].split();
            model.box[t] = trees[t].box();
        }
        return model;
    }

    private List<Long> versions() throws IOException {
        List<Long> versions = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher matcher = fileName.matcher(file.getFileName().toString());
                if (matcher.matches()) versions.add(Long.parseLong(matcher.group(1)));
            }
        }
        versions.sort(null);
        return versions;
    }

    public long latestVersion() throws IOException {
        List<Long> versions = versions();
        return versions.isEmpty() ? 0 : versions.getLast();
    }

    private void prune() throws IOException {
        List<Long> versions = versions();
        for (int i = 0; i < versions.size() - modelsKept; i++) {
            Files.deleteIfExists(directory.resolve("isolation-forest-v%06d.json.gz".formatted(versions.get(i))));
        }
    }
}
