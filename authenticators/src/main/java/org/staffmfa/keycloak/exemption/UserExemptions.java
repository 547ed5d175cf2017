package org.staffmfa.keycloak.exemption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

/**
 * User exemptions, stored as credentials of type {@value #CREDENTIAL_TYPE}. Users cannot create, change or delete
 * them: no credential provider is registered for the type, so the account console and account REST API neither list
 * nor remove them, and user-profile updates never touch credentials. Administrators see them on the user's
 * Credentials tab.
 */
public final class UserExemptions {

    public static final String CREDENTIAL_TYPE = "staff-mfa-exemption";

    private UserExemptions() {
    }

    public static List<UserExemption> list(UserModel user) {
        List<UserExemption> exemptions = new ArrayList<>();
        user.credentialManager().getStoredCredentialsByTypeStream(CREDENTIAL_TYPE)
            .forEach(credential -> exemptions.add(read(credential)));
        exemptions.sort(Comparator.comparing(UserExemption::grantedAt));
        return exemptions;
    }

    /** The first exemption that covers this client now. */
    public static Optional<UserExemption> activeFor(UserModel user, String clientId) {
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        return list(user).stream().filter(exemption -> exemption.appliesTo(clientId, now)).findFirst();
    }

    public static UserExemption grant(UserModel user, List<String> clientIds, Optional<Instant> expiresAt, String reason,
                                      String grantedBy) {
        ExemptionData data = new ExemptionData();
        data.clients = List.copyOf(clientIds);
        data.expires = expiresAt.map(Instant::getEpochSecond).orElse(null);
        data.reason = reason;
        data.grantedBy = grantedBy;
        data.grantedAt = Time.currentTime();
        CredentialModel credential = new CredentialModel();
        credential.setType(CREDENTIAL_TYPE);
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setUserLabel("MFA exemption: " + (clientIds.isEmpty() ? "all clients" : String.join(", ", clientIds)));
        try {
            credential.setCredentialData(JsonSerialization.writeValueAsString(data));
            credential.setSecretData("{}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(user.credentialManager().createStoredCredential(credential));
    }

    /** @return whether an exemption with this id existed */
    public static boolean revoke(UserModel user, String exemptionId) {
        CredentialModel credential = user.credentialManager().getStoredCredentialById(exemptionId);
        if (credential == null || !CREDENTIAL_TYPE.equals(credential.getType())) {
            return false;
        }
        return user.credentialManager().removeStoredCredentialById(exemptionId);
    }

    private static UserExemption read(CredentialModel credential) {
        try {
            ExemptionData data = JsonSerialization.readValue(credential.getCredentialData(), ExemptionData.class);
            return new UserExemption(credential.getId(),
                data.clients == null ? new HashSet<>() : new HashSet<>(data.clients),
                Optional.ofNullable(data.expires).map(Instant::ofEpochSecond),
                data.reason == null ? "" : data.reason,
                data.grantedBy == null ? "" : data.grantedBy,
                Instant.ofEpochSecond(data.grantedAt));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable exemption " + credential.getId(), e);
        }
    }
}
