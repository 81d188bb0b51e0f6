package io.quantumsafe.consensus.message;

import io.quantumsafe.consensus.committee.Committee;

/**
 * Bounds checked while decoding, before anything is allocated.
 *
 * @param committeeSize        n: indices must be below it; parents and signer bitmaps are at most n
 * @param batchesPerHeaderMax  batches one header may carry
 * @param batchBytesMax        bytes of one batch
 * @param syncItemsMax         digests in a sync request, and certificates or batches in a response
 * @param proofBytesMax        bytes of a certificate's signature proof
 */
public record CodecLimits(int committeeSize, int batchesPerHeaderMax, int batchBytesMax, int syncItemsMax, int proofBytesMax) {
    public CodecLimits {
        if (committeeSize < 1 || committeeSize > Committee.validatorsMax) throw new IllegalArgumentException("committee size out of range");
        if (batchesPerHeaderMax < 1 || batchBytesMax < 1 || syncItemsMax < 1 || proofBytesMax < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Voting signatures of every validator, each up to {@code signatureBytesMax}. */
    public static CodecLimits of(int committeeSize, int batchesPerHeaderMax, int batchBytesMax, int syncItemsMax, int signatureBytesMax) {
        return new CodecLimits(committeeSize, batchesPerHeaderMax, batchBytesMax, syncItemsMax, committeeSize * signatureBytesMax);
    }
}
