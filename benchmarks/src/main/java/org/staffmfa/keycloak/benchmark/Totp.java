package org.staffmfa.keycloak.benchmark;

import org.staffmfa.keycloak.otp.Hotp;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

/** TOTP codes (SHA-1, 6 digits, 30 s) for the known secrets of the benchmark users. */
final class Totp {

    static final int PERIOD_SECONDS = 30;

    private Totp() {
    }

    static long currentStep() {
        return System.currentTimeMillis() / 1000 / PERIOD_SECONDS;
    }

    static String code(byte[] secret, long step) {
        return Hotp.code(secret, step, OtpAlgorithm.SHA1, 6);
    }

    /** RFC 4648 base32 without padding, as Keycloak stores TOTP secrets. */
    static String base32(byte[] bytes) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
