package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.order.CommittedSubDag;

/**
 * What a replica asks its caller to do, in list order. The caller must make each {@link Persist}
 * durable before it performs any effect after it in the same list ("persist before send"): that is
 * what keeps a restarted replica from equivocating.
 */
public sealed interface Effect {
    /** Send {@code message} to validator {@code to}. */
    record Send(int to, Message message) implements Effect {}

    /** Send {@code message} to every other validator. */
    record Broadcast(Message message) implements Effect {}

    /** Write {@code record} to stable storage. */
    record Persist(StateRecord record) implements Effect {}

    /** Deliver a committed sub-DAG to the application (the ledger), in sequence order. */
    record Commit(CommittedSubDag subDag) implements Effect {}

    /**
     * A protocol assumption is broken: two valid certificates for one (round, author) mean more than f
     * validators voted twice. Page an operator; the replica keeps going (the second vertex is kept for
     * causal completeness) but the committee is no longer within its fault bound.
     */
    record Alarm(String detail) implements Effect {}

    /** Input from {@code from} was refused (for logs and metrics; nothing to do). */
    record Rejected(int from, Rejection reason, String detail) implements Effect {}
}
