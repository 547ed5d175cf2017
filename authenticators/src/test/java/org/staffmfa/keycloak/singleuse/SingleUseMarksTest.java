package org.staffmfa.keycloak.singleuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;

class SingleUseMarksTest {

    private static final String REALM = "5b0f4b1e-4c55-4a8c-9d41-2f1f2c9a9d10";

    @Test
    void everyKeyCarriesThePrefixThePurposeAndTheRealm() {
        for (Purpose purpose : Purpose.values()) {
            String key = SingleUseMarks.key(purpose, REALM, "part");

            assertThat(key).startsWith("staff-mfa.").contains("." + REALM + ".").endsWith(".part");
            assertThat(key.split("\\.")[1]).isNotBlank();
        }
    }

    @Test
    void purposesNeverShareAKey() {
        assertThat(Stream.of(Purpose.values()).map(purpose -> SingleUseMarks.key(purpose, REALM, "x")).distinct())
            .hasSize(Purpose.values().length);
    }

    @Test
    void theSameCodeInTwoRealmsOrForTwoCredentialsIsTwoKeys() {
        assertThat(SingleUseMarks.key(Purpose.OTP_CODE, "realm-a", "cred-1", "123456"))
            .isNotEqualTo(SingleUseMarks.key(Purpose.OTP_CODE, "realm-b", "cred-1", "123456"))
            .isNotEqualTo(SingleUseMarks.key(Purpose.OTP_CODE, "realm-a", "cred-2", "123456"));
    }

    @Test
    void keycloaksOwnOtpKeyFormIsNeverProduced() {
        // Keycloak's OTP form keeps "<credential id>.<code>" in the same store.
        assertThat(SingleUseMarks.key(Purpose.OTP_CODE, REALM, "cred-1", "123456")).isNotEqualTo("cred-1.123456")
            .doesNotStartWith("cred-1.");
    }

    @Test
    void partsThatAreNotPlainIdsAreHashedSoThatNoSeparatorGetsIn() {
        for (String part : List.of("a.b", "x y", "é", "", "a/b", "${vault.x}", "f:ldap:4711", "x".repeat(129))) {
            String key = SingleUseMarks.key(Purpose.CODE_ENTRY, REALM, part, "1");

            assertThat(key).as(part).matches("staff-mfa\\.code-entry\\." + REALM + "\\.h[0-9a-f]{64}\\.1");
        }
        assertThat(SingleUseMarks.key(Purpose.CODE_ENTRY, REALM, "a.b")).isNotEqualTo(SingleUseMarks.key(Purpose.CODE_ENTRY, REALM, "a", "b"));
    }

    @Test
    void anImportedRealmIdThatIsNotPlainIsHashedIntoOnePart() {
        String key = SingleUseMarks.key(Purpose.MESSAGE_SLOT, "my.realm/with odd chars", "user", "sms", "0");

        assertThat(key).matches("staff-mfa\\.message-slot\\.h[0-9a-f]{64}\\.user\\.sms\\.0");
    }

    @Test
    void noOtherClassOfTheExtensionTouchesTheSingleUseStore() throws IOException {
        Path main = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> users = files.filter(file -> file.toString().endsWith(".java"))
                .filter(file -> read(file).contains("singleUseObjects()"))
                .toList();

            assertThat(users).containsExactly(main.resolve("org/staffmfa/keycloak/singleuse/SingleUseMarks.java"));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
