package io.quantumsafe.consensus.committee;

import java.util.Arrays;
import java.util.Objects;

/**
 * One committee member: its position (the index every message uses), a unique name, the
 * datacenter/region it runs in (the simulator cuts whole regions off) and its public key, encoded
 * as the committee's {@code CertificateScheme} expects (an X.509 SubjectPublicKeyInfo for ML-DSA).
 */
public record Validator(int index, String name, String region, byte[] publicKey) {
    public Validator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        publicKey = publicKey.clone();
        if (index < 0) throw new IllegalArgumentException("validator index must be >= 0, not " + index);
        if (!CommitteeFile.isToken(name)) throw new IllegalArgumentException("validator name must be 1-64 of [A-Za-z0-9._-]: '" + name + "'");
        if (!CommitteeFile.isToken(region)) throw new IllegalArgumentException("region must be 1-64 of [A-Za-z0-9._-]: '" + region + "'");
    }

    @Override
    public byte[] publicKey() { return publicKey.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Validator v && index == v.index && name.equals(v.name) && region.equals(v.region)
                && Arrays.equals(publicKey, v.publicKey);
    }

    @Override
    public int hashCode() { return Objects.hash(index, name, region, Arrays.hashCode(publicKey)); }

    @Override
    public String toString() { return name + "#" + index + "@" + region; }
}
