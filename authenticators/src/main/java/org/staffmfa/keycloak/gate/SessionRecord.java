package org.staffmfa.keycloak.gate;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.events.LogText;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.exemption.Exemptions;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.remember.RememberedBrowsers;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * Records how MFA went in this login: in the login event, in the authentication session (so the required-action
 * safety net knows a gate decided), and in the user session, where the token claim mapper and later step-up checks
 * read it.
 */
final class SessionRecord {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SessionRecord.class);

    private SessionRecord() {
    }

    /** Marks the login as decided by a gate, so the required-action safety net lets it through. */
    static void decided(AuthenticationFlowContext context) {
        context.getAuthenticationSession().setAuthNote(MfaNotes.GATE_DECIDED, "true");
    }

    static void factorPassed(AuthenticationFlowContext context, Factor factor) {
        decided(context);
        context.getEvent().detail(MfaEventDetails.FACTOR, factor.id());
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setUserSessionNote(MfaNotes.PASSED_FACTOR, factor.id());
        authSession.setUserSessionNote(MfaNotes.PASSED_AT, Long.toString(Time.currentTime()));
        authSession.setUserSessionNote(MfaNotes.VERIFIED_AT, Long.toString(Time.currentTime()));
    }

    /**
     * A factor change (application-initiated action) in an SSO session that verified a factor recently enough: carry
     * that time into this login, where the action checks it.
     */
    static void freshSsoSession(AuthenticationFlowContext context, long verifiedAt) {
        ssoSession(context);
        context.getAuthenticationSession().setUserSessionNote(MfaNotes.VERIFIED_AT, Long.toString(verifiedAt));
    }

    /** MFA satisfied by a remembered browser: the factor and time are those of the login that set the cookie. */
    static void rememberedBrowser(AuthenticationFlowContext context, RememberedBrowsers.Check check) {
        decided(context);
        context.getEvent().detail(MfaEventDetails.SKIP_REASON, MfaEventDetails.SKIP_REMEMBERED_BROWSER);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        check.factor().ifPresent(factor -> authSession.setUserSessionNote(MfaNotes.PASSED_FACTOR, factor.id()));
        authSession.setUserSessionNote(MfaNotes.PASSED_AT, Long.toString(check.factorPassedAt()));
        authSession.setUserSessionNote(MfaNotes.SKIP_REASON, MfaEventDetails.SKIP_REMEMBERED_BROWSER);
    }

    static void skipped(AuthenticationFlowContext context, String reason) {
        decided(context);
        context.getEvent().detail(MfaEventDetails.SKIP_REASON, reason);
        context.getAuthenticationSession().setUserSessionNote(MfaNotes.SKIP_REASON, reason);
    }

    /**
     * Let through because enforcement is suspended realm-wide: the event says so and until when, and every such login
     * is a warning in the server log, so that nobody misses a suspension that is still on.
     */
    static void suspended(AuthenticationFlowContext context, EmergencySwitches.Suspension suspension) {
        skipped(context, MfaEventDetails.SKIP_ENFORCEMENT_SUSPENDED);
        context.getEvent().detail(MfaEventDetails.SUSPENDED_UNTIL, suspension.until().toString());
        context.getAuthenticationSession().setUserSessionNote(MfaNotes.LET_IN_BY_SUSPENSION, "true");
        LOG.warnf("Staff MFA enforcement is suspended in realm '%s' until %s (by %s): user '%s' logged in to '%s' with "
                + "the password alone", LogText.oneLine(context.getRealm().getName()), suspension.until(), LogText.oneLine(suspension.by()),
            LogText.oneLine(context.getUser().getUsername()), LogText.oneLine(context.getAuthenticationSession().getClient().getClientId()));
    }

    /** Let through by an exemption: the session remembers which, so that it ends when the exemption goes. */
    static void exempted(AuthenticationFlowContext context, Exemptions.Exemption exemption) {
        skipped(context, exemption.reason());
        context.getAuthenticationSession().setUserSessionNote(MfaNotes.exemption(exemption.source()), "true");
    }

    /** The SSO session already passed a factor: nothing new for the session, only the event says why. */
    static void ssoSession(AuthenticationFlowContext context) {
        decided(context);
        context.getEvent().detail(MfaEventDetails.SKIP_REASON, MfaEventDetails.SKIP_SSO_SESSION);
    }
}
