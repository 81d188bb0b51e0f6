package io.quantumsafe.audit.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsolationForestTest {
    private static double[][] gaussianCloud(int n, int dimensions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] points = new double[n][dimensions];
        for (double[] point : points) {
            for (int d = 0; d < dimensions; d++) {
                point[d] = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            }
        }
        return points;
    }

    @Test
    void averagePathLength_matchesThePapersFormula() {
        assertThat(IsolationForest.averagePathLength(0)).isZero();
        assertThat(IsolationForest.averagePathLength(1)).isZero();
        assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1.0);
        // c(n) = 2 H(n-1) - 2(n-1)/n; for 256: 2 (ln 255 + 0.5772) - 2 * 255/256
        assertThat(IsolationForest.averagePathLength(256)).isCloseTo(10.2448, within(1e-3));
        // c(3) with the exact harmonic number is 2 * 1.5 - 4/3 = 1.667; the ln approximation gives 1.207.
        assertThat(IsolationForest.averagePathLength(3)).isCloseTo(2 * (Math.log(2) + 0.5772156649) - 4.0 / 3, within(1e-9));
    }

    @Test
    void obviousOutlier_scoresNearOne_andInliersAtOrBelowHalf() {
        IsolationForest forest = IsolationForest.train(gaussianCloud(5_000, 3, 1), 100, 256, 7);
        assertThat(forest.score(new double[] {8, 8, 8})).isGreaterThan(0.7);
        assertThat(forest.score(new double[] {0, 0, 0})).isLessThan(0.5);
        double[][] fresh = gaussianCloud(1_000, 3, 2);
        double mean = 0;
        for (double[] point : fresh) mean += forest.score(point) / fresh.length;
        assertThat(mean).isLessThan(0.5);
    }

    @Test
    void pointFarBeyondTheTrainingRange_scoresAboveTheMostExtremeTrainingPoint() {
        // In the paper's forest a point beyond every training point follows the most extreme one
        // and scores the same; with the stretched boxes, further out is stranger.
        double[][] data = gaussianCloud(5_000, 6, 4);
        IsolationForest forest = IsolationForest.train(data, 100, 256, 3);
        double trainingMax = 0;
        double[] extreme = null;
        for (double[] point : data) {
            double score = forest.score(point);
            if (score > trainingMax) {
                trainingMax = score;
                extreme = point;
            }
        }
        double[] far = new double[6];
        far[1] = 12;
        assertThat(forest.score(far)).isGreaterThan(trainingMax + 0.05);
        double[] further = far.clone();
        further[1] = 24;
        assertThat(forest.score(further)).isGreaterThan(forest.score(far));
        assertThat(extreme).isNotNull();
    }

    @Test
    void pointsInsideEveryBox_keepThePapersPathLength() {
        // A training point lies inside the box of every node on its own path in a tree grown on it:
        // with one tree on all the points, its path length is the plain depth plus c(leaf size).
        double[][] data = gaussianCloud(200, 3, 8);
        IsolationForest forest = IsolationForest.train(data, 1, 256, 5);
        IsolationForest.Tree tree = forest.treeArray()[0];
        for (double[] point : data) {
            int node = 0, depth = 0;
            while (tree.feature()[node] >= 0) {
                node = point[tree.feature()[node]] < tree.split()[node] ? tree.left()[node] : tree.right()[node];
                depth++;
            }
            assertThat(forest.meanPathLength(point)).isCloseTo(depth + IsolationForest.averagePathLength(tree.size()[node]), within(1e-9));
        }
    }

    @Test
    void attribution_pointsAtTheFeatureThatIsolates() {
        IsolationForest forest = IsolationForest.train(gaussianCloud(5_000, 4, 3), 100, 256, 11);
        double[] attribution = forest.attribution(new double[] {0, 0, 12, 0});
        int top = 0;
        for (int d = 1; d < attribution.length; d++) if (attribution[d] > attribution[top]) top = d;
        assertThat(top).isEqualTo(2);
    }

    @Test
    void sameSeed_sameForest_differentSeed_differentScores() {
        double[][] data = gaussianCloud(2_000, 2, 5);
        double[] probe = {2.5, -1};
        assertThat(IsolationForest.train(data, 50, 128, 9).score(probe)).isEqualTo(IsolationForest.train(data, 50, 128, 9).score(probe));
        assertThat(IsolationForest.train(data, 50, 128, 9).score(probe)).isNotEqualTo(IsolationForest.train(data, 50, 128, 10).score(probe));
    }

    @Test
    void constantData_andTinyData_doNotBreak() {
        double[][] constant = new double[100][2];
        IsolationForest forest = IsolationForest.train(constant, 10, 64, 1);
        // Every tree is one leaf of 64 points: E[h] = c(64) and the score is exactly 0.5.
        assertThat(forest.score(new double[] {0, 0})).isCloseTo(0.5, within(1e-12));
        assertThat(IsolationForest.train(new double[][] {{1}, {2}}, 5, 256, 1).subsample()).isEqualTo(2);
    }

    @Test
    void badInput_isATypedError() {
        assertThatThrownBy(() -> IsolationForest.train(new double[0][], 10, 256, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsolationForest.train(new double[][] {{1, 2}, {3}}, 10, 256, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions");
        IsolationForest forest = IsolationForest.train(gaussianCloud(100, 2, 1), 10, 64, 1);
        assertThatThrownBy(() -> forest.score(new double[] {1})).isInstanceOf(IllegalArgumentException.class);
    }
}
