package org.staffmfa.keycloak.totp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.dto.OTPCredentialData;
import org.staffmfa.keycloak.otp.CodeFormat;
import org.staffmfa.keycloak.otp.OtpAlgorithm;
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
                ? verifyHotp(session, user, credential, algorithm.get(), code, lookAround)
                : verifyTotp(session, credential, algorithm.get(), code, lookAround);
            if (result.isPresent()) {
                return result.get();
            }
        }
        return OtpVerification.wrong();
    }

    private static Optional<OtpVerification> verifyTotp(KeycloakSession session, OTPCredentialModel credential,
                                                        OtpAlgorithm algorithm, String code, int lookAround) {
        OTPCredentialData data = credential.getOTPCredentialData();
        OptionalLong step = OtpMatcher.matchTimeStep(code, credential.getDecodedSecret(), algorithm, data.getDigits(),
            Time.currentTimeSeconds(), data.getPeriod(), lookAround);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(OtpReplayGuard.firstUseOfTotp(session, credential.getId(), code, data.getPeriod(), lookAround)
            ? OtpVerification.valid(credential.getId())
            : OtpVerification.reused(credential.getId()));
    }

    private static Optional<OtpVerification> verifyHotp(KeycloakSession session, UserModel user,
                                                        OTPCredentialModel credential, OtpAlgorithm algorithm,
                                                        String code, int lookAhead) {
        OTPCredentialData data = credential.getOTPCredentialData();
        OptionalLong counter = OtpMatcher.matchCounter(code, credential.getDecodedSecret(), algorithm, data.getDigits(),
            data.getCounter(), lookAhead);
        if (counter.isEmpty()) {
            return Optional.empty();
        }
        if (!OtpReplayGuard.firstUseOfHotp(session, credential.getId(), counter.getAsLong())) {
            return Optional.of(OtpVerification.reused(credential.getId()));
        }
        credential.updateCounter(Math.toIntExact(counter.getAsLong() + 1));
        user.credentialManager().updateStoredCredential(credential);
        return Optional.of(OtpVerification.valid(credential.getId()));
    }
}
