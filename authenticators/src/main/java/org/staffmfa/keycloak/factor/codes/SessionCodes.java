package org.staffmfa.keycloak.factor.codes;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.staffmfa.keycloak.otp.CodeFormat;
import org.staffmfa.keycloak.otp.Hotp;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;

/**
 * The one-time code of one purpose (e.g. login by SMS, enrolment of an email address) in one authentication session.
 * The code's state lives in authentication-session notes (cluster-wide): the nonce the code is derived from, the id of
 * the realm key that derives it, target, expiry, send count, last send. Its entries are counted in the single-use
 * store ({@link SingleUseMarks}): each entry takes one of {@code max-attempts} marks before it is compared, so entries
 * sent in parallel, to any node, get no more guesses than entries sent one by one. Resending sends the same code; it
 * never gives back entries.
 */
public final class SessionCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuthenticationSessionModel authSession;
    private final UserModel user;
    private final String purpose;
    private final Channel channel;
    private final CodeSettings settings;

    public SessionCodes(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession, UserModel user,
                        String purpose, Channel channel, CodeSettings settings) {
        this.session = session;
        this.realm = realm;
        this.authSession = authSession;
        this.user = user;
        this.purpose = purpose;
        this.channel = channel;
        this.settings = settings;
    }

    public enum Verdict {
        /** Right code, now used up. */
        VALID,
        /** Wrong code; the code stays usable until too many wrong tries. */
        WRONG,
        /** Too many wrong tries: the code is void, a new one must be requested. */
        VOID,
        /** The code's time is over, or there is no code: a new one must be requested. */
        EXPIRED
    }

    public enum Resend { SENT, TOO_SOON, TOO_MANY, NONE }

    /** The target of the current usable code (address or number), if there is one. */
    public Optional<String> currentTarget() {
        return live() ? Optional.ofNullable(note("target")) : Optional.empty();
    }

    /**
     * Makes a new code for the target, replacing any earlier one (which no longer works).
     *
     * @return the code, to be delivered and then forgotten; empty when the user's hourly message cap is reached
     */
    public Optional<String> issue(String target) {
        if (!MessageCap.tryTake(session, realm, user, channel, settings.maxMessagesPerHour())) {
            return Optional.empty();
        }
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        long now = Time.currentTime();
        setNote("nonce", Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
        setNote("kid", key.getKid());
        setNote("target", target);
        setNote("expires", Long.toString(now + settings.validity().toSeconds()));
        setNote("sends", "1");
        setNote("last-sent", Long.toString(now));
        return Optional.of(derive(key));
    }

    /** The same code again, if allowed now; {@link Resend#NONE} when there is no usable code (a new one is due). */
    public Resend resend(java.util.function.Consumer<String> deliver) {
        KeyWrapper key = codeKey();
        if (!live() || key == null) {
            return Resend.NONE;
        }
        long now = Time.currentTime();
        int sends = (int) number("sends");
        if (sends > settings.maxResends()) {
            return Resend.TOO_MANY;
        }
        if (now - number("last-sent") < settings.resendInterval().toSeconds()) {
            return Resend.TOO_SOON;
        }
        if (!MessageCap.tryTake(session, realm, user, channel, settings.maxMessagesPerHour())) {
            return Resend.TOO_MANY;
        }
        deliver.accept(derive(key));
        setNote("sends", Integer.toString(sends + 1));
        setNote("last-sent", Long.toString(now));
        return Resend.SENT;
    }

    /** Checks an entered code; a right code is used up, a wrong one counts towards voiding. */
    public Verdict verify(String input) {
        if (note("nonce") == null || expired()) {
            return Verdict.EXPIRED;
        }
        KeyWrapper key = codeKey();
        if (key == null) {
            // The realm key that derived the code was removed: nobody can check it any more, a new one is needed.
            return Verdict.EXPIRED;
        }
        int entry = takeEntry();
        if (entry == 0) {
            return Verdict.VOID;
        }
        if (CodeFormat.isWellFormed(input, settings.digits()) && Hotp.sameCode(derive(key), input)) {
            boolean first = SingleUseMarks.takeFirst(session, Purpose.CODE_ACCEPTED, realm, markLifespan(), note("nonce"));
            clear();
            return first ? Verdict.VALID : Verdict.EXPIRED;
        }
        return entry >= settings.maxAttempts() ? Verdict.VOID : Verdict.WRONG;
    }

    /** Takes the next of the code's entries, cluster-wide; returns its number (1-based), or 0 when none is left. */
    private int takeEntry() {
        String nonce = note("nonce");
        for (int entry = 1; entry <= settings.maxAttempts(); entry++) {
            if (SingleUseMarks.takeFirst(session, Purpose.CODE_ENTRY, realm, markLifespan(), nonce, Integer.toString(entry))) {
                return entry;
            }
        }
        return 0;
    }

    /** Entries are taken in order, so the last one taken means all are. */
    private boolean entriesLeft() {
        return !SingleUseMarks.isTaken(session, Purpose.CODE_ENTRY, realm, note("nonce"),
            Integer.toString(settings.maxAttempts()));
    }

    /** Marks outlive the code they count for. */
    private long markLifespan() {
        return settings.validity().toSeconds() + 60;
    }

    private KeyWrapper codeKey() {
        String kid = note("kid");
        return kid == null ? null : session.keys().getKey(realm, kid, KeyUse.SIG, Algorithm.HS512);
    }

    public void clear() {
        for (String name : new String[] {"nonce", "kid", "target", "expires", "sends", "last-sent"}) {
            authSession.removeAuthNote(key(name));
        }
    }

    private boolean live() {
        return note("nonce") != null && !expired() && entriesLeft();
    }

    private boolean expired() {
        return Time.currentTime() >= number("expires");
    }

    private String derive(KeyWrapper key) {
        String binding = String.join("|", purpose, authSession.getParentSession().getId(), authSession.getTabId(),
            user.getId(), note("target"));
        return CodeDerivation.code(key.getSecretKey().getEncoded(), binding, note("nonce"), settings.digits());
    }

    private String key(String name) {
        return "staff-mfa.code." + purpose + "." + name;
    }

    private String note(String name) {
        return authSession.getAuthNote(key(name));
    }

    private void setNote(String name, String value) {
        authSession.setAuthNote(key(name), value);
    }

    private long number(String name) {
        String value = note(name);
        return value == null ? 0 : Long.parseLong(value);
    }
}
