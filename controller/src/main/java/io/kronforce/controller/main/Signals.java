package io.kronforce.controller.main;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Waits for a stop signal (SIGTERM, SIGINT) through {@code sun.misc.Signal} of the
 * {@code jdk.unsupported} module, the only way the JDK offers to handle a signal and still choose
 * the exit status. Reached by reflection because javac's warning on that internal API cannot be
 * suppressed, and main code compiles with {@code -Werror}.
 */
final class Signals {
    private Signals() {}

    /** Blocks until one of the named signals (e.g. {@code TERM}) arrives, or the thread is interrupted. */
    static void await(List<String> names) {
        CountDownLatch signalled = new CountDownLatch(1);
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            InvocationHandler onSignal = (proxy, method, args) -> objectMethod(proxy, method, args, signalled);
            Object handler =
                    Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, onSignal);
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : names) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JDK cannot handle signals (jdk.unsupported missing?)", e);
        }
        try {
            signalled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The handler's one method counts the latch down; Object's methods answer as an identity would. */
    private static Object objectMethod(Object proxy, Method method, Object[] args, CountDownLatch signalled) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "kronforce stop-signal handler";
            default -> {
                signalled.countDown();
                yield null;
            }
        };
    }
}
