package org.staffmfa.keycloak.factor.codes;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.keycloak.Config;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.channelsettings.ChannelSettingsStore;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.theme.Theme;
import org.staffmfa.keycloak.sms.SmsSendException;
import org.staffmfa.keycloak.sms.SmsSender;
import org.staffmfa.keycloak.sms.SmsSenderSpi;
import org.staffmfa.keycloak.sms.SmsSettingMissingException;

/**
 * Hands a code to the user: by email through Keycloak's email templates and the realm's SMTP settings, or by SMS
 * through the realm's sender of the {@value SmsSenderSpi#NAME} SPI (the realm's SMS code setting {@code sender},
 * else the server's default provider, else {@code log}). The code goes nowhere else: not into logs, events or pages.
 */
public final class CodeDelivery {

    public static final String EMAIL_TEMPLATE = "staff-mfa-code.ftl";
    public static final String EMAIL_SUBJECT_KEY = "staffMfaCodeEmailSubject";
    public static final String SMS_TEXT_KEY = "staffMfaCodeSms";

    public void deliver(KeycloakSession session, RealmModel realm, UserModel user, AuthenticationSessionModel authSession,
                        Channel channel, String target, String code, Duration validity) throws DeliveryException {
        if (channel == Channel.EMAIL) {
            email(session, realm, user, authSession, target, code, validity);
        } else {
            sms(session, realm, user, target, code, validity);
        }
    }

    private static void email(KeycloakSession session, RealmModel realm, UserModel user, AuthenticationSessionModel authSession,
                              String address, String code, Duration validity) throws DeliveryException {
        try {
            session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(new MailRecipient(user, address))
                .setAuthenticationSession(authSession)
                .send(EMAIL_SUBJECT_KEY, List.of(realmName(realm)), EMAIL_TEMPLATE,
                    new HashMap<>(Map.of("code", code, "minutes", validity.toMinutes(), "realmTitle", realmName(realm))));
        } catch (EmailException e) {
            throw new DeliveryException(DeliveryException.Reason.MAIL_FAILED,
                "The code mail could not be sent: " + rootCause(e), e);
        }
    }

    private static void sms(KeycloakSession session, RealmModel realm, UserModel user, String phoneNumber, String code,
                            Duration validity) throws DeliveryException {
        String senderId = smsSenderId(realm);
        SmsSender sender = session.getProvider(SmsSender.class, senderId);
        if (sender == null) {
            throw new DeliveryException(DeliveryException.Reason.SMS_SENDER_MISSING,
                "No SMS sender '" + senderId + "' is installed", null);
        }
        try {
            sender.send(phoneNumber, smsText(session, realm, user, code, validity));
        } catch (SmsSettingMissingException e) {
            throw new DeliveryException(DeliveryException.Reason.SMS_SENDER_NOT_CONFIGURED, e.getMessage(), e);
        } catch (SmsSendException e) {
            throw new DeliveryException(DeliveryException.Reason.SMS_GATEWAY_FAILED,
                "SMS sender '" + senderId + "' failed: " + e.getMessage(), e);
        }
    }

    /** The id of the realm's SMS sender: the realm's choice, else the server's default, else the fallback. */
    public static String smsSenderId(RealmModel realm) {
        String configured = ChannelSettingsStore.read(realm, ChannelSettingsStore.SMS).get(ChannelSettingsStore.SENDER);
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return serverSmsSenderId();
    }

    /** The sender of realms that choose none: the server's default provider, else the fallback. */
    public static String serverSmsSenderId() {
        String serverDefault = Config.getProvider(SmsSenderSpi.NAME);
        return serverDefault != null ? serverDefault : SmsSenderSpi.FALLBACK_SENDER;
    }

    private static String smsText(KeycloakSession session, RealmModel realm, UserModel user, String code, Duration validity)
        throws DeliveryException {
        try {
            Locale locale = session.getContext().resolveLocale(user);
            Properties messages = session.theme().getTheme(Theme.Type.LOGIN).getEnhancedMessages(realm, locale);
            String pattern = messages.getProperty(SMS_TEXT_KEY, "{0} is your {1} login code. Valid for {2} minutes.");
            return new java.text.MessageFormat(pattern, locale).format(new Object[] {code, realmName(realm), validity.toMinutes()});
        } catch (java.io.IOException e) {
            throw new DeliveryException(DeliveryException.Reason.MESSAGE_TEXT_FAILED, "Login theme messages not readable", e);
        }
    }

    /** The innermost message, for administrators: which SMTP or template problem it was. */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String realmName(RealmModel realm) {
        return realm.getDisplayName() != null && !realm.getDisplayName().isBlank() ? realm.getDisplayName() : realm.getName();
    }
}
