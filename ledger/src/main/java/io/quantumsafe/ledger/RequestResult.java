package io.quantumsafe.ledger;

import java.util.Locale;

/** Whether a settlement request as a whole was admitted; if not, none of its events ran. */
public enum RequestResult {
    OK,
    WRONG_NETWORK,
    UNKNOWN_CLIENT,
    BAD_SIGNATURE,
    /** The request number equals the client's last one: a retry of an applied request. */
    REQUEST_NUMBER_REPLAYED,
    /** The request number is below the client's last one. */
    REQUEST_NUMBER_OUT_OF_ORDER,
    BATCH_TOO_LARGE,
    EMPTY;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
