package org.staffmfa.keycloak.factor.codes;

/**
 * A code could not be handed to the mail server or SMS gateway. The message is for the server log; events, which
 * realm administrators read, get only the {@link #reason()}: what a realm-chosen gateway URL answered (a status, a
 * connection error) must not turn the event log into a probe of the internal network.
 */
public final class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why, in words that reveal nothing about the network: the event detail {@code reason}. */
    public enum Reason {
        MAIL_FAILED("mail-failed"),
        SMS_SENDER_MISSING("sms-sender-missing"),
        SMS_SENDER_NOT_CONFIGURED("sms-sender-not-configured"),
        SMS_GATEWAY_FAILED("sms-gateway-failed"),
        MESSAGE_TEXT_FAILED("message-text-failed"),
        /** The factor's stored address cannot be read (its key is missing here, or the credential was altered). */
        NO_ADDRESS("address-unreadable");

        private final String id;

        Reason(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private final Reason reason;

    public DeliveryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason.id();
    }
}
