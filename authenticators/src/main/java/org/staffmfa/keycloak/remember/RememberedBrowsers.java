package org.staffmfa.keycloak.remember;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.emergency.EmergencySwitches;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Remembers, on one browser, that a user passed a second factor, and later honours that for as long as the
 * <em>current</em> recheck interval allows. A remembered browser is void once the cookie is altered in any byte, is
 * for another user or realm, the user's credentials or password change, or the user's browsers are revoked.
 */
public final class RememberedBrowsers {

    private static final Logger LOG = Logger.getLogger(RememberedBrowsers.class);
    /** Tolerated clock difference between cluster nodes for a cookie issued "in the future". */
    private static final long CLOCK_SKEW_SECONDS = 60;

    /** Outcome of looking at the browser's remember cookie. */
    public record Check(boolean honoured, Optional<Factor> factor, long factorPassedAt) {

        static Check no() {
            return new Check(false, Optional.empty(), 0);
        }
    }

    /**
     * @param interval the recheck interval that applies now; zero never honours a cookie
     */
    public Check check(KeycloakSession session, RealmModel realm, UserModel user, Duration interval) {
        String name = RememberCookie.name(realm, user);
        Optional<String> value = RememberCookie.read(session, name);
        if (value.isEmpty()) {
            return Check.no();
        }
        Optional<RememberedBrowserToken> token = valid(session, realm, user, value.get(), interval);
        if (token.isEmpty()) {
            // Void for good (tampered, revoked, expired, credentials changed): take it off the browser.
            RememberCookie.delete(session, realm, name);
            return Check.no();
        }
        Optional<Factor> factor = Factor.fromId(token.get().factor());
        if (factor.filter(EmergencySwitches.disabledFactors(realm)::contains).isPresent()) {
            // Remembered after a factor now switched off: not honoured while it is off (the cookie stays for later).
            return Check.no();
        }
        return new Check(true, factor, token.get().issuedAt());
    }

    /** Sets the cookie after a second factor was really passed in this login. */
    public void remember(KeycloakSession session, RealmModel realm, UserModel user, Factor factor, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        long now = Time.currentTime();
        RememberedBrowserToken token = new RememberedBrowserToken(realm.getId(), user.getId(), now,
            CredentialFingerprint.of(realm, user, RememberSalt.of(user)), factor.id());
        int maxAge = (int) Math.min(Integer.MAX_VALUE, interval.toSeconds());
        RememberCookie.write(session, realm, RememberCookie.name(realm, user), session.tokens().encode(token), maxAge);
    }

    /** Takes every remember cookie of this realm off the browser ("forget this browser"); returns how many. */
    public int forgetThisBrowser(KeycloakSession session, RealmModel realm) {
        var names = RememberCookie.namesSent(session);
        names.forEach(name -> RememberCookie.delete(session, realm, name));
        return names.size();
    }

    private static Optional<RememberedBrowserToken> valid(KeycloakSession session, RealmModel realm, UserModel user,
                                                          String value, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return Optional.empty();
        }
        try {
            // Only the realm's internal HMAC key may have signed it, whatever the header claims.
            if (!Constants.INTERNAL_SIGNATURE_ALGORITHM.equals(new JWSInput(value).getHeader().getRawAlgorithm())) {
                return Optional.empty();
            }
        } catch (JWSInputException | RuntimeException e) {
            return Optional.empty();
        }
        RememberedBrowserToken token = session.tokens().decode(value, RememberedBrowserToken.class);
        if (token == null || !RememberedBrowserToken.TYPE.equals(token.type())
            || !realm.getId().equals(token.realmId()) || !user.getId().equals(token.userId())) {
            return Optional.empty();
        }
        long now = Time.currentTime();
        if (token.issuedAt() > now + CLOCK_SKEW_SECONDS || now - token.issuedAt() >= interval.toSeconds()) {
            return Optional.empty();
        }
        String salt = RememberSalt.existing(user);
        if (salt == null || !CredentialFingerprint.of(realm, user, salt).equals(token.fingerprint())) {
            LOG.debugf("Remembered browser of user %s is void: credentials changed or browsers revoked", user.getId());
            return Optional.empty();
        }
        return Optional.of(token);
    }
}
