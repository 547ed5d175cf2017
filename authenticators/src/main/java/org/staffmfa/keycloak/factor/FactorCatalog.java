package org.staffmfa.keycloak.factor;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.Factor;

/**
 * The factors a server offers, each with its definition (how to tell whether a user has it set up, whether it can stand
 * alone). A factor the policy allows but the catalog lacks is neither offered nor accepted. The built-in catalog is
 * {@code BuiltInFactors.catalog()}.
 */
public final class FactorCatalog {

    private final Map<Factor, FactorDefinition> definitions = new EnumMap<>(Factor.class);

    private FactorCatalog(List<FactorDefinition> definitions) {
        definitions.forEach(definition -> this.definitions.put(definition.factor(), definition));
    }

    /**
     * A catalog of these definitions; factors without one get a definition that counts them set up when the user has a
     * stored credential of their type.
     */
    public static FactorCatalog of(List<FactorDefinition> definitions) {
        return new FactorCatalog(definitions);
    }

    /** A factor that is set up when the user has a stored credential of its type. */
    public static FactorDefinition byCredentialType(Factor factor) {
        return new CredentialTypeFactor(factor);
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

    private record CredentialTypeFactor(Factor factor) implements FactorDefinition {
        @Override
        public boolean isConfiguredFor(UserModel user) {
            return user.credentialManager().getStoredCredentialsByTypeStream(FactorCredentialTypes.typeOf(factor))
                .findAny().isPresent();
        }
    }
}
