package io.kronforce.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pinning resolver over a name server the test answers for; each test pins a name of its own. */
class EgressPinsTest {

    private static final LookupPolicy ANY =
            LookupPolicy.of(LookupPolicy.IPV4 | LookupPolicy.IPV6 | LookupPolicy.IPV4_FIRST);

    private final AtomicReference<String> answer = new AtomicReference<>();
    private final InetAddressResolver resolver = EgressPins.over(new InetAddressResolver() {
        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
            return Stream.of(InetAddress.getByName(answer.get()));
        }

        @Override
        public String lookupByAddress(byte[] address) throws UnknownHostException {
            throw new UnknownHostException("this test's resolver answers names only");
        }
    });

    @Test
    void aNameNoCheckPinnedGetsTheNameServersAnswer() throws Exception {
        answer.set("10.1.1.1");
        assertEquals(List.of(ip("10.1.1.1")), lookUp("unpinned.pins.test"));
    }

    @Test
    void aPinnedNameGetsAFreshAnswerThePolicyAccepts() throws Exception {
        EgressPins.pin("moved.pins.test", List.of(ip("8.8.8.8")), EgressPolicy.publicOnly());
        answer.set("1.1.1.1");
        assertEquals(List.of(ip("1.1.1.1")), lookUp("Moved.Pins.Test"));
    }

    @Test
    void aPinnedNameThatRebindsToARefusedAddressGetsTheVettedAnswer() throws Exception {
        EgressPins.pin("rebinds.pins.test", List.of(ip("8.8.8.8")), EgressPolicy.publicOnly());
        for (String refused : List.of("127.0.0.1", "169.254.169.254", "10.0.0.1", "::1")) {
            answer.set(refused);
            assertEquals(List.of(ip("8.8.8.8")), lookUp("rebinds.pins.test"), refused);
        }
    }

    @Test
    void aNameTwoPoliciesCheckedGetsOnlyAnswersBothAccept() throws Exception {
        EgressPins.pin("shared.pins.test", List.of(ip("8.8.8.8")), EgressPolicy.publicOnly());
        EgressPins.pin("shared.pins.test", List.of(ip("10.0.0.5")), EgressPolicy.parse("10.0.0.0/8"));
        answer.set("10.0.0.6");
        assertThrows(UnknownHostException.class, () -> lookUp("shared.pins.test"));
        answer.set("9.9.9.9");
        assertEquals(List.of(ip("9.9.9.9")), lookUp("shared.pins.test"));
    }

    private List<InetAddress> lookUp(String name) throws UnknownHostException {
        return resolver.lookupByName(name, ANY).toList();
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
