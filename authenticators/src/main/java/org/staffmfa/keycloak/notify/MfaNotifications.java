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

    private static final Logger LOG = Logger.getLogger(MfaNotifications.class);

    private MfaNotifications() {
    }

    /**
     * @param details template attributes: {@code factor} (a factor id), {@code label}, {@code admin}, {@code reason},
     *                {@code expires}; absent ones are left out of the mail
     */
    public static void send(KeycloakSession session, RealmModel realm, UserModel user, MfaNotice notice,
                            Map<String, String> details) {
        String realmId = realm.getId();
        String userId = user.getId();
        Map<String, String> copied = Map.copyOf(details);
        HttpRequest request = session.getContext().getHttpRequest();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, mailSession -> deliver(mailSession, request, realmId,
                        userId, notice, copied));
                } catch (RuntimeException e) {
                    // the change is committed; a notice that cannot be sent must not turn it into an error
                    LOG.warnf(e, "Staff MFA: the %s notice to user %s could not be sent", notice.id(), userId);
                }
            }

            @Override
            protected void rollbackImpl() {
                // the change did not happen: nothing to tell
            }
        });
    }

    private static void deliver(KeycloakSession session, HttpRequest request, String realmId, String userId,
                                MfaNotice notice, Map<String, String> details) {
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null || realm.getSmtpConfig() == null || realm.getSmtpConfig().get("host") == null) {
            return; // the realm sends no mail at all (no SMTP server configured)
        }
        session.getContext().setRealm(realm);
        session.getContext().setHttpRequest(request);
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null || user.getEmail() == null || !user.isEmailVerified()) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>(details);
        attributes.put("notice", notice.id());
        attributes.put("realmTitle", realmTitle(realm));
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                .send(SUBJECT_PREFIX + notice.id(), List.<Object>of(realmTitle(realm)), TEMPLATE, attributes);
        } catch (EmailException e) {
            LOG.warnf("Staff MFA: the %s notice to user %s in realm %s could not be sent: %s", notice.id(), user.getId(),
                realm.getName(), e.getMessage());
        }
    }

    private static String realmTitle(RealmModel realm) {
        String display = realm.getDisplayName();
        return display == null || display.isBlank() ? realm.getName() : display;
    }
}
