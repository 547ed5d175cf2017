package org.staffmfa.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.keycloak.models.utils.Base32;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

class OtpAuthUriTest {

    @Test
    void totpUriCarriesIssuerLabelAndParameters() {
        String uri = OtpAuthUri.totp("Library: Staff", "a6f1-42", "JBSWY3DPEHPK3PXP", OtpAlgorithm.SHA256, 8, 60);

        assertThat(uri).isEqualTo("otpauth://totp/Library%20%20Staff:a6f1-42?secret=JBSWY3DPEHPK3PXP"
            + "&issuer=Library%20%20Staff&algorithm=SHA256&digits=8&period=60");
    }

    @Test
    void hotpUriCarriesTheCounter() {
        assertThat(OtpAuthUri.hotp("Lib", "bob", "AAAA", OtpAlgorithm.SHA1, 6, 3)).endsWith("&digits=6&counter=3")
            .startsWith("otpauth://hotp/Lib:bob?");
    }

    @Test
    void generatedSecretHasTheRequestedLengthAndNoPadding() {
        String secret = OtpSecret.generateBase32(new SecureRandom(), 20);

        assertThat(secret).doesNotContain("=").hasSize(32);
        assertThat(Base32.decode(secret)).hasSize(20);
        assertThat(OtpSecret.grouped("ABCDEFGHIJ")).isEqualTo("ABCD EFGH IJ");
    }
}
