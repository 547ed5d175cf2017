package org.staffmfa.keycloak.otp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

/**
 * The {@code otpauth://} URI authenticator apps read from the QR code (Google Authenticator key URI format):
 * {@code otpauth://totp/Issuer:account?secret=...&issuer=Issuer&algorithm=SHA1&digits=6&period=30}.
 */
public final class OtpAuthUri {

    private OtpAuthUri() {
    }

    public static String totp(String issuer, String account, String base32Secret, OtpAlgorithm algorithm, int digits,
                              int periodSeconds) {
        return build("totp", issuer, account, base32Secret, algorithm, digits) + "&period=" + periodSeconds;
    }

    public static String hotp(String issuer, String account, String base32Secret, OtpAlgorithm algorithm, int digits,
                              long counter) {
        return build("hotp", issuer, account, base32Secret, algorithm, digits) + "&counter=" + counter;
    }

    private static String build(String type, String issuer, String account, String secret, OtpAlgorithm algorithm, int digits) {
        // A colon separates issuer and account in the label, so neither may contain one.
        String encodedIssuer = encode(issuer.replace(':', ' '));
        String encodedAccount = encode(account.replace(':', ' '));
        return "otpauth://" + type + "/" + encodedIssuer + ":" + encodedAccount
            + "?secret=" + secret
            + "&issuer=" + encodedIssuer
            + "&algorithm=" + algorithm.uriName()
            + "&digits=" + digits;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
