package org.staffmfa.keycloak.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.staffmfa.keycloak.policy.OtpAlgorithm;

/** The test vectors of RFC 4226 (Appendix D) and RFC 6238 (Appendix B). */
class HotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 =
        "1234567890123456789012345678901234567890123456789012345678901234".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "RFC 4226 counter {0} -> {1}")
    @CsvSource({
        "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
        "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"})
    void rfc4226Vectors(long counter, String expected) {
        assertThat(Hotp.code(SEED_SHA1, counter, OtpAlgorithm.SHA1, 6)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "RFC 6238 T={0} {2} -> {1}")
    @CsvSource({
        "59, 94287082, SHA1",
        "59, 46119246, SHA256",
        "59, 90693936, SHA512",
        "1111111109, 07081804, SHA1",
        "1111111109, 68084774, SHA256",
        "1111111109, 25091201, SHA512",
        "1111111111, 14050471, SHA1",
        "1111111111, 67062674, SHA256",
        "1111111111, 99943326, SHA512",
        "1234567890, 89005924, SHA1",
        "1234567890, 91819424, SHA256",
        "1234567890, 93441116, SHA512",
        "2000000000, 69279037, SHA1",
        "2000000000, 90698825, SHA256",
        "2000000000, 38618901, SHA512",
        "20000000000, 65353130, SHA1",
        "20000000000, 77737706, SHA256",
        "20000000000, 47863826, SHA512"})
    void rfc6238Vectors(long epochSeconds, String expected, OtpAlgorithm algorithm) {
        byte[] seed = switch (algorithm) {
            case SHA1 -> SEED_SHA1;
            case SHA256 -> SEED_SHA256;
            case SHA512 -> SEED_SHA512;
        };

        String code = Hotp.code(seed, OtpMatcher.timeStep(epochSeconds, 30), algorithm, 8);

        assertThat(code).isEqualTo(expected);
    }
}
