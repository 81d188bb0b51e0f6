package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.message.Header;
import io.quantumsafe.consensus.message.Vote;

/**
 * Narwhal's vote rule: per author, the latest header voted for. A header is voted for only if its
 * round is above that one's; the same header again gets the same vote again; a different header for
 * that round, or an older round, gets nothing. The decision is persisted before the vote is sent.
 */
final class VoteRule {
    enum Decision { VOTE, RESEND, EQUIVOCATION, OLDER_ROUND }

    private final long[] round;
    private final Digest[] digest;
    private final Vote[] sent;
    private final boolean brokenForTestsOnly;

    VoteRule(int committeeSize, boolean brokenForTestsOnly) {
        this.round = new long[committeeSize];
        this.digest = new Digest[committeeSize];
        this.sent = new Vote[committeeSize];
        this.brokenForTestsOnly = brokenForTestsOnly;
    }

    Decision decide(Header h) {
        int author = h.author();
        if (digest[author] == null || round[author] < h.round()) return Decision.VOTE;
        if (round[author] > h.round()) return Decision.OLDER_ROUND;
        if (digest[author].equals(h.digest())) return Decision.RESEND;
        return brokenForTestsOnly ? Decision.VOTE : Decision.EQUIVOCATION;
    }

    long lastRound(int author) { return round[author]; }

    Digest lastDigest(int author) { return digest[author]; }

    /** Records a vote (or, for the own header, the proposal); {@code vote} may be null where it is not kept. */
    void record(int author, long votedRound, Digest header, Vote vote) {
        round[author] = votedRound;
        digest[author] = header;
        sent[author] = vote;
    }

    /** The vote already sent for {@code header}, or null (after a restart, it is signed again). */
    Vote sentFor(Header header) {
        Vote v = sent[header.author()];
        return v != null && v.headerDigest().equals(header.digest()) ? v : null;
    }
}
