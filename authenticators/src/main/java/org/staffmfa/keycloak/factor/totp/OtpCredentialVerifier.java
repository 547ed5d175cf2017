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

/**
 * Checks a code against all of a user's {@code otp} credentials (TOTP and HOTP), each with the digits, period and
 * algorithm it was created with and the realm's look-around window. Every code is accepted once at most, even when
 * the realm's OTP policy says codes are reusable.
 */
public final class OtpCredentialVerifier {

    private static final Logger LOG = Logger.getLogger(OtpCredentialVerifier.class);

    public OtpVerification verify(KeycloakSession session, RealmModel realm, UserModel user, String code) {
        int lookAround = Math.max(0, realm.getOTPPolicy().getLookAheadWindow());
        List<CredentialModel> credentials = user.credentialManager()
            .getStoredCredentialsByTypeStream(OTPCredentialModel.TYPE).toList();
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
            Optional<OtpVerification> result = OTPCredentialModel.HOTP.equals(data.getSubType())
                ? verifyHotp(session, realm, user, credential, algorithm.get(), code, lookAround)
                : verifyTotp(session, realm, credential, algorithm.get(), code, lookAround);
            if (result.isPresent()) {
                return result.get();
            }
        }
        return OtpVerification.wrong();
    }

    private static Optional<OtpVerification> verifyTotp(KeycloakSession session, RealmModel realm,
                                                        OTPCredentialModel credential, OtpAlgorithm algorithm,
                                                        String code, int lookAround) {
        OTPCredentialData data = credential.getOTPCredentialData();
        OptionalLong step = OtpMatcher.matchTimeStep(code, credential.getDecodedSecret(), algorithm, data.getDigits(),
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
                                                        OTPCredentialModel credential, OtpAlgorithm algorithm,
                                                        String code, int lookAhead) {
        OTPCredentialData data = credential.getOTPCredentialData();
        OptionalLong counter = OtpMatcher.matchCounter(code, credential.getDecodedSecret(), algorithm, data.getDigits(),
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
