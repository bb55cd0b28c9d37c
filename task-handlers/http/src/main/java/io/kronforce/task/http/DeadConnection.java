package io.kronforce.task.http;

import io.helidon.common.buffers.DataReader;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.Arrays;

/** Tells a request that died on a connection the server had closed from every other failure. */
final class DeadConnection {

    private DeadConnection() {}

    /**
     * Whether {@code failure}, thrown by the client before it returned a response, means the
     * connection was closed or reset while the request was written or before the status line came:
     * an end of stream ({@link DataReader.InsufficientDataAvailableException}, which is how Helidon
     * reports one) or a reset or broken pipe. Not a failure to connect (nothing was sent), a timeout
     * (the server may be working on it) or TLS trouble. A failure while reading the headers is not
     * one either: the status line had arrived, so the server answered.
     *
     * <p>The client does not say how many bytes of a status line arrived before a close; a server
     * that sends part of one and then closes looks like one that sent nothing.
     */
    static boolean diedBeforeAnswer(RuntimeException failure) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        boolean closed = cause instanceof DataReader.InsufficientDataAvailableException
                || cause instanceof EOFException
                || (cause instanceof SocketException
                        && !(cause instanceof ConnectException)
                        && !(cause instanceof NoRouteToHostException));
        return closed && !whileReadingHeaders(cause);
    }

    /** The client's API does not say how far the answer got; where the failure was thrown does. */
    private static boolean whileReadingHeaders(Throwable cause) {
        return Arrays.stream(cause.getStackTrace())
                .anyMatch(frame -> frame.getMethodName().equals("readHeaders"));
    }
}
