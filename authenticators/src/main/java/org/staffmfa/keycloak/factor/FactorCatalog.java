package org.staffmfa.keycloak.factor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.common.Profile;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.recovery.RecoveryCodes;

/**
 * The factors this build implements. A factor the policy allows but this build does not implement (or whose Keycloak
 * feature is disabled on this server) is neither offered nor accepted.
 */
public final class FactorCatalog {

    private final Map<Factor, FactorDefinition> definitions = new EnumMap<>(Factor.class);

    private FactorCatalog(List<FactorDefinition> definitions) {
        definitions.forEach(definition -> this.definitions.put(definition.factor(), definition));
    }

    public static FactorCatalog standard() {
        List<FactorDefinition> factors = new ArrayList<>(List.of(
            new CredentialTypeFactor(Factor.TOTP),
            new CredentialTypeFactor(Factor.SMS),
            new CredentialTypeFactor(Factor.EMAIL)));
        // Both features are on by default; an administrator may switch them off (--features-disabled).
        if (Profile.isFeatureEnabled(Profile.Feature.WEB_AUTHN)) {
            factors.add(new CredentialTypeFactor(Factor.WEBAUTHN));
        }
        if (Profile.isFeatureEnabled(Profile.Feature.RECOVERY_CODES)) {
            factors.add(new RecoveryCodesFactor());
        }
        return new FactorCatalog(factors);
    }

    public Set<Factor> implemented() {
        return Set.copyOf(definitions.keySet());
    }

    /** Factors the user may use now: allowed, implemented and set up, in offer order. */
    public List<Factor> usable(EffectivePolicy policy, UserModel user) {
        return allowedStream(policy).filter(factor -> definitions.get(factor).isConfiguredFor(user)).toList();
    }

    /** Factors a user without any could enrol: allowed, implemented and able to stand alone, in offer order. */
    public List<Factor> enrollable(EffectivePolicy policy) {
        return allowedStream(policy).filter(factor -> definitions.get(factor).canBeFirstFactor()).toList();
    }

    /** Whether the policy allows the factor and this build implements it. */
    public boolean allows(EffectivePolicy policy, Factor factor) {
        return policy.allows(factor) && definitions.containsKey(factor);
    }

    /** Whether the user has the factor set up, whatever the policy says. */
    public boolean isConfiguredFor(Factor factor, UserModel user) {
        FactorDefinition definition = definitions.get(factor);
        return definition != null && definition.isConfiguredFor(user);
    }

    private Stream<Factor> allowedStream(EffectivePolicy policy) {
        return Stream.of(Factor.values()).filter(policy::allows).filter(definitions::containsKey);
    }

    /** A factor that is set up when the user has a stored credential of its type. */
    private record CredentialTypeFactor(Factor factor) implements FactorDefinition {
        @Override
        public boolean isConfiguredFor(UserModel user) {
            return user.credentialManager().getStoredCredentialsByTypeStream(FactorCredentialTypes.typeOf(factor))
                .findAny().isPresent();
        }
    }

    /** Keycloak's recovery codes: set up while at least one code is left. */
    private static final class RecoveryCodesFactor implements FactorDefinition {
        @Override
        public Factor factor() {
            return Factor.RECOVERY_CODES;
        }

        @Override
        public boolean isConfiguredFor(UserModel user) {
            return RecoveryCodes.remaining(user) > 0;
        }

        @Override
        public boolean canBeFirstFactor() {
            return false;
        }
    }
}
