package io.kronforce.task.testkit;

import io.kronforce.task.EgressPins;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A name server a test controls, playing DNS rebinding: a name registered with {@link #rebind}
 * resolves to one address on the lookups an egress check makes ({@value #CHECK_LOOKUPS}: the
 * check looks the name up again once its answer is pinned) and to another on every later one. Stacked under
 * the production pinning ({@link EgressPins#over}), exactly like the production provider stacks
 * it over the built-in resolver; other names go to the built-in resolver.
 *
 * <p>A module's tests use it by listing this class in their own
 * {@code src/test/resources/META-INF/services/java.net.spi.InetAddressResolverProvider} (test
 * classes come first on the class path, so it wins over the production provider) and by running
 * with {@code -Dsun.net.inetaddr.ttl=0}, so that the JDK's address cache does not answer the
 * second lookup itself.
 */
public final class RebindingResolverProvider extends InetAddressResolverProvider {

    private record Answers(InetAddress first, InetAddress then, AtomicInteger lookups) {}

    /** How many times {@code EgressPolicy.checkHost} looks a name up. */
    public static final int CHECK_LOOKUPS = 2;

    private static final Map<String, Answers> NAMES = new ConcurrentHashMap<>();

    /** From now on {@code name} answers {@code first} to one check, then {@code then}. A name per test. */
    public static void rebind(String name, InetAddress first, InetAddress then) {
        NAMES.put(name, new Answers(first, then, new AtomicInteger()));
    }

    /** How many times {@code name} was looked up since {@link #rebind}. */
    public static int lookups(String name) {
        Answers answers = NAMES.get(name);
        return answers == null ? 0 : answers.lookups().get();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return EgressPins.over(new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                Answers answers = NAMES.get(host);
                if (answers == null) {
                    return builtin.lookupByName(host, policy);
                }
                return Stream.of(
                        answers.lookups().getAndIncrement() < CHECK_LOOKUPS ? answers.first() : answers.then());
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        });
    }

    @Override
    public String name() {
        return "kronforce-test-rebinding";
    }
}
