package io.quantumsafe.ledger;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the request decoder (Jazzer, libFuzzer's engine). In the regular test
 * run it fuzzes for a fixed time (JAZZER_FUZZ=1 is set for this module's surefire run); any
 * exception other than LedgerCodecException, any hang, and any decoded request that does not
 * re-encode to the same bytes is a finding, saved under src/test/resources as a regression input.
 */
class RequestDecoderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void decoder_rejectsCleanlyOrDecodesCanonically(byte[] input) {
        RequestCodecTest.decodesCanonicallyOrThrowsCodecException(input);
    }
}
