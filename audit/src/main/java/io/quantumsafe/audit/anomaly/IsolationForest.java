package io.quantumsafe.audit.anomaly;

import java.util.SplittableRandom;

/**
 * Isolation Forest, Liu, Ting and Zhou, "Isolation Forest", ICDM 2008, with two changes taken from
 * the random cut trees of Guha et al., "Robust Random Cut Forest Based Anomaly Detection on
 * Streams", ICML 2016. Each tree isolates a subsample of psi points with random axis-aligned cuts
 * up to height ceil(log2 psi); a point's score is s(x, psi) = 2^(-E[h(x)] / c(psi)), where h is
 * the path length (plus c(size) at a leaf that still holds several points) and c(n) the average
 * path length of an unsuccessful search in a binary search tree of n points. Scores near 1 are
 * anomalies, well below 0.5 normal points.
 *
 * <p>The changes, both measured with {@code qsafe anomaly eval} (audit/README.md):
 * <ul>
 * <li>A cut's dimension is drawn in proportion to the node's range in it (Guha et al.), not
 *     uniformly: with six features, a point extreme in one of them was cut on it only a sixth of
 *     the time and its path hardly shortened.
 * <li>Each node keeps its points' bounding box, and the path of x is the expected depth x would
 *     have had in the tree if it had been in the sample: at each node, a random cut of the box
 *     stretched to include x separates x with probability (sum of x's distances outside the box)
 *     / (sum of the stretched box's sides) (the insertion argument of Guha et al., section 3).
 *     In the paper's forest a point beyond everything seen follows the most extreme training
 *     point and scores no higher than it, so a latency 100x the usual scored like 4x. Points
 *     inside every box get exactly the paper's path length.
 * </ul>
 * Written here because the usual JVM implementation (Smile) is GPL-3.0. Immutable once trained;
 * training takes its randomness as a seed.
 */
public final class IsolationForest {
    private static final double eulerGamma = 0.5772156649015329;

    /**
     * Trees as flat arrays, node 0 the root; a leaf has feature -1 and its point count in size.
     * {@code box} holds each node's bounding box as floats (enough for features a few units wide,
     * half the size of a model file): node n's lows at [2 n d, 2 n d + d), highs after them.
     */
    record Tree(int[] feature, double[] split, int[] left, int[] right, int[] size, float[] box) {}

    private final int dimensions;
    private final int subsample;
    private final Tree[] trees;

    IsolationForest(int dimensions, int subsample, Tree[] trees) {
        this.dimensions = dimensions;
        this.subsample = subsample;
        this.trees = trees;
    }

    /** c(n) from the paper: 2 H(n-1) - 2 (n-1) / n, with H(i) about ln(i) + Euler's constant; c(2) = 1, c(1) = 0. */
    public static double averagePathLength(long n) {
        if (n <= 1) return 0;
        if (n == 2) return 1;
        return 2 * (Math.log(n - 1) + eulerGamma) - 2.0 * (n - 1) / n;
    }

    /**
     * Trains {@code trees} trees, each on {@code subsample} points drawn without replacement
     * (all of them when there are fewer).
     */
    public static IsolationForest train(double[][] data, int trees, int subsample, long seed) {
        if (data.length == 0) throw new IllegalArgumentException("isolation forest needs at least one point");
        if (trees < 1 || trees > 10_000) throw new IllegalArgumentException("trees must be 1..10000, got " + trees);
        if (subsample < 2) throw new IllegalArgumentException("subsample must be >= 2, got " + subsample);
        int dimensions = data[0].length;
        for (double[] point : data) {
            if (point.length != dimensions) throw new IllegalArgumentException("all points need " + dimensions + " dimensions");
        }
        int psi = Math.min(subsample, data.length);
        int heightMax = (int) Math.ceil(Math.log(psi) / Math.log(2));
        SplittableRandom random = new SplittableRandom(seed);
        Tree[] built = new Tree[trees];
        int[] indices = new int[data.length];
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < indices.length; i++) indices[i] = i;
            for (int i = 0; i < psi; i++) { // partial Fisher-Yates: the first psi are the sample
                int j = i + random.nextInt(indices.length - i);
                int swap = indices[i];
                indices[i] = indices[j];
                indices[j] = swap;
            }
            built[t] = new TreeBuilder(data, dimensions, psi, random).build(java.util.Arrays.copyOf(indices, psi), heightMax);
        }
        return new IsolationForest(dimensions, psi, built);
    }

    /** s(x, psi) in (0, 1]. */
    public double score(double[] x) {
        return Math.pow(2, -meanPathLength(x) / averagePathLength(subsample));
    }

    public double meanPathLength(double[] x) {
        checkDimensions(x);
        double total = 0;
        for (Tree tree : trees) total += pathLength(tree, x, dimensions, null);
        return total / trees.length;
    }

    /**
     * How much each feature did to isolate {@code x}: the probability that a cut in that feature
     * separated it (from the stretched boxes), plus, for the probability that it reached a leaf,
     * the path's cuts weighted by 1 / the path length (depth-based feature importance, a common
     * heuristic), summed over the trees.
     */
    public double[] attribution(double[] x) {
        checkDimensions(x);
        double[] perFeature = new double[dimensions];
        for (Tree tree : trees) pathLength(tree, x, dimensions, perFeature);
        return perFeature;
    }

    /** E[h(x)] in one tree, see the class comment; adds to {@code attribution} when it is not null. */
    private static double pathLength(Tree tree, double[] x, int dimensions, double[] attribution) {
        int node = 0;
        int depth = 0;
        double expected = 0;
        double reached = 1; // probability that x was not separated above this node
        while (true) {
            int lows = 2 * node * dimensions;
            double sides = 0, outside = 0;
            for (int d = 0; d < dimensions; d++) {
                double low = tree.box[lows + d], high = tree.box[lows + dimensions + d];
                sides += high - low;
                outside += Math.max(0, Math.max(low - x[d], x[d] - high));
            }
            if (outside > 0) {
                double separated = reached * outside / (sides + outside);
                expected += separated * (depth + 1);
                if (attribution != null) {
                    for (int d = 0; d < dimensions; d++) {
                        double low = tree.box[lows + d], high = tree.box[lows + dimensions + d];
                        attribution[d] += separated * Math.max(0, Math.max(low - x[d], x[d] - high)) / outside;
                    }
                }
                reached -= separated;
            }
            if (tree.feature[node] < 0) break;
            node = x[tree.feature[node]] < tree.split[node] ? tree.left[node] : tree.right[node];
            depth++;
        }
        if (attribution != null && depth > 0) {
            int walk = 0;
            while (tree.feature[walk] >= 0) {
                attribution[tree.feature[walk]] += reached / depth;
                walk = x[tree.feature[walk]] < tree.split[walk] ? tree.left[walk] : tree.right[walk];
            }
        }
        return expected + reached * (depth + averagePathLength(tree.size[node]));
    }

    private void checkDimensions(double[] x) {
        if (x.length != dimensions) throw new IllegalArgumentException("expected " + dimensions + " features, got " + x.length);
    }

    public int dimensions() { return dimensions; }

    public int subsample() { return subsample; }

    public int trees() { return trees.length; }

    Tree[] treeArray() { return trees; }

    /** Grows one tree into flat arrays; at most 2 psi - 1 nodes. */
    private static final class TreeBuilder {
        private final double[][] data;
        private final int dimensions;
        private final SplittableRandom random;
        private final int[] feature, left, right, size;
        private final double[] split;
        private final float[] box;
        private int nodes;

        TreeBuilder(double[][] data, int dimensions, int psi, SplittableRandom random) {
            this.data = data;
            this.dimensions = dimensions;
            this.random = random;
            int capacity = 2 * psi - 1;
            feature = new int[capacity];
            left = new int[capacity];
            right = new int[capacity];
            size = new int[capacity];
            split = new double[capacity];
            box = new float[capacity * 2 * dimensions];
        }

        Tree build(int[] points, int heightMax) {
            grow(points, 0, points.length, 0, heightMax);
            return new Tree(java.util.Arrays.copyOf(feature, nodes), java.util.Arrays.copyOf(split, nodes),
                    java.util.Arrays.copyOf(left, nodes), java.util.Arrays.copyOf(right, nodes), java.util.Arrays.copyOf(size, nodes),
                    java.util.Arrays.copyOf(box, nodes * 2 * dimensions));
        }

        /** Grows the node for points[from, to); returns its index. */
        private int grow(int[] points, int from, int to, int height, int heightMax) {
            int node = nodes++;
            feature[node] = -1;
            size[node] = to - from;
            double[] lows = new double[dimensions];
            double[] highs = new double[dimensions];
            double sides = 0;
            for (int d = 0; d < dimensions; d++) {
                double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    double v = data[points[i]][d];
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
                // Rounded outwards to floats, so that every point of the node stays inside its stored box.
                lows[d] = low;
                highs[d] = high;
                box[2 * node * dimensions + d] = (float) low > low ? Math.nextDown((float) low) : (float) low;
                box[2 * node * dimensions + dimensions + d] = (float) high < high ? Math.nextUp((float) high) : (float) high;
                sides += high - low;
            }
            if (to - from <= 1 || height >= heightMax || !(sides > 0)) return node;
            // The dimension in proportion to its range here (Guha et al.; see the class comment).
            double pick = random.nextDouble() * sides;
            int chosen = -1;
            for (int d = 0; d < dimensions; d++) {
                if (highs[d] > lows[d]) {
                    chosen = d;
                    pick -= highs[d] - lows[d];
                    if (pick < 0) break;
                }
            }
            double cut = lows[chosen] + random.nextDouble() * (highs[chosen] - lows[chosen]);
            if (cut <= lows[chosen]) cut = Math.nextUp(lows[chosen]);
            int middle = from;
            for (int i = from; i < to; i++) {
                if (data[points[i]][chosen] < cut) {
                    int swap = points[i];
                    points[i] = points[middle];
                    points[middle++] = swap;
                }
            }
            feature[node] = chosen;
            split[node] = cut;
            left[node] = grow(points, from, middle, height + 1, heightMax);
            right[node] = grow(points, middle, to, height + 1, heightMax);
            return node;
        }
    }
}
