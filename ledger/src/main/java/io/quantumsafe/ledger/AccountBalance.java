package io.quantumsafe.ledger;

/** An account's balances after one change (accounts flagged HISTORY). */
public record AccountBalance(long timestamp, UInt128 debitsPending, UInt128 debitsPosted, UInt128 creditsPending,
                             UInt128 creditsPosted) {}
