package org.staffmfa.keycloak.codes;

/** A code could not be handed to the mail server or SMS gateway. The message is for administrators, not users. */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
