package io.quantumsafe.ledger;

import static io.quantumsafe.ledger.CreateTransferResult.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple second implementation of the ledger rules, for differential testing: maps,
 * BigInteger balances, and a full copy of the state before each linked chain instead of an undo
 * log. Slow and obviously correct is the point. Signatures are not checked here (the request
 * admission path is tested separately).
 */
final class ReferenceLedger {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final long NANOS = 1_000_000_000L;

    static final class Acct {
        UInt128 id;
        BigInteger dp = BigInteger.ZERO, dpost = BigInteger.ZERO, cp = BigInteger.ZERO, cpost = BigInteger.ZERO;
        UInt128 owner;
        long userData64;
        int userData32, ledger, code, flags;
        long timestamp;

        Acct copy() {
            Acct a = new Acct();
            a.id = id; a.dp = dp; a.dpost = dpost; a.cp = cp; a.cpost = cpost; a.owner = owner;
            a.userData64 = userData64; a.userData32 = userData32; a.ledger = ledger; a.code = code; a.flags = flags;
            a.timestamp = timestamp;
            return a;
        }

        Account toAccount() {
            return new Account(id, UInt128.of(dp), UInt128.of(dpost), UInt128.of(cp), UInt128.of(cpost), owner, userData64,
                    userData32, ledger, code, flags, timestamp);
        }
    }

    /** A stored transfer (resolved fields) with pending status and expiry. */
    record Stored(Transfer transfer, String status, long expiresAt, long order) {}

    private final Map<UInt128, Long> lastRequest = new HashMap<>();
    private final List<UInt128> clients;
    private final int networkId;
    private final int accountsMax;
    private final long transfersMax;
    private Map<UInt128, Acct> accounts = new LinkedHashMap<>();
    private Map<UInt128, Stored> transfers = new LinkedHashMap<>();
    private long lastTimestamp;
    private long sequence;
    private long order;

    ReferenceLedger(LedgerConfig config) {
        this.networkId = config.networkId();
        this.clients = config.clients().stream().map(ClientKey::clientId).toList();
        this.accountsMax = config.accountsMax();
        this.transfersMax = config.transfersMax();
    }

    List<RequestOutcome> apply(Batch batch) {
        if (batch.sequence() != sequence + 1) throw new IllegalArgumentException("out of order batch");
        sequence = batch.sequence();
        long time = Math.max(batch.timestamp(), lastTimestamp + 1);
        long first = time;
        expire(time);
        List<RequestOutcome> outcomes = new ArrayList<>();
        for (SettlementRequest r : batch.requests()) {
            RequestResult admission = admit(r);
            if (admission != RequestResult.OK) {
                outcomes.add(RequestOutcome.rejected(r, admission));
                continue;
            }
            lastRequest.put(r.clientId(), r.requestNumber());
            long start = time;
            List<CreateAccountResult> accountResults = runAccounts(r, time);
            time += r.accounts().size();
            List<CreateTransferResult> transferResults = runTransfers(r, time);
            time += r.transfers().size();
            outcomes.add(new RequestOutcome(r.clientId(), r.requestNumber(), RequestResult.OK, accountResults, transferResults, start, -1));
        }
        lastTimestamp = Math.max(first, time - 1);
        return outcomes;
    }

    Map<UInt128, Account> accounts() {
        Map<UInt128, Account> view = new LinkedHashMap<>();
        accounts.forEach((id, a) -> view.put(id, a.toAccount()));
        return view;
    }

    Map<UInt128, Transfer> transfers() {
        Map<UInt128, Transfer> view = new LinkedHashMap<>();
        transfers.forEach((id, s) -> view.put(id, s.transfer()));
        return view;
    }

    private RequestResult admit(SettlementRequest r) {
        if (r.networkId() != networkId) return RequestResult.WRONG_NETWORK;
        if (!clients.contains(r.clientId())) return RequestResult.UNKNOWN_CLIENT;
        if (r.eventCount() == 0) return RequestResult.EMPTY;
        if (r.eventCount() > RequestCodec.eventsMax) return RequestResult.BATCH_TOO_LARGE;
        long last = lastRequest.getOrDefault(r.clientId(), 0L);
        if (last != 0 && r.requestNumber() == last) return RequestResult.REQUEST_NUMBER_REPLAYED;
        if (Long.compareUnsigned(r.requestNumber(), last) <= 0) return RequestResult.REQUEST_NUMBER_OUT_OF_ORDER;
        return RequestResult.OK;
    }

    private void expire(long now) {
        List<Map.Entry<UInt128, Stored>> due = transfers.entrySet().stream()
                .filter(e -> e.getValue().status().equals("pending") && e.getValue().expiresAt() != 0 && e.getValue().expiresAt() <= now)
                .sorted((x, y) -> {
                    int byTime = Long.compare(x.getValue().expiresAt(), y.getValue().expiresAt());
                    return byTime != 0 ? byTime : Long.compare(x.getValue().order(), y.getValue().order());
                }).toList();
        for (Map.Entry<UInt128, Stored> e : due) {
            Stored s = e.getValue();
            Transfer t = s.transfer();
            Acct dr = accounts.get(t.debitAccountId());
            Acct cr = accounts.get(t.creditAccountId());
            dr.dp = dr.dp.subtract(t.amount().toBigInteger());
            cr.cp = cr.cp.subtract(t.amount().toBigInteger());
            reopen(t, dr, cr);
            transfers.put(e.getKey(), new Stored(t, "expired", s.expiresAt(), s.order()));
        }
    }

    private List<CreateAccountResult> runAccounts(SettlementRequest r, long firstTime) {
        List<Account> events = r.accounts();
        CreateAccountResult[] results = new CreateAccountResult[events.size()];
        int start = 0;
        while (start < events.size()) {
            int end = start;
            while (end < events.size() && events.get(end).hasFlag(AccountFlags.LINKED)) end++;
            if (end == events.size()) {
                for (int i = start; i < events.size(); i++) results[i] = CreateAccountResult.LINKED_EVENT_FAILED;
                results[events.size() - 1] = CreateAccountResult.LINKED_EVENT_CHAIN_OPEN;
                break;
            }
            Map<UInt128, Acct> saved = copyAccounts();
            for (int i = start; i <= end; i++) {
                results[i] = createAccount(events.get(i), r.clientId(), firstTime + i);
                if (results[i] != CreateAccountResult.OK && end > start) {
                    accounts = saved;
                    for (int j = start; j <= end; j++) if (j != i) results[j] = CreateAccountResult.LINKED_EVENT_FAILED;
                    break;
                }
            }
            start = end + 1;
        }
        return List.of(results);
    }

    private List<CreateTransferResult> runTransfers(SettlementRequest r, long firstTime) {
        List<Transfer> events = r.transfers();
        CreateTransferResult[] results = new CreateTransferResult[events.size()];
        int start = 0;
        while (start < events.size()) {
            int end = start;
            while (end < events.size() && events.get(end).hasFlag(TransferFlags.LINKED)) end++;
            if (end == events.size()) {
                for (int i = start; i < events.size(); i++) results[i] = LINKED_EVENT_FAILED;
                results[events.size() - 1] = LINKED_EVENT_CHAIN_OPEN;
                break;
            }
            Map<UInt128, Acct> savedAccounts = copyAccounts();
            Map<UInt128, Stored> savedTransfers = new LinkedHashMap<>(transfers);
            long savedOrder = order;
            for (int i = start; i <= end; i++) {
                results[i] = createTransfer(events.get(i), r.clientId(), firstTime + i);
                if (results[i] != OK && end > start) {
                    accounts = savedAccounts;
                    transfers = savedTransfers;
                    order = savedOrder;
                    for (int j = start; j <= end; j++) if (j != i) results[j] = LINKED_EVENT_FAILED;
                    break;
                }
            }
            start = end + 1;
        }
        return List.of(results);
    }

    private Map<UInt128, Acct> copyAccounts() {
        Map<UInt128, Acct> copy = new LinkedHashMap<>();
        accounts.forEach((id, a) -> copy.put(id, a.copy()));
        return copy;
    }

    private CreateAccountResult createAccount(Account a, UInt128 client, long now) {
        if (a.timestamp() != 0) return CreateAccountResult.TIMESTAMP_MUST_BE_ZERO;
        if ((a.flags() & ~AccountFlags.KNOWN) != 0) return CreateAccountResult.RESERVED_FLAG;
        if (a.id().isZero()) return CreateAccountResult.ID_MUST_NOT_BE_ZERO;
        if (a.id().isMax()) return CreateAccountResult.ID_MUST_NOT_BE_INT_MAX;
        if (a.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) && a.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        }
        if (!a.debitsPending().isZero()) return CreateAccountResult.DEBITS_PENDING_MUST_BE_ZERO;
        if (!a.debitsPosted().isZero()) return CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO;
        if (!a.creditsPending().isZero()) return CreateAccountResult.CREDITS_PENDING_MUST_BE_ZERO;
        if (!a.creditsPosted().isZero()) return CreateAccountResult.CREDITS_POSTED_MUST_BE_ZERO;
        if (a.ledger() == 0) return CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO;
        if (a.code() == 0) return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
        if (!a.owner().equals(client)) return CreateAccountResult.OWNER_MUST_BE_THE_CLIENT;
        Acct e = accounts.get(a.id());
        if (e != null) {
            if (e.flags != a.flags()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
            if (e.userData64 != a.userData64()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_64;
            if (e.userData32 != a.userData32()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA_32;
            if (e.ledger != a.ledger()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER;
            if (e.code != a.code()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
            if (!e.owner.equals(a.owner())) return CreateAccountResult.EXISTS_WITH_DIFFERENT_OWNER;
            return CreateAccountResult.EXISTS;
        }
        if (accounts.size() >= accountsMax) return CreateAccountResult.ACCOUNTS_FULL;
        Acct n = new Acct();
        n.id = a.id(); n.owner = a.owner(); n.userData64 = a.userData64(); n.userData32 = a.userData32();
        n.ledger = a.ledger(); n.code = a.code(); n.flags = a.flags(); n.timestamp = now;
        accounts.put(a.id(), n);
        return CreateAccountResult.OK;
    }

    private CreateTransferResult createTransfer(Transfer t, UInt128 client, long now) {
        if (t.timestamp() != 0) return TIMESTAMP_MUST_BE_ZERO;
        if ((t.flags() & ~TransferFlags.KNOWN) != 0) return RESERVED_FLAG;
        if (t.id().isZero()) return ID_MUST_NOT_BE_ZERO;
        if (t.id().isMax()) return ID_MUST_NOT_BE_INT_MAX;
        boolean pending = t.hasFlag(TransferFlags.PENDING);
        boolean post = t.hasFlag(TransferFlags.POST_PENDING_TRANSFER);
        boolean voiding = t.hasFlag(TransferFlags.VOID_PENDING_TRANSFER);
        if ((pending ? 1 : 0) + (post ? 1 : 0) + (voiding ? 1 : 0) > 1) return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
        if ((t.hasFlag(TransferFlags.CLOSING_DEBIT) || t.hasFlag(TransferFlags.CLOSING_CREDIT)) && !pending) {
            return CLOSING_TRANSFER_MUST_BE_PENDING;
        }
        if (post || voiding) return postOrVoid(t, client, now, post);
        if (t.debitAccountId().isZero()) return DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        if (t.debitAccountId().isMax()) return DEBIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        if (t.creditAccountId().isZero()) return CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
        if (t.creditAccountId().isMax()) return CREDIT_ACCOUNT_ID_MUST_NOT_BE_INT_MAX;
        if (t.debitAccountId().equals(t.creditAccountId())) return ACCOUNTS_MUST_BE_DIFFERENT;
        if (!t.pendingId().isZero()) return PENDING_ID_MUST_BE_ZERO;
        if (!pending && t.timeout() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        if (t.amount().isZero()) return AMOUNT_MUST_NOT_BE_ZERO;
        if (t.ledger() == 0) return LEDGER_MUST_NOT_BE_ZERO;
        if (t.code() == 0) return CODE_MUST_NOT_BE_ZERO;
        Acct dr = accounts.get(t.debitAccountId());
        if (dr == null) return DEBIT_ACCOUNT_NOT_FOUND;
        Acct cr = accounts.get(t.creditAccountId());
        if (cr == null) return CREDIT_ACCOUNT_NOT_FOUND;
        if (dr.ledger != cr.ledger) return ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER;
        if (t.ledger() != dr.ledger) return TRANSFER_MUST_HAVE_THE_SAME_LEDGER_AS_ACCOUNTS;
        if (!dr.owner.equals(client)) return DEBIT_ACCOUNT_NOT_OWNED_BY_CLIENT;
        Stored e = transfers.get(t.id());
        if (e != null) {
            Transfer s = e.transfer();
            if (s.flags() != t.flags()) return EXISTS_WITH_DIFFERENT_FLAGS;
            if (!s.debitAccountId().equals(t.debitAccountId())) return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
            if (!s.creditAccountId().equals(t.creditAccountId())) return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
            if (!s.amount().equals(t.amount())) return EXISTS_WITH_DIFFERENT_AMOUNT;
            return commonExists(s, t);
        }
        if ((dr.flags & AccountFlags.CLOSED) != 0) return DEBIT_ACCOUNT_ALREADY_CLOSED;
        if ((cr.flags & AccountFlags.CLOSED) != 0) return CREDIT_ACCOUNT_ALREADY_CLOSED;
        if (transfers.size() >= transfersMax) return TRANSFERS_FULL;
        BigInteger a = t.amount().toBigInteger();
        if (pending) {
            if (dr.dp.add(a).compareTo(MAX) > 0) return OVERFLOWS_DEBITS_PENDING;
            if (cr.cp.add(a).compareTo(MAX) > 0) return OVERFLOWS_CREDITS_PENDING;
        } else {
            if (dr.dpost.add(a).compareTo(MAX) > 0) return OVERFLOWS_DEBITS_POSTED;
            if (cr.cpost.add(a).compareTo(MAX) > 0) return OVERFLOWS_CREDITS_POSTED;
        }
        if (dr.dp.add(dr.dpost).add(a).compareTo(MAX) > 0) return OVERFLOWS_DEBITS;
        if (cr.cp.add(cr.cpost).add(a).compareTo(MAX) > 0) return OVERFLOWS_CREDITS;
        long expiry = 0;
        if (pending && t.timeout() != 0) {
            BigInteger due = BigInteger.valueOf(now).add(BigInteger.valueOf(Integer.toUnsignedLong(t.timeout())).multiply(BigInteger.valueOf(NANOS)));
            if (due.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) return OVERFLOWS_TIMEOUT;
            expiry = due.longValueExact();
        }
        if ((dr.flags & AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS) != 0 && dr.dp.add(dr.dpost).add(a).compareTo(dr.cpost) > 0) {
            return EXCEEDS_CREDITS;
        }
        if ((cr.flags & AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS) != 0 && cr.cp.add(cr.cpost).add(a).compareTo(cr.dpost) > 0) {
            return EXCEEDS_DEBITS;
        }
        if (pending) {
            dr.dp = dr.dp.add(a);
            cr.cp = cr.cp.add(a);
            if (t.hasFlag(TransferFlags.CLOSING_DEBIT)) dr.flags |= AccountFlags.CLOSED;
            if (t.hasFlag(TransferFlags.CLOSING_CREDIT)) cr.flags |= AccountFlags.CLOSED;
        } else {
            dr.dpost = dr.dpost.add(a);
            cr.cpost = cr.cpost.add(a);
        }
        transfers.put(t.id(), new Stored(t.withTimestamp(now), pending ? "pending" : "none", expiry, order++));
        return OK;
    }

    private CreateTransferResult postOrVoid(Transfer t, UInt128 client, long now, boolean post) {
        if (t.pendingId().isZero()) return PENDING_ID_MUST_NOT_BE_ZERO;
        if (t.pendingId().isMax()) return PENDING_ID_MUST_NOT_BE_INT_MAX;
        if (t.pendingId().equals(t.id())) return PENDING_ID_MUST_BE_DIFFERENT;
        if (t.timeout() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
        Stored ps = transfers.get(t.pendingId());
        if (ps == null) return PENDING_TRANSFER_NOT_FOUND;
        Transfer p = ps.transfer();
        if (!p.hasFlag(TransferFlags.PENDING)) return PENDING_TRANSFER_NOT_PENDING;
        if (!t.debitAccountId().isZero() && !t.debitAccountId().equals(p.debitAccountId())) return PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
        if (!t.creditAccountId().isZero() && !t.creditAccountId().equals(p.creditAccountId())) return PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
        if (t.ledger() != 0 && t.ledger() != p.ledger()) return PENDING_TRANSFER_HAS_DIFFERENT_LEDGER;
        if (t.code() != 0 && t.code() != p.code()) return PENDING_TRANSFER_HAS_DIFFERENT_CODE;
        Acct dr = accounts.get(p.debitAccountId());
        Acct cr = accounts.get(p.creditAccountId());
        if (!dr.owner.equals(client)) return DEBIT_ACCOUNT_NOT_OWNED_BY_CLIENT;
        BigInteger pa = p.amount().toBigInteger();
        BigInteger a;
        if (post) {
            a = t.amount().isZero() ? pa : t.amount().toBigInteger();
            if (a.compareTo(pa) > 0) return EXCEEDS_PENDING_TRANSFER_AMOUNT;
        } else {
            if (!t.amount().isZero() && !t.amount().equals(p.amount())) return PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
            a = pa;
        }
        Stored e = transfers.get(t.id());
        if (e != null) {
            Transfer s = e.transfer();
            if (s.flags() != t.flags()) return EXISTS_WITH_DIFFERENT_FLAGS;
            if (!s.pendingId().equals(t.pendingId())) return EXISTS_WITH_DIFFERENT_PENDING_ID;
            if (!s.amount().toBigInteger().equals(a)) return EXISTS_WITH_DIFFERENT_AMOUNT;
            return commonExists(s, t);
        }
        switch (ps.status()) {
            case "posted" -> { return PENDING_TRANSFER_ALREADY_POSTED; }
            case "voided" -> { return PENDING_TRANSFER_ALREADY_VOIDED; }
            case "expired" -> { return PENDING_TRANSFER_EXPIRED; }
            default -> { }
        }
        if (ps.expiresAt() != 0 && now >= ps.expiresAt()) return PENDING_TRANSFER_EXPIRED;
        if (transfers.size() >= transfersMax) return TRANSFERS_FULL;
        if (post) {
            if (dr.dpost.add(a).compareTo(MAX) > 0) return OVERFLOWS_DEBITS_POSTED;
            if (cr.cpost.add(a).compareTo(MAX) > 0) return OVERFLOWS_CREDITS_POSTED;
        }
        dr.dp = dr.dp.subtract(pa);
        cr.cp = cr.cp.subtract(pa);
        if (post) {
            dr.dpost = dr.dpost.add(a);
            cr.cpost = cr.cpost.add(a);
        } else {
            reopen(p, dr, cr);
        }
        transfers.put(t.pendingId(), new Stored(p, post ? "posted" : "voided", ps.expiresAt(), ps.order()));
        Transfer resolved = new Transfer(t.id(), p.debitAccountId(), p.creditAccountId(), UInt128.of(a), t.pendingId(),
                t.userData128(), t.userData64(), t.userData32(), 0, p.ledger(), p.code(), t.flags(), now);
        transfers.put(t.id(), new Stored(resolved, "none", 0, order++));
        return OK;
    }

    private static CreateTransferResult commonExists(Transfer s, Transfer t) {
        if (!s.pendingId().equals(t.pendingId())) return EXISTS_WITH_DIFFERENT_PENDING_ID;
        if (!s.userData128().equals(t.userData128())) return EXISTS_WITH_DIFFERENT_USER_DATA_128;
        if (s.userData64() != t.userData64()) return EXISTS_WITH_DIFFERENT_USER_DATA_64;
        if (s.userData32() != t.userData32()) return EXISTS_WITH_DIFFERENT_USER_DATA_32;
        if (s.timeout() != t.timeout()) return EXISTS_WITH_DIFFERENT_TIMEOUT;
        if (t.code() != 0 && s.code() != t.code()) return EXISTS_WITH_DIFFERENT_CODE;
        if (t.ledger() != 0 && s.ledger() != t.ledger()) return EXISTS_WITH_DIFFERENT_LEDGER;
        return EXISTS;
    }

    private static void reopen(Transfer pending, Acct dr, Acct cr) {
        if (pending.hasFlag(TransferFlags.CLOSING_DEBIT)) dr.flags &= ~AccountFlags.CLOSED;
        if (pending.hasFlag(TransferFlags.CLOSING_CREDIT)) cr.flags &= ~AccountFlags.CLOSED;
    }
}
