package org.staffmfa.keycloak.benchmark;

import java.security.SecureRandom;
import java.util.Base64;

import org.staffmfa.keycloak.secrets.KeyRing;
import org.staffmfa.keycloak.secrets.SecretCipher;

/**
 * What sealing second-factor secrets costs a login: opening one sealed authenticator-app secret (a login opens one per
 * app the user has, until one matches) and sealing one (enrolment, or a plain value's first use). AES-256-GCM with a
 * random nonce; the JIT is warmed up first.
 */
final class SecretCipherCheck {

    record Result(double microsToOpen, double microsToSeal) {
    }

    static Result run() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretCipher cipher = new SecretCipher(KeyRing.parse("bench=" + Base64.getEncoder().encodeToString(key)));
        String secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        String binding = "otp:0b4e7a0e-5b1c-4a3e-9f1c-2d7e8f9a0b1c";
        String sealed = cipher.seal(secret, binding);
        long sink = 0;
        for (int i = 0; i < 50_000; i++) {
            sink += cipher.open(sealed, binding).length() + cipher.seal(secret, binding).length();
        }
        int rounds = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += cipher.open(sealed, binding).length();
        }
        double open = (System.nanoTime() - start) / 1000.0 / rounds;
        start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            sink += cipher.seal(secret, binding).length();
        }
        double seal = (System.nanoTime() - start) / 1000.0 / rounds;
        if (sink == 42) {
            System.out.print("");
        }
        return new Result(open, seal);
    }
}
