package org.staffmfa.keycloak.sms.log;

import org.jboss.logging.Logger;
import org.staffmfa.keycloak.sms.PhoneNumberMask;
import org.staffmfa.keycloak.sms.SmsSender;

/** Sends nothing: writes to the server log that an SMS would have been sent. For development and demos only. */
final class LogSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(LogSmsSender.class);

    private final boolean logMessageText;

    LogSmsSender(boolean logMessageText) {
        this.logMessageText = logMessageText;
    }

    @Override
    public void send(String phoneNumber, String text) {
        if (logMessageText) {
            LOG.infof("An SMS would be sent to %s: %s", phoneNumber, text);
        } else {
            LOG.infof("An SMS would be sent to %s (text not logged: it contains a one-time code)",
                PhoneNumberMask.mask(phoneNumber));
        }
    }
}
