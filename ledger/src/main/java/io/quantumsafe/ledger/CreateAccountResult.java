package io.quantumsafe.ledger;

import java.util.Locale;

/**
 * The outcome of creating one account. Codes are stable: they are hashed into transfer roots and
 * sent to clients. Named after TigerBeetle's, plus ownership and capacity.
 */
public enum CreateAccountResult {
    OK(0),
    LINKED_EVENT_FAILED(1),
    LINKED_EVENT_CHAIN_OPEN(2),
    TIMESTAMP_MUST_BE_ZERO(3),
    RESERVED_FLAG(4),
    ID_MUST_NOT_BE_ZERO(5),
    ID_MUST_NOT_BE_INT_MAX(6),
    FLAGS_ARE_MUTUALLY_EXCLUSIVE(7),
    DEBITS_PENDING_MUST_BE_ZERO(8),
    DEBITS_POSTED_MUST_BE_ZERO(9),
    CREDITS_PENDING_MUST_BE_ZERO(10),
    CREDITS_POSTED_MUST_BE_ZERO(11),
    LEDGER_MUST_NOT_BE_ZERO(12),
    CODE_MUST_NOT_BE_ZERO(13),
    OWNER_MUST_BE_THE_CLIENT(14),
    EXISTS_WITH_DIFFERENT_FLAGS(15),
    EXISTS_WITH_DIFFERENT_USER_DATA_64(16),
    EXISTS_WITH_DIFFERENT_USER_DATA_32(17),
    EXISTS_WITH_DIFFERENT_LEDGER(18),
    EXISTS_WITH_DIFFERENT_CODE(19),
    EXISTS_WITH_DIFFERENT_OWNER(20),
    EXISTS(21),
    ACCOUNTS_FULL(22);

    private final int code;

    CreateAccountResult(int code) {
        this.code = code;
    }

    public int code() { return code; }

    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    private static final CreateAccountResult[] BY_CODE = values();

    public static CreateAccountResult ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length || BY_CODE[code].code != code) {
            throw new IllegalArgumentException("no account result with code " + code);
        }
        return BY_CODE[code];
    }
}
