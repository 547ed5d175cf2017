package org.staffmfa.keycloak.setup;

/** A flow the set-up cannot copy without losing a check: the set-up changes nothing and says why. */
public final class UnsafeCopyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnsafeCopyException(String message) {
        super(message);
    }
}
