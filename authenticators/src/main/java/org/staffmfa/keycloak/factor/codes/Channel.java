package org.staffmfa.keycloak.factor.codes;

import org.staffmfa.keycloak.factor.FactorCredentialTypes;
import org.staffmfa.keycloak.policy.Factor;

/** The two ways a one-time code travels: by email and by SMS. */
public enum Channel {

    EMAIL(Factor.EMAIL, "email", "address"),
    SMS(Factor.SMS, "sms", "phone");

    private final Factor factor;
    private final String id;
    private final String credentialField;

    Channel(Factor factor, String id, String credentialField) {
        this.factor = factor;
        this.id = id;
        this.credentialField = credentialField;
    }

    public Factor factor() {
        return factor;
    }

    public String id() {
        return id;
    }

    /** The credential type that stores the user's confirmed address or number. */
    public String credentialType() {
        return FactorCredentialTypes.typeOf(factor);
    }

    /** The field of the credential data that holds it. */
    String credentialField() {
        return credentialField;
    }

    public static java.util.Optional<Channel> of(Factor factor) {
        for (Channel channel : values()) {
            if (channel.factor == factor) {
                return java.util.Optional.of(channel);
            }
        }
        return java.util.Optional.empty();
    }
}
