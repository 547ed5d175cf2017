package org.staffmfa.keycloak.factor.totp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;
import org.staffmfa.keycloak.otp.CodeFormat;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.otp.OtpMatcher;
import org.staffmfa.keycloak.events.LogText;
import org.staffmfa.keycloak.secrets.FactorSecrets;
import org.staffmfa.keycloak.secrets.SecretCipher;

/**
 * Checks a code against all of a user's {@code otp} credentials (TOTP and HOTP), each with the digits, period and
 * algorithm it was created with and the realm's look-around window. Every code is accepted once at most, even when
 * the realm's OTP policy says codes are reusable.
 */
public final class OtpCredentialVerifier {

    private static final Logger LOG = Logger.getLogger(OtpCredentialVerifier.class);

    public OtpVerification verify(KeycloakSession session, RealmModel realm, UserModel user, String code) {
        return verify(session, realm, user, code, user.credentialManager()
            .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList());
    }

    /** Checks the code against one credential only (Keycloak's own OTP forms name the credential). */
    public OtpVerification verifyOne(KeycloakSession session, RealmModel realm, UserModel user, String code,
                                     String credentialId) {
        CredentialModel stored = credentialId == null ? null : user.credentialManager().getStoredCredentialById(credentialId);
        if (stored == null || !OTPCredentialModel.TYPE.equals(stored.getType())) {
            return OtpVerification.wrong();
        }
        return verify(session, realm, user, code, List.of(stored));
    }

    /**
     * A sealed secret this server cannot open (its key is missing, or the value was altered) is skipped and reported:
     * the user's other apps still count; when none matches, the answer says which key was missing.
     */
    private OtpVerification verify(KeycloakSession session, RealmModel realm, UserModel user, String code,
                                   List<CredentialModel> credentials) {
        int lookAround = Math.max(0, realm.getOTPPolicy().getLookAheadWindow());
        SecretCipher cipher = FactorSecrets.cipher(session);
        Optional<String> unreadableKey = Optional.empty();
        for (CredentialModel stored : credentials) {
            OTPCredentialModel credential = OTPCredentialModel.createFromCredentialModel(stored);
            OTPCredentialData data = credential.getOTPCredentialData();
            Optional<OtpAlgorithm> algorithm = OtpAlgorithm.fromName(data.getAlgorithm());
            if (algorithm.isEmpty()) {
                LOG.warnf("OTP credential %s of user %s has unsupported algorithm %s; skipped", stored.getId(),
                    user.getId(), data.getAlgorithm());
                continue;
            }
            if (!CodeFormat.isWellFormed(code, data.getDigits())) {
                continue;
            }
            byte[] secret;
            try {
                secret = OtpSecrets.decoded(cipher, user, credential);
            } catch (SecretCipher.UnreadableSecret e) {
                LOG.errorf("Staff MFA: OTP credential %s of user %s cannot be read: %s", stored.getId(), user.getId(),
                    LogText.oneLine(e.getMessage()));
                unreadableKey = Optional.of(e.keyId());
                continue;
            }
            Optional<OtpVerification> result = OTPCredentialModel.HOTP.equals(data.getSubType())
                ? verifyHotp(session, realm, user, credential, secret, algorithm.get(), code, lookAround)
                : verifyTotp(session, realm, credential, secret, algorithm.get(), code, lookAround);
            if (result.isPresent()) {
                if (result.get().isValid()) {
                    // Stored in clear (or with an older key) until now: sealed with the current key from here on.
                    OtpSecrets.resealIfNeeded(cipher, user, credential);
                }
                return result.get();
            }
        }
        return unreadableKey.map(OtpVerification::unreadable).orElseGet(OtpVerification::wrong);
    }

    private static Optional<OtpVerification> verifyTotp(KeycloakSession session, RealmModel realm,
                                                        OTPCredentialModel credential, byte[] secret,
                                                        OtpAlgorithm algorithm, String code, int lookAround) {
        OTPCredentialData data = credential.getOTPCredentialData();
        OptionalLong step = OtpMatcher.matchTimeStep(code, secret, algorithm, data.getDigits(),
            Time.currentTime(), data.getPeriod(), lookAround);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(OtpReplayGuard.firstUseOfTotp(session, realm, credential.getId(), code, data.getPeriod(), lookAround)
            ? OtpVerification.valid(credential.getId())
            : OtpVerification.reused(credential.getId()));
    }

    /**
     * An HOTP code moves the stored counter forward, and only forward. One check per credential runs at a time in the
     * cluster; a check that cannot start, or whose view of the counter is older than an acceptance made meanwhile (a
     * counter at or after its stored one is already marked used), refuses its code without writing. So two valid codes
     * sent at once never move the counter backwards, and the loser gets "invalid code", not an error page.
     */
    private static Optional<OtpVerification> verifyHotp(KeycloakSession session, RealmModel realm, UserModel user,
                                                        OTPCredentialModel credential, byte[] secret,
                                                        OtpAlgorithm algorithm, String code, int lookAhead) {
        OTPCredentialData data = credential.getOTPCredentialData();
        OptionalLong counter = OtpMatcher.matchCounter(code, secret, algorithm, data.getDigits(),
            data.getCounter(), lookAhead);
        if (counter.isEmpty()) {
            return Optional.empty();
        }
        String id = credential.getId();
        if (!OtpReplayGuard.startHotpCheck(session, realm, id)) {
            return Optional.of(OtpVerification.reused(id));
        }
        long accepted = counter.getAsLong();
        boolean[] marked = {false};
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                OtpReplayGuard.endHotpCheck(session, realm, id);
            }

            @Override
            protected void rollbackImpl() {
                if (marked[0]) {
                    OtpReplayGuard.forgetHotpCounter(session, realm, id, accepted);
                }
                OtpReplayGuard.endHotpCheck(session, realm, id);
            }
        });
        for (long seen = data.getCounter(); seen <= accepted + lookAhead; seen++) {
            if (OtpReplayGuard.hotpCounterUsed(session, realm, id, seen)) {
                LOG.debugf("HOTP credential %s: counter moved on meanwhile; code refused", id);
                return Optional.of(OtpVerification.reused(id));
            }
        }
        if (!OtpReplayGuard.firstUseOfHotp(session, realm, id, accepted)) {
            return Optional.of(OtpVerification.reused(id));
        }
        marked[0] = true;
        credential.updateCounter(Math.toIntExact(accepted + 1));
        user.credentialManager().updateStoredCredential(credential);
        return Optional.of(OtpVerification.valid(id));
    }
}
