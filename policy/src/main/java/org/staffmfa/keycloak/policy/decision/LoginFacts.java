package org.staffmfa.keycloak.policy.decision;

import org.staffmfa.keycloak.policy.MfaMode;

/**
 * What a gate knows about one login, in plain terms. The decisions ask for each fact only when they need it, in a fixed
 * order, so an adapter may compute them lazily (reading a cookie, the user's credentials) and pay only for what is
 * asked.
 */
public interface LoginFacts {

    /** The user's effective mode. */
    MfaMode mode();

    /**
     * The mode enrolment follows for this user when they have no factor: {@link #mode()}, unless an enrolment deadline
     * turns {@code allowed} into {@code required} (deadline passed, no skip left) or a grace turns {@code required}
     * into {@code allowed}.
     */
    default MfaMode enrolmentMode() {
        return mode();
    }

    /** The login was started to add or remove a factor (an application-initiated action). */
    boolean factorChangeRequested();

    /** The browser's SSO session verified a factor recently enough to change factors without asking again. */
    boolean factorVerifiedRecently();

    /** This request carries the user's answer to a factor page (not the first visit of the page). */
    boolean answered();

    /**
     * An administrator suspended enforcement realm-wide until a time not yet reached (an emergency switch for an
     * outage of the factors' services): logins pass with the password alone.
     */
    boolean enforcementSuspended();

    /** The client is exempt for everyone, or the user holds an exemption for it. */
    boolean exempt();

    /** The identity step was Keycloak's SSO cookie rather than a password. */
    boolean cameThroughSso();

    /** The SSO session passed a factor that counts for this client (a remembered browser only where it honours one). */
    boolean ssoSessionPassedFactor();

    /** The user has a factor the policy allows and this flow can ask for. */
    boolean hasUsableFactor();

    /** Password grant only: among the usable factors is an authenticator app, whose code can travel in the grant. */
    boolean hasUsableAppCode();

    /** A factor the user could set up exists and the enrolment action is enabled. */
    boolean canEnrol();

    /** Allowed mode: the offer to enrol is due again (never skipped, or skipped longer ago than the interval). */
    boolean enrolmentOfferDue();

    /** The policy and client let a remembered browser stand in for the factor. */
    boolean rememberedBrowsersCount();

    /** This browser carries a valid remember cookie of the user. */
    boolean browserRemembered();
}
