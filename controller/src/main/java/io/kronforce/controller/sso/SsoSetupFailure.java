package io.kronforce.controller.sso;

/** Single sign-on is configured but cannot work: the provider's discovery failed or answered nonsense. */
public final class SsoSetupFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SsoSetupFailure(String message) {
        super(message, null, false, false);
    }
}
