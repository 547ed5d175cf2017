package org.staffmfa.keycloak.sms;

import org.keycloak.provider.Provider;

/**
 * Sends one text message to one phone number. Implementations talk to a gateway; they never log the message text,
 * because it contains a one-time code.
 */
public interface SmsSender extends Provider {

    /**
     * @param phoneNumber the recipient in E.164 form, e.g. {@code +4915112345678}
     * @param text        the complete message, already localised; contains a secret code
     * @throws SmsSendException when the gateway did not accept the message
     */
    void send(String phoneNumber, String text) throws SmsSendException;

    @Override
    default void close() {
    }
}
