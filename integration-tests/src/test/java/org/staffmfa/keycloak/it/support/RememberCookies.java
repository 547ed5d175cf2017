package org.staffmfa.keycloak.it.support;

import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The remember-browser cookies as a browser holds them, for tests that inspect or tamper with them. */
public final class RememberCookies {

    public static final String PREFIX = "STAFF_MFA_RB_";

    private RememberCookies() {
    }

    /** The cookie name the server uses for a user: the same scheme as the product, computed independently. */
    public static String nameFor(String realmId, String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((realmId + ":" + userId).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<HttpCookie> find(WebClient web) {
        return web.cookies().all().stream().filter(cookie -> cookie.getName().startsWith(PREFIX)).findFirst();
    }

    /** Ends the Keycloak SSO session in this browser but keeps the remember cookies, like closing the browser. */
    public static void endSsoSessionKeepingRememberCookies(WebClient web) {
        web.cookies().keepOnly(name -> name.startsWith(PREFIX));
    }
}
