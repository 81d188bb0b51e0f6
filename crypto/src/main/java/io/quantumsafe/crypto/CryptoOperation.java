package io.quantumsafe.crypto;

/** The operations observers hear about. {@link #wireName()} is the audit event's {@code operation}. */
public enum CryptoOperation {
    KEYGEN("keygen"),
    SIGN("sign"),
    VERIFY("verify"),
    ENCAPSULATE("encapsulate"),
    DECAPSULATE("decapsulate"),
    KEY_STORE("key_store"),
    KEY_LOAD("key_load"),
    KEY_ROTATE("key_rotate");

    private final String wireName;

    CryptoOperation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() { return wireName; }
}
