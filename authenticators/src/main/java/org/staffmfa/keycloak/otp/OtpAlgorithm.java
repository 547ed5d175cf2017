package org.staffmfa.keycloak.otp;

import java.util.Optional;

/** HMAC algorithms of RFC 6238, with the names Java, Keycloak's OTP policy and otpauth URIs use for them. */
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

    /** Accepts {@code HmacSHA256} as well as {@code SHA256}. */
    public static Optional<OtpAlgorithm> fromName(String name) {
        for (OtpAlgorithm algorithm : values()) {
            if (algorithm.javaName.equalsIgnoreCase(name) || algorithm.uriName.equalsIgnoreCase(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
