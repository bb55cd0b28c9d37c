package io.kronforce.task;

import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;

/**
 * The JVM's host name resolver wherever this module is on the class path (registered in
 * META-INF/services): the built-in resolver, with the names the egress policy checked held to
 * the answers it vetted ({@link EgressPins}).
 */
public final class EgressResolverProvider extends InetAddressResolverProvider {

    @Override
    public InetAddressResolver get(Configuration configuration) {
        return EgressPins.over(configuration.builtinResolver());
    }

    @Override
    public String name() {
        return "kronforce-egress-pins";
    }
}
