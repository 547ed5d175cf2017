package org.staffmfa.keycloak.policy.decision;

import org.staffmfa.keycloak.policy.MfaMode;

/** Fixed facts for the decision tables; "with…" methods give a copy with one fact changed. */
record Facts(MfaMode mode, boolean factorChangeRequested, boolean factorVerifiedRecently, boolean answered,
             boolean exempt, boolean cameThroughSso, boolean ssoSessionPassedFactor, boolean hasUsableFactor,
             boolean hasUsableAppCode, boolean canEnrol, boolean enrolmentOfferDue, boolean rememberedBrowsersCount,
             boolean browserRemembered, boolean enforcementSuspended) implements LoginFacts {

    Facts(MfaMode mode, boolean factorChangeRequested, boolean factorVerifiedRecently, boolean answered,
          boolean exempt, boolean cameThroughSso, boolean ssoSessionPassedFactor, boolean hasUsableFactor,
          boolean hasUsableAppCode, boolean canEnrol, boolean enrolmentOfferDue, boolean rememberedBrowsersCount,
          boolean browserRemembered) {
        this(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, cameThroughSso, ssoSessionPassedFactor,
            hasUsableFactor, hasUsableAppCode, canEnrol, enrolmentOfferDue, rememberedBrowsersCount, browserRemembered,
            false);
    }

    /** The same facts while enforcement is suspended realm-wide (apply last: the other copies drop it). */
    Facts whileSuspended() {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, cameThroughSso,
            ssoSessionPassedFactor, hasUsableFactor, hasUsableAppCode, canEnrol, enrolmentOfferDue,
            rememberedBrowsersCount, browserRemembered, true);
    }

    /** A first visit after the password, no factor, nothing special. */
    static Facts login(MfaMode mode) {
        return new Facts(mode, false, false, false, false, false, false, false, false, true, true, true, false);
    }

    Facts withFactor() {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, cameThroughSso,
            ssoSessionPassedFactor, true, true, canEnrol, enrolmentOfferDue, rememberedBrowsersCount, browserRemembered);
    }

    Facts withFactorButNoAppCode() {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, cameThroughSso,
            ssoSessionPassedFactor, true, false, canEnrol, enrolmentOfferDue, rememberedBrowsersCount, browserRemembered);
    }

    Facts exempted() {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, true, cameThroughSso,
            ssoSessionPassedFactor, hasUsableFactor, hasUsableAppCode, canEnrol, enrolmentOfferDue,
            rememberedBrowsersCount, browserRemembered);
    }

    Facts throughSso(boolean passedFactor) {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, true, passedFactor,
            hasUsableFactor, hasUsableAppCode, canEnrol, enrolmentOfferDue, rememberedBrowsersCount, browserRemembered);
    }

    Facts remembered(boolean counts) {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, cameThroughSso,
            ssoSessionPassedFactor, hasUsableFactor, hasUsableAppCode, canEnrol, enrolmentOfferDue, counts, true);
    }

    Facts skippedRecently() {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, cameThroughSso,
            ssoSessionPassedFactor, hasUsableFactor, hasUsableAppCode, canEnrol, false, rememberedBrowsersCount,
            browserRemembered);
    }

    Facts cannotEnrol() {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, answered, exempt, cameThroughSso,
            ssoSessionPassedFactor, hasUsableFactor, hasUsableAppCode, false, enrolmentOfferDue, rememberedBrowsersCount,
            browserRemembered);
    }

    Facts answering() {
        return new Facts(mode, factorChangeRequested, factorVerifiedRecently, true, exempt, cameThroughSso,
            ssoSessionPassedFactor, hasUsableFactor, hasUsableAppCode, canEnrol, enrolmentOfferDue,
            rememberedBrowsersCount, browserRemembered);
    }

    Facts changingFactors(boolean verifiedRecently) {
        return new Facts(mode, true, verifiedRecently, answered, exempt, cameThroughSso, ssoSessionPassedFactor,
            hasUsableFactor, hasUsableAppCode, canEnrol, enrolmentOfferDue, rememberedBrowsersCount, browserRemembered);
    }
}
