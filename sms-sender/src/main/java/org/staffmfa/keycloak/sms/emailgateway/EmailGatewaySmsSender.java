package org.staffmfa.keycloak.sms.emailgateway;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.sms.SenderSettings;
import org.staffmfa.keycloak.sms.SmsSendException;
import org.staffmfa.keycloak.sms.SmsSender;

/**
 * Carrier email-to-SMS, as Evergreen sends SMS: a plain mail to {@code <number>@<gateway domain>} through the
 * realm's SMTP settings.
 */
final class EmailGatewaySmsSender implements SmsSender {

    private final KeycloakSession session;
    private final SenderSettings settings;

    EmailGatewaySmsSender(KeycloakSession session, SenderSettings settings) {
        this.session = session;
        this.settings = settings;
    }

    @Override
    public void send(String phoneNumber, String text) throws SmsSendException {
        String domain = settings.require(EmailGatewaySmsSenderFactory.DOMAIN);
        String address = localPart(phoneNumber) + "@" + domain;
        RealmModel realm = session.getContext().getRealm();
        try {
            session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), address,
                settings.get(EmailGatewaySmsSenderFactory.SUBJECT, ""), text, null);
        } catch (EmailException e) {
            throw new SmsSendException("Email-to-SMS gateway " + domain + ": mail not accepted", e);
        }
    }

    /** {@code national} (default: 15112345678 for +49 151 12345678), {@code e164-digits} or {@code e164}. */
    private String localPart(String phoneNumber) throws SmsSendException {
        String format = settings.get(EmailGatewaySmsSenderFactory.NUMBER_FORMAT, "national").toLowerCase(Locale.ROOT);
        return switch (format) {
            case "e164" -> phoneNumber;
            case "e164-digits" -> phoneNumber.replace("+", "");
            default -> nationalDigits(phoneNumber);
        };
    }

    private static String nationalDigits(String phoneNumber) throws SmsSendException {
        try {
            Phonenumber.PhoneNumber number = PhoneNumberUtil.getInstance().parse(phoneNumber, null);
            return PhoneNumberUtil.getInstance().getNationalSignificantNumber(number);
        } catch (NumberParseException e) {
            throw new SmsSendException("Not an E.164 number", e);
        }
    }
}
