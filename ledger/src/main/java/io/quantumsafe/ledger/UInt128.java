package io.quantumsafe.ledger;

import java.math.BigInteger;

/**
 * An unsigned 128-bit integer as two longs: ids, amounts and balances. Encoded little-endian,
 * low half first, as TigerBeetle does.
 */
public record UInt128(long hi, long lo) implements Comparable<UInt128> {
    public static final UInt128 ZERO = new UInt128(0, 0);
    public static final UInt128 MAX = new UInt128(-1L, -1L);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    public static UInt128 of(long value) {
        if (value < 0) throw new IllegalArgumentException("UInt128.of needs a non-negative long, got " + value);
        return new UInt128(0, value);
    }

    public static UInt128 of(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException(value + " is not an unsigned 128-bit integer");
        }
        return new UInt128(value.shiftRight(64).longValue(), value.longValue());
    }

    public static UInt128 parse(String decimal) {
        try {
            return of(new BigInteger(decimal));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + decimal + "' is not a decimal number", e);
        }
    }

    public boolean isZero() { return hi == 0 && lo == 0; }

    public boolean isMax() { return hi == -1L && lo == -1L; }

    public BigInteger toBigInteger() {
        BigInteger high = new BigInteger(Long.toUnsignedString(hi));
        return high.multiply(TWO_64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    @Override
    public int compareTo(UInt128 other) {
        int high = Long.compareUnsigned(hi, other.hi);
        return high != 0 ? high : Long.compareUnsigned(lo, other.lo);
    }

    @Override
    public String toString() { return toBigInteger().toString(); }

    // ---------------------------------------------------------------- arithmetic on halves (hot paths)

    /** Low half of a + b. */
    static long addLo(long aLo, long bLo) { return aLo + bLo; }

    /** High half of a + b (carry from the low halves included). */
    static long addHi(long aHi, long aLo, long bHi, long bLo) {
        long carry = Long.compareUnsigned(aLo + bLo, aLo) < 0 ? 1 : 0;
        return aHi + bHi + carry;
    }

    /** True if a + b does not fit in 128 bits. */
    static boolean addOverflows(long aHi, long aLo, long bHi, long bLo) {
        long carry = Long.compareUnsigned(aLo + bLo, aLo) < 0 ? 1 : 0;
        long high = aHi + bHi;
        return Long.compareUnsigned(high, aHi) < 0 || (carry == 1 && high == -1L);
    }

    /** Low half of a - b (caller guarantees a >= b). */
    static long subLo(long aLo, long bLo) { return aLo - bLo; }

    /** High half of a - b (caller guarantees a >= b). */
    static long subHi(long aHi, long aLo, long bHi, long bLo) {
        long borrow = Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0;
        return aHi - bHi - borrow;
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int high = Long.compareUnsigned(aHi, bHi);
        return high != 0 ? high : Long.compareUnsigned(aLo, bLo);
    }

    public UInt128 plus(UInt128 other) {
        if (addOverflows(hi, lo, other.hi, other.lo)) throw new ArithmeticException(this + " + " + other + " overflows 128 bits");
        return new UInt128(addHi(hi, lo, other.hi, other.lo), addLo(lo, other.lo));
    }

    public UInt128 minus(UInt128 other) {
        if (compareTo(other) < 0) throw new ArithmeticException(this + " - " + other + " is negative");
        return new UInt128(subHi(hi, lo, other.hi, other.lo), subLo(lo, other.lo));
    }
}
