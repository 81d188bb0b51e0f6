package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class QueryAuthorizationTest {
    @Provide
    Arbitrary<QueryAuthorization> authorizations() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(RequestCodec.signatureBytesMax))
                .as((hi, lo, time, signature) -> new QueryAuthorization(new UInt128(hi, lo), time, signature));
    }

    @Property(tries = 300)
    void header_parsesBackToTheSameAuthorization(@ForAll("authorizations") QueryAuthorization a) {
        String header = a.header();
        assertThat(header.length()).isLessThanOrEqualTo(QueryAuthorization.headerCharsMax);
        QueryAuthorization parsed = QueryAuthorization.parse(header);
        assertThat(parsed.client()).isEqualTo(a.client());
        assertThat(parsed.time()).isEqualTo(a.time());
        assertThat(parsed.signature()).isEqualTo(a.signature());
    }

    /** Whatever a caller sends, parsing answers with an authorization or a typed error, never anything else. */
    @Property(tries = 1000)
    void anyHeader_parsesOrIsATypedError(@ForAll @StringLength(max = 300) String tail) {
        for (String header : new String[] {tail, QueryAuthorization.SCHEME + " " + tail, QueryAuthorization.SCHEME + " client=1, time=2, signature=" + tail}) {
            try {
                QueryAuthorization.parse(header);
            } catch (LedgerCodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void malformedHeaders_sayWhatIsWrong() {
        assertThatThrownBy(() -> QueryAuthorization.parse(null)).isInstanceOf(LedgerCodecException.class).hasMessageContaining("no Authorization");
        assertThatThrownBy(() -> QueryAuthorization.parse("Bearer abc")).isInstanceOf(LedgerCodecException.class).hasMessageContaining("scheme");
        assertThatThrownBy(() -> QueryAuthorization.parse("QSafe-Sig client=1, time=2")).hasMessageContaining("needs client, time and signature");
        assertThatThrownBy(() -> QueryAuthorization.parse("QSafe-Sig client=x, time=2, signature=AA==")).isInstanceOf(LedgerCodecException.class);
        assertThatThrownBy(() -> QueryAuthorization.parse("QSafe-Sig client=1, time=2, signature=")).hasMessageContaining("query signature is 0 bytes");
        assertThatThrownBy(() -> QueryAuthorization.parse("QSafe-Sig client=1, time=2, signature=AA==, role=admin")).hasMessageContaining("unknown Authorization parameter");
        assertThatThrownBy(() -> QueryAuthorization.parse("QSafe-Sig " + "a".repeat(QueryAuthorization.headerCharsMax))).hasMessageContaining("longer than");
    }

    @Test
    void signingMessage_bindsNetworkClientTimeMethodAndTarget_andIsNotARequestMessage() {
        UInt128 client = UInt128.of(7);
        byte[] base = QueryAuthorization.signingMessage(1, client, 1000, "GET", "/v1/accounts/5");
        assertThat(base).isNotEqualTo(QueryAuthorization.signingMessage(2, client, 1000, "GET", "/v1/accounts/5"));
        assertThat(base).isNotEqualTo(QueryAuthorization.signingMessage(1, UInt128.of(8), 1000, "GET", "/v1/accounts/5"));
        assertThat(base).isNotEqualTo(QueryAuthorization.signingMessage(1, client, 1001, "GET", "/v1/accounts/5"));
        assertThat(base).isNotEqualTo(QueryAuthorization.signingMessage(1, client, 1000, "GET", "/v1/accounts/6"));
        assertThat(base).isNotEqualTo(QueryAuthorization.signingMessage(1, client, 1000, "POST", "/v1/accounts/5"));
        assertThat(Arrays.copyOf(base, RequestCodec.DOMAIN.length)).isNotEqualTo(RequestCodec.DOMAIN);
    }
}
