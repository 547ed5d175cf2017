package org.staffmfa.keycloak.factor.codes;

import org.keycloak.models.UserModel;
import org.keycloak.models.utils.UserModelDelegate;

/**
 * The user as Keycloak's mail templates see them, but with the address the code goes to: the email factor's confirmed
 * address, which need not be the account's. Keycloak 26.7 added a destination parameter to its mail sender; this view
 * does the same on every supported minor, so there is one way to send.
 */
final class MailRecipient extends UserModelDelegate {

    private final String address;

    MailRecipient(UserModel user, String address) {
        super(user);
        this.address = address;
    }

    @Override
    public String getEmail() {
        return address;
    }

    @Override
    public void setEmail(String email) {
        throw new UnsupportedOperationException("A mail recipient's address is fixed");
    }
}
