package org.staffmfa.keycloak.policy;

import java.util.Optional;

/**
 * HMAC algorithms of RFC 6238, with the names Java, Keycloak's OTP policy and otpauth URIs use for them; declared from
 * weakest to strongest, so that a group's minimum ({@link PolicyAttributes#TOTP_MIN_ALGORITHM}) compares by order.
 */
public enum OtpAlgorithm {

    SHA1("HmacSHA1", "SHA1"),
    SHA256("HmacSHA256", "SHA256"),
    SHA512("HmacSHA512", "SHA512");

    private final String javaName;
    private final String uriName;

    OtpAlgorithm(String javaName, String uriName) {
        this.javaName = javaName;
        this.uriName = uriName;
    }

    /** {@code HmacSHA1}: the JCA name, which is also what Keycloak's OTP policy and credentials store. */
    public String javaName() {
        return javaName;
    }

    /** {@code SHA1}: the name in an otpauth URI. */
    public String uriName() {
        return uriName;
    }

    public boolean weakerThan(OtpAlgorithm other) {
        return compareTo(other) < 0;
    }

    public static OtpAlgorithm stronger(OtpAlgorithm a, OtpAlgorithm b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Accepts {@code HmacSHA256} and {@code SHA-256} as well as {@code SHA256}. */
    public static Optional<OtpAlgorithm> fromName(String name) {
        String plain = name == null ? "" : name.trim().replace("-", "");
        for (OtpAlgorithm algorithm : values()) {
            if (algorithm.javaName.equalsIgnoreCase(plain) || algorithm.uriName.equalsIgnoreCase(plain)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
