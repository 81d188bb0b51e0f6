package io.quantumsafe.ledger;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fixed 128-byte little-endian records (TigerBeetle's sizes). Transfers use TigerBeetle's layout;
 * accounts replace its user_data_128 with the owner's client id:
 *
 * <pre>
 * account:  id 0 | debits_pending 16 | debits_posted 32 | credits_pending 48 | credits_posted 64 | owner 80
 *           | user_data_64 96 | user_data_32 104 | ledger 108 | code 112 (u16) | flags 114 (u16)
 *           | reserved 116 (4, zero) | timestamp 120
 * transfer: id 0 | debit_account_id 16 | credit_account_id 32 | amount 48 | pending_id 64 | user_data_128 80
 *           | user_data_64 96 | user_data_32 104 | timeout 108 | ledger 112 | code 116 (u16) | flags 118 (u16)
 *           | timestamp 120
 * </pre>
 * 128-bit values are low 8 bytes then high 8 bytes.
 */
public final class RecordCodec {
    public static final int RECORD_BYTES = 128;

    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private RecordCodec() {}

    public static byte[] encode(Account account) {
        byte[] out = new byte[RECORD_BYTES];
        writeAccount(account, out, 0);
        return out;
    }

    public static byte[] encode(Transfer transfer) {
        byte[] out = new byte[RECORD_BYTES];
        writeTransfer(transfer, out, 0);
        return out;
    }

    public static void writeAccount(Account a, byte[] out, int offset) {
        putU128(out, offset, a.id());
        putU128(out, offset + 16, a.debitsPending());
        putU128(out, offset + 32, a.debitsPosted());
        putU128(out, offset + 48, a.creditsPending());
        putU128(out, offset + 64, a.creditsPosted());
        putU128(out, offset + 80, a.owner());
        LONG.set(out, offset + 96, a.userData64());
        INT.set(out, offset + 104, a.userData32());
        INT.set(out, offset + 108, a.ledger());
        SHORT.set(out, offset + 112, (short) checkU16(a.code(), "code"));
        SHORT.set(out, offset + 114, (short) checkU16(a.flags(), "flags"));
        INT.set(out, offset + 116, 0);
        LONG.set(out, offset + 120, a.timestamp());
    }

    public static void writeTransfer(Transfer t, byte[] out, int offset) {
        putU128(out, offset, t.id());
        putU128(out, offset + 16, t.debitAccountId());
        putU128(out, offset + 32, t.creditAccountId());
        putU128(out, offset + 48, t.amount());
        putU128(out, offset + 64, t.pendingId());
        putU128(out, offset + 80, t.userData128());
        LONG.set(out, offset + 96, t.userData64());
        INT.set(out, offset + 104, t.userData32());
        INT.set(out, offset + 108, t.timeout());
        INT.set(out, offset + 112, t.ledger());
        SHORT.set(out, offset + 116, (short) checkU16(t.code(), "code"));
        SHORT.set(out, offset + 118, (short) checkU16(t.flags(), "flags"));
        LONG.set(out, offset + 120, t.timestamp());
    }

    public static Account readAccount(byte[] in, int offset) {
        checkRoom(in, offset);
        if ((int) INT.get(in, offset + 116) != 0) throw new LedgerCodecException("account reserved bytes 116-119 are not zero");
        return new Account(u128(in, offset), u128(in, offset + 16), u128(in, offset + 32), u128(in, offset + 48),
                u128(in, offset + 64), u128(in, offset + 80), (long) LONG.get(in, offset + 96), (int) INT.get(in, offset + 104),
                (int) INT.get(in, offset + 108), Short.toUnsignedInt((short) SHORT.get(in, offset + 112)),
                Short.toUnsignedInt((short) SHORT.get(in, offset + 114)), (long) LONG.get(in, offset + 120));
    }

    public static Transfer readTransfer(byte[] in, int offset) {
        checkRoom(in, offset);
        return new Transfer(u128(in, offset), u128(in, offset + 16), u128(in, offset + 32), u128(in, offset + 48),
                u128(in, offset + 64), u128(in, offset + 80), (long) LONG.get(in, offset + 96), (int) INT.get(in, offset + 104),
                (int) INT.get(in, offset + 108), (int) INT.get(in, offset + 112),
                Short.toUnsignedInt((short) SHORT.get(in, offset + 116)), Short.toUnsignedInt((short) SHORT.get(in, offset + 118)),
                (long) LONG.get(in, offset + 120));
    }

    static void putU128(byte[] out, int offset, UInt128 value) {
        LONG.set(out, offset, value.lo());
        LONG.set(out, offset + 8, value.hi());
    }

    static UInt128 u128(byte[] in, int offset) {
        return new UInt128((long) LONG.get(in, offset + 8), (long) LONG.get(in, offset));
    }

    private static int checkU16(int value, String field) {
        if (value < 0 || value > 0xffff) throw new LedgerCodecException(field + " " + value + " does not fit in 16 bits");
        return value;
    }

    private static void checkRoom(byte[] in, int offset) {
        if (offset < 0 || in.length - offset < RECORD_BYTES) {
            throw new LedgerCodecException("a record needs " + RECORD_BYTES + " bytes at offset " + offset + ", have "
                    + Math.max(0, in.length - offset));
        }
    }
}
