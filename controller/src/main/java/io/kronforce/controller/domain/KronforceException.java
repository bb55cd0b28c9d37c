package io.kronforce.controller.domain;

import java.util.List;

/**
 * Every error the controller means to answer with. Unchecked; the message is safe to show to the
 * caller (it becomes upstream's {@code error} member and the problem {@code detail}).
 */
public abstract sealed class KronforceException extends RuntimeException
        permits KronforceException.NotFound,
                KronforceException.Conflict,
                KronforceException.InvalidInput,
                KronforceException.Unauthenticated,
                KronforceException.Forbidden,
                KronforceException.Unavailable,
                KronforceException.TooManyRequests,
                KronforceException.BadGateway {
    private static final long serialVersionUID = 1L;

    private final transient ProblemType type;

    private KronforceException(ProblemType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** One field-level problem, with a JSON pointer into the request body. */
    public record FieldError(String pointer, String message) {}

    public static final class NotFound extends KronforceException {
        private static final long serialVersionUID = 1L;

        public NotFound(ProblemType type, String message) {
            super(type, message);
        }
    }

    public static final class Conflict extends KronforceException {
        private static final long serialVersionUID = 1L;

        public Conflict(ProblemType type, String message) {
            super(type, message);
        }
    }

    public static final class InvalidInput extends KronforceException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldError> errors;

        public InvalidInput(ProblemType type, String message, List<FieldError> errors) {
            super(type, message);
            this.errors = List.copyOf(errors);
        }

        public InvalidInput(String message) {
            this(ProblemType.INVALID_INPUT, message, List.of());
        }

        public InvalidInput(String pointer, String message) {
            this(ProblemType.INVALID_INPUT, message, List.of(new FieldError(pointer, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    public static final class Unauthenticated extends KronforceException {
        private static final long serialVersionUID = 1L;

        public Unauthenticated(String message) {
            super(ProblemType.UNAUTHENTICATED, message);
        }
    }

    public static final class Forbidden extends KronforceException {
        private static final long serialVersionUID = 1L;

        public Forbidden(String message) {
            super(ProblemType.FORBIDDEN, message);
        }
    }

    /** A service the controller called for the caller failed or answered nonsense (the AI provider). */
    public static final class BadGateway extends KronforceException {
        private static final long serialVersionUID = 1L;

        public BadGateway(ProblemType type, String message) {
            super(type, message);
        }
    }

    public static final class Unavailable extends KronforceException {
        private static final long serialVersionUID = 1L;
        private final int retryAfterSeconds;

        public Unavailable(String message, int retryAfterSeconds) {
            super(ProblemType.UNAVAILABLE, message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * The caller spent its request budget (or failed to authenticate too often): 429 with
     * {@code Retry-After} and the {@code X-RateLimit-*} headers.
     */
    public static final class TooManyRequests extends KronforceException {
        private static final long serialVersionUID = 1L;
        private final long limit;
        private final long retryAfterSeconds;

        public TooManyRequests(String message, long limit, long retryAfterSeconds) {
            super(ProblemType.RATE_LIMITED, message);
            this.limit = limit;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** The budget per minute that was spent. */
        public long limit() {
            return limit;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
