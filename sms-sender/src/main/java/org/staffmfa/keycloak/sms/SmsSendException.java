package org.staffmfa.keycloak.sms;

/** The gateway did not take the message. The message must not contain the SMS text or any secret. */
public class SmsSendException extends Exception {

    private static final long serialVersionUID = 1L;

    public SmsSendException(String message) {
        super(message);
    }

    public SmsSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
