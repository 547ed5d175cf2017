package org.staffmfa.keycloak.it.webauthn;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/** Security keys for Chromium: Selenium's virtual authenticator, like a FIDO2 USB key with a PIN. */
public final class VirtualKeys {

    private VirtualKeys() {
    }

    public static VirtualAuthenticator plugIn(WebDriver driver) {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
            .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
            .setTransport(VirtualAuthenticatorOptions.Transport.USB)
            .setHasResidentKey(true)
            .setHasUserVerification(true)
            .setIsUserVerified(true)
            .setIsUserConsenting(true));
    }

    public static void unplug(WebDriver driver, VirtualAuthenticator key) {
        ((HasVirtualAuthenticator) driver).removeVirtualAuthenticator(key);
    }
}
