package org.staffmfa.keycloak.sms;

/** A setting the sender cannot work without is not configured: a configuration problem, not a gateway failure. */
public final class SmsSettingMissingException extends SmsSendException {

    private static final long serialVersionUID = 1L;

    public SmsSettingMissingException(String message) {
        super(message);
    }
}
