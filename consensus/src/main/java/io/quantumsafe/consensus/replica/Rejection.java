package io.quantumsafe.consensus.replica;

/** Why a replica refused input. Every refusal of peer input has one of these; none is a crash. */
public enum Rejection {
    /** Bytes that do not decode (see the detail). */
    MALFORMED,
    /** The sender is not in the committee. */
    UNKNOWN_SENDER,
    /** A header whose author is not the validator that sent it. */
    AUTHOR_NOT_SENDER,
    /** A vote whose voter is not the validator that sent it. */
    VOTER_NOT_SENDER,
    /** At or below the garbage-collection round: too old to matter. */
    ROUND_TOO_OLD,
    /** Beyond the rounds this replica accepts ahead of its DAG (flooding bound). */
    ROUND_TOO_FAR_AHEAD,
    /** Parents of the wrong round, repeated authors, fewer than a quorum, or parents in round 1. */
    INVALID_PARENTS,
    /** Header batches whose bytes do not hash to the header's digests, or too many or too large. */
    INVALID_BATCHES,
    /** A second, different header from one author for one round: not voted for. */
    EQUIVOCATION,
    /** A header older than one this replica already voted for from the same author. */
    ALREADY_VOTED_LATER_ROUND,
    /** A vote whose signature does not verify under the voter's key. */
    INVALID_SIGNATURE,
    /** A vote for a header that is not this replica's current proposal. */
    UNEXPECTED_VOTE,
    /** A certificate with too few signers or a proof that does not verify. */
    INVALID_CERTIFICATE,
    /** A third valid certificate for a (round, author): more than f double-voted (the second one is kept, see {@link Effect.Alarm}). */
    CONFLICTING_CERTIFICATE,
    /** A bounded buffer is full; the input can be sent again later. */
    BUFFER_FULL,
    /** A batch nobody asked for. */
    UNSOLICITED,
    /** A batch larger than the limit or a full proposal queue. */
    PROPOSAL_REFUSED
}
