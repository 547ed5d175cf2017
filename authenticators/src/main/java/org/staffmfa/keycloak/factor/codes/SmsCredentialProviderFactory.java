package org.staffmfa.keycloak.factor.codes;

import org.keycloak.credential.CredentialProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Registers the {@code staff-mfa-sms} credential type. */
public final class SmsCredentialProviderFactory implements CredentialProviderFactory<ContactCredentialProvider> {

    @Override
    public String getId() {
        return Channel.SMS.credentialType();
    }

    @Override
    public ContactCredentialProvider create(KeycloakSession session) {
        return new ContactCredentialProvider(session, Channel.SMS);
    }
}
