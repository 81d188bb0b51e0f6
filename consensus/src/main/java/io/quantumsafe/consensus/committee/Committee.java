package io.quantumsafe.consensus.committee;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The validators of one network and the thresholds that follow from their number. Immutable.
 *
 * <p>With n validators the protocol tolerates {@code f = floor((n - 1) / 3)} Byzantine ones. A
 * quorum is {@code floor((n + f) / 2) + 1}: any two quorums then share at least f + 1 validators, so at
 * least one honest one (for n = 3f + 1 this is the familiar 2f + 1; n = 80 gives f = 26 and 54; n = 6
 * gives f = 1 and 4, not 3, since two sets of 3 out of 6 can be disjoint). The commit threshold
 * (Bullshark's "f + 1 votes for the leader") is {@code n - quorum + 1}: the smallest set that every
 * quorum intersects, which is again f + 1 for n = 3f + 1.
 */
public final class Committee {
    /** Bitmaps and u16 indices in messages; far above any planned committee. */
    public static final int validatorsMax = 1024;

    private final List<Validator> validators;
    private final int faultTolerance;
    private final int quorum;

    private Committee(List<Validator> validators) {
        this.validators = List.copyOf(validators);
        int n = validators.size();
        this.faultTolerance = (n - 1) / 3;
        this.quorum = (n + faultTolerance) / 2 + 1;
    }

    /** A committee of {@code validators}, whose indices must be 0..n-1 in order and whose names must be unique. */
    public static Committee of(List<Validator> validators) {
        if (validators.isEmpty()) throw new IllegalArgumentException("a committee needs at least one validator");
        if (validators.size() > validatorsMax) {
            throw new IllegalArgumentException("a committee has at most " + validatorsMax + " validators, not " + validators.size());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < validators.size(); i++) {
            Validator v = validators.get(i);
            if (v.index() != i) throw new IllegalArgumentException("validator " + v.name() + " has index " + v.index() + ", expected " + i);
            if (!names.add(v.name())) throw new IllegalArgumentException("duplicate validator name " + v.name());
        }
        return new Committee(validators);
    }

    public int size() { return validators.size(); }

    /** f: how many Byzantine validators the committee tolerates. */
    public int faultTolerance() { return faultTolerance; }

    /** Votes that make a certificate, and certificates of a round that let a validator advance. */
    public int quorum() { return quorum; }

    /** Certificates of round r+1 referencing the leader of round r that commit it (f + 1 for n = 3f + 1). */
    public int commitThreshold() { return size() - quorum + 1; }

    public boolean contains(int index) { return index >= 0 && index < validators.size(); }

    public Validator validator(int index) { return validators.get(index); }

    public List<Validator> validators() { return validators; }

    /** Distinct region labels in committee order. */
    public List<String> regions() {
        Set<String> regions = new LinkedHashSet<>();
        for (Validator v : validators) regions.add(v.region());
        return new ArrayList<>(regions);
    }

    @Override
    public String toString() {
        return "committee of " + size() + " (f=" + faultTolerance + ", quorum=" + quorum + ")";
    }
}
