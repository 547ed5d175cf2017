package org.staffmfa.keycloak.notify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Emails a security notice to the user (template {@value #TEMPLATE}, HTML and text, in the user's language). Sent only
 * after the change is committed, so a rolled-back change sends nothing, and in a session of its own, so a mail server
 * problem never undoes the change. Only to a verified address, as Keycloak's own event mails: an address nobody
 * confirmed must not learn about the account.
 */
public final class MfaNotifications {

    public static final String TEMPLATE = "staff-mfa-notice.ftl";
    public static final String SUBJECT_PREFIX = "staffMfaNoticeSubject-";
    public static final String REMINDER_TEMPLATE = "staff-mfa-reminder.ftl";
    public static final String REMINDER_SUBJECT = "staffMfaReminderSubject";

    private static final Logger LOG = Logger.getLogger(MfaNotifications.class);

    private MfaNotifications() {
    }

    /**
     * @param details template attributes: {@code factor} (a factor id), {@code label}, {@code admin}, {@code reason},
     *                {@code expires}; absent ones are left out of the mail
     */
    public static void send(KeycloakSession session, RealmModel realm, UserModel user, MfaNotice notice,
                            Map<String, String> details) {
        Map<String, Object> attributes = new HashMap<>(details);
        attributes.put("notice", notice.id());
        afterCommit(session, realm, user, new Mail(SUBJECT_PREFIX + notice.id(), TEMPLATE, attributes, notice.id()));
    }

    /**
     * Emails the reminder that the user's enrolment deadline is near (template {@value #REMINDER_TEMPLATE}), after the
     * transaction that recorded it commits.
     *
     * @param deadline the last day, as the user reads it ("31 January 2027"); {@code daysLeft} the days until then
     */
    public static void sendEnrolmentReminder(KeycloakSession session, RealmModel realm, UserModel user, String deadline,
                                             long daysLeft) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("deadline", deadline);
        attributes.put("daysLeft", Long.toString(daysLeft));
        afterCommit(session, realm, user, new Mail(REMINDER_SUBJECT, REMINDER_TEMPLATE, attributes, "enrolment-reminder"));
    }

    /** One mail: subject key (the realm's title is its argument), template, template attributes, name for the log. */
    private record Mail(String subjectKey, String template, Map<String, Object> attributes, String what) {
    }

    private static void afterCommit(KeycloakSession session, RealmModel realm, UserModel user, Mail mail) {
        String realmId = realm.getId();
        String userId = user.getId();
        Mail copied = new Mail(mail.subjectKey(), mail.template(), Map.copyOf(mail.attributes()), mail.what());
        HttpRequest request = currentRequest(session);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, mailSession -> deliver(mailSession, request, realmId,
                        userId, copied));
                } catch (RuntimeException e) {
                    // the change is committed; a notice that cannot be sent must not turn it into an error
                    LOG.warnf(e, "Staff MFA: the %s mail to user %s could not be sent", copied.what(), userId);
                }
            }

            @Override
            protected void rollbackImpl() {
                // the change did not happen: nothing to tell
            }
        });
    }

    private static void deliver(KeycloakSession session, HttpRequest request, String realmId, String userId, Mail mail) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null || realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            return; // the realm sends no mail at all (no SMTP server configured)
        }
        session.getContext().setRealm(realm);
        if (request != null) {
            session.getContext().setHttpRequest(request);
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null || user.getEmail() == null || !user.isEmailVerified()) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>(mail.attributes());
        attributes.put("realmTitle", realmTitle(realm));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send(mail.subjectKey(), List.<Object>of(realmTitle(realm)), mail.template(), attributes);
        } catch (EmailException e) {
            LOG.warnf("Staff MFA: the %s mail to user %s in realm %s could not be sent: %s", mail.what(), user.getId(),
                realm.getName(), e.getMessage());
        }
    }

    /** The request being served, or null in a background job (a reminder run), which has none. */
    private static HttpRequest currentRequest(KeycloakSession session) {
        try {
            return session.getContext().getHttpRequest();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String realmTitle(RealmModel realm) {
        String display = realm.getDisplayName();
        return display == null || display.isBlank() ? realm.getName() : display;
    }
}
