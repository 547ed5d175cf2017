package org.staffmfa.keycloak.factor;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.staffmfa.keycloak.codes.Channel;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;

/**
 * The factors this build implements. A factor the policy allows but this build does not implement is neither offered
 * nor accepted.
 */
public final class FactorCatalog {

    private final Map<Factor, FactorDefinition> definitions = new EnumMap<>(Factor.class);

    private FactorCatalog(List<FactorDefinition> definitions) {
        definitions.forEach(definition -> this.definitions.put(definition.factor(), definition));
    }

    public static FactorCatalog standard() {
        return new FactorCatalog(List.of(
            new CredentialTypeFactor(Factor.TOTP, OTPCredentialModel.TYPE),
            new CredentialTypeFactor(Factor.SMS, Channel.SMS.credentialType()),
            new CredentialTypeFactor(Factor.EMAIL, Channel.EMAIL.credentialType())));
    }

    public Set<Factor> implemented() {
        return Set.copyOf(definitions.keySet());
    }

    /** Factors the user may use now: allowed, implemented and set up, in offer order. */
    public List<Factor> usable(EffectivePolicy policy, UserModel user) {
        return enrollableStream(policy).filter(factor -> definitions.get(factor).isConfiguredFor(user)).toList();
    }

    /** Factors the user could enrol: allowed and implemented, in offer order. */
    public List<Factor> enrollable(EffectivePolicy policy) {
        return enrollableStream(policy).toList();
    }

    private Stream<Factor> enrollableStream(EffectivePolicy policy) {
        return Stream.of(Factor.values()).filter(policy::allows).filter(definitions::containsKey);
    }

    /** A factor that is set up when the user has a stored credential of one type. */
    private record CredentialTypeFactor(Factor factor, String credentialType) implements FactorDefinition {
        @Override
        public boolean isConfiguredFor(UserModel user) {
            return user.credentialManager().getStoredCredentialsByTypeStream(credentialType).findAny().isPresent();
        }
    }
}
