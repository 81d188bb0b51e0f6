package io.quantumsafe.consensus.sim;

import java.util.Locale;

/** What a Byzantine validator does; each one gets a seeded subset of the enabled behaviours. */
public enum Behaviour {
    /** Two different headers for one round, each to half of the validators (the other one later). */
    EQUIVOCATE,
    /** Votes for every header it sees, conflicting ones included. */
    DOUBLE_VOTE,
    /** Votes and certificates with flipped signature bits. */
    BAD_SIGNATURE,
    /** Votes signed with a key that is not its committee key. */
    WRONG_KEY,
    /** Never votes. */
    WITHHOLD_VOTES,
    /** Never broadcasts its certificates and never answers sync requests. */
    WITHHOLD_CERTIFICATES,
    /** Sends headers and certificates to a random subset only. */
    PARTIAL_SEND,
    /** Re-sends old messages it received or sent. */
    REPLAY,
    /** Headers whose parents are made up, too few or of the wrong round. */
    BAD_PARENTS,
    /** Headers and certificates for rounds far in the future, and undecodable bytes. */
    FLOOD,
    /** Twins: two honest-looking copies of its key, each talking to half of the network. */
    TWINS;

    public String flagName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static Behaviour parse(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
