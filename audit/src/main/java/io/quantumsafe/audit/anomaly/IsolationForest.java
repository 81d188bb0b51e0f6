package io.quantumsafe.audit.anomaly;

import java.util.SplittableRandom;

/**
 * Isolation Forest, Liu, Ting and Zhou, "Isolation Forest", ICDM 2008. Each tree isolates a
 * subsample of psi points with random axis-aligned cuts up to height ceil(log2 psi); a point's
 * score is s(x, psi) = 2^(-E[h(x)] / c(psi)), where h is the path length (plus c(size) at a leaf
 * that still holds several points) and c(n) the average path length of an unsuccessful search in
 * a binary search tree of n points. Scores near 1 are anomalies, well below 0.5 normal points.
 * Written here because the usual JVM implementation (Smile) is GPL-3.0. Immutable once trained;
 * training takes its randomness as a seed.
 */
public final class IsolationForest {
    private static final double eulerGamma = 0.5772156649015329;

    /** Trees as flat arrays, node 0 the root; a leaf has feature -1 and its point count in size. */
    record Tree(int[] feature, double[] split, int[] left, int[] right, int[] size) {}

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
        for (Tree tree : trees) total += pathLength(tree, x);
        return total / trees.length;
    }

    /**
     * How much each feature did to isolate {@code x}: every cut on the path counts for its
     * feature, weighted by 1 / the path length of its tree, so features that isolate quickly
     * dominate. Not part of the paper; a common heuristic (depth-based feature importance).
     */
    public double[] attribution(double[] x) {
        checkDimensions(x);
        double[] perFeature = new double[dimensions];
        for (Tree tree : trees) {
            double length = Math.max(1, pathLength(tree, x));
            int node = 0;
            while (tree.feature[node] >= 0) {
                perFeature[tree.feature[node]] += 1 / length;
                node = x[tree.feature[node]] < tree.split[node] ? tree.left[node] : tree.right[node];
            }
        }
        return perFeature;
    }

    private static double pathLength(Tree tree, double[] x) {
        int node = 0;
        int depth = 0;
        while (tree.feature[node] >= 0) {
            node = x[tree.feature[node]] < tree.split[node] ? tree.left[node] : tree.right[node];
            depth++;
        }
        return depth + averagePathLength(tree.size[node]);
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
        }

        Tree build(int[] points, int heightMax) {
            grow(points, 0, points.length, 0, heightMax);
            return new Tree(java.util.Arrays.copyOf(feature, nodes), java.util.Arrays.copyOf(split, nodes),
                    java.util.Arrays.copyOf(left, nodes), java.util.Arrays.copyOf(right, nodes), java.util.Arrays.copyOf(size, nodes));
        }

        /** Grows the node for points[from, to); returns its index. */
        private int grow(int[] points, int from, int to, int height, int heightMax) {
            int node = nodes++;
            feature[node] = -1;
            size[node] = to - from;
            if (to - from <= 1 || height >= heightMax) return node;
            // Pick uniformly among the features that still vary here (the paper's choice among all
            // features would waste a level on a constant one).
            double[] lows = new double[dimensions];
            double[] highs = new double[dimensions];
            int varying = 0;
            for (int d = 0; d < dimensions; d++) {
                double low = Double.POSITIVE_INFINITY, high = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    double v = data[points[i]][d];
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
                lows[d] = low;
                highs[d] = high;
                if (high > low) varying++;
            }
            if (varying == 0) return node;
            int choice = random.nextInt(varying);
            int chosen = -1;
            for (int d = 0; d < dimensions; d++) {
                if (highs[d] > lows[d] && choice-- == 0) chosen = d;
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
