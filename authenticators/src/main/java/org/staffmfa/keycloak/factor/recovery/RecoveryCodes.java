package org.staffmfa.keycloak.factor.recovery;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProvider;
import org.keycloak.credential.RecoveryAuthnCodesCredentialProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.RecoveryAuthnCodesCredentialModel;
import org.keycloak.models.credential.dto.RecoveryAuthnCodesCredentialData;
import org.keycloak.models.utils.RecoveryAuthnCodesUtils;
import org.keycloak.util.JsonSerialization;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;

/**
 * Keycloak's recovery authentication codes, used as a factor of the policy: one set per user, stored hashed, used in
 * order. Generation, storage and verification are Keycloak's; this class adds what a factor needs on top: input
 * normalisation, a cluster-wide guard so that one code cannot pass two concurrent logins, and removal of a spent set.
 */
public final class RecoveryCodes {

    public static final String CREDENTIAL_TYPE = RecoveryAuthnCodesCredentialModel.TYPE;

    /** How a code is shown: three groups of four, e.g. {@code ABCD-EFGH-JKLM}. */
    private static final int GROUP = 4;
    /** Anything longer cannot be a code: refused before it is hashed. */
    private static final int MAX_INPUT_LENGTH = 64;
    private static final Pattern CODE_CHARACTERS = Pattern.compile("[A-Z0-9]{1,32}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    /** Longer than any login: after a successful use the code is gone from the database anyway. */
    private static final long GUARD_SECONDS = 24 * 3600;

    private RecoveryCodes() {
    }

    public static Optional<RecoveryAuthnCodesCredentialModel> current(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(CREDENTIAL_TYPE).findFirst()
            .map(RecoveryAuthnCodesCredentialModel::createFromCredentialModel);
    }

    public static int remaining(UserModel user) {
        return current(user).map(RecoveryCodes::remaining).orElse(0);
    }

    /** The number (1-based, as printed on the user's list) of the code the user must enter next. */
    public static OptionalInt nextNumber(UserModel user) {
        return current(user).flatMap(RecoveryAuthnCodesCredentialModel::getNextRecoveryAuthnCode)
            .map(code -> OptionalInt.of(code.getNumber())).orElse(OptionalInt.empty());
    }

    /** A fresh set of codes, as Keycloak generates them; shown once, then stored hashed by {@link #store}. */
    public static List<String> generate() {
        return RecoveryAuthnCodesUtils.generateRawCodes();
    }

    /** Stores the codes as the user's only set, replacing an older set. */
    public static CredentialModel store(KeycloakSession session, RealmModel realm, UserModel user, List<String> codes,
                                        String label) {
        RecoveryAuthnCodesCredentialModel model = RecoveryAuthnCodesCredentialModel.createFromValues(codes,
            Time.currentTimeMillis(), label);
        RecoveryAuthnCodesCredentialProvider provider = (RecoveryAuthnCodesCredentialProvider) session.getProvider(
            CredentialProvider.class, RecoveryAuthnCodesCredentialProviderFactory.PROVIDER_ID);
        return provider.createCredential(realm, user, model);
    }

    /** {@code ABCDEFGHJKLM} → {@code ABCD-EFGH-JKLM}. */
    public static String formatted(String code) {
        StringBuilder out = new StringBuilder(code.length() + code.length() / GROUP);
        for (int i = 0; i < code.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                out.append('-');
            }
            out.append(code.charAt(i));
        }
        return out.toString();
    }

    /**
     * Checks the next code and uses it up. A spent set is removed, so the user is offered a new one.
     *
     * @return the number of codes left after this one, or empty when the input is not the next code
     */
    public static OptionalInt use(KeycloakSession session, RealmModel realm, UserModel user, String input) {
        Optional<String> code = normalised(input);
        Optional<RecoveryAuthnCodesCredentialModel> set = current(user);
        if (code.isEmpty() || set.isEmpty()) {
            return OptionalInt.empty();
        }
        OptionalInt number = set.flatMap(RecoveryAuthnCodesCredentialModel::getNextRecoveryAuthnCode)
            .map(next -> OptionalInt.of(next.getNumber())).orElse(OptionalInt.empty());
        if (number.isEmpty() || !user.credentialManager().isValid(UserCredentialModel.buildFromBackupAuthnCode(code.get()))) {
            return OptionalInt.empty();
        }
        // Two logins that checked the same code at the same moment both saw it unused: only the first one counts.
        if (!SingleUseMarks.takeFirst(session, Purpose.RECOVERY_CODE, realm, GUARD_SECONDS,
            set.get().getId(), Integer.toString(number.getAsInt()))) {
            return OptionalInt.empty();
        }
        int left = remaining(user);
        if (left == 0) {
            user.credentialManager().removeStoredCredentialById(set.get().getId());
        }
        return OptionalInt.of(left);
    }

    /** Upper case, without spaces and dashes; empty for anything that cannot be a code. */
    static Optional<String> normalised(String input) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        String code = SEPARATORS.matcher(input).replaceAll("").toUpperCase(Locale.ROOT);
        return CODE_CHARACTERS.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }

    private static int remaining(RecoveryAuthnCodesCredentialModel set) {
        try {
            return JsonSerialization.readValue(set.getCredentialData(), RecoveryAuthnCodesCredentialData.class)
                .getRemainingCodes();
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable recovery codes credential " + set.getId(), e);
        }
    }
}
