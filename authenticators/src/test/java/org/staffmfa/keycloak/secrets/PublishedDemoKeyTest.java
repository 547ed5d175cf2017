package org.staffmfa.keycloak.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key published for the demo seals nothing outside development mode, and may still open what it sealed. */
class PublishedDemoKeyTest {

    private static final Path DEMO_KEY_FILE = Path.of("../realm-export/demo-secret-keys");

    @TempDir
    Path folder;

    private static String ownKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String demoKeyLine() throws IOException {
        return Files.readAllLines(DEMO_KEY_FILE).stream().filter(line -> line.startsWith("demo1=")).findFirst().orElseThrow();
    }

    @Test
    void theKeyFileShippedWithTheDemoIsRecognisedAsPublished() {
        KeyRing demo = KeyRing.parse(read(DEMO_KEY_FILE));
        assertThat(demo.publishedKeyIds()).containsExactly("demo1");
        assertThat(demo.currentKeyPublished()).isTrue();
        KeyRing own = KeyRing.parse("k1=" + ownKey());
        assertThat(own.publishedKeyIds()).isEmpty();
        assertThat(own.currentKeyPublished()).isFalse();
    }

    @Test
    void outsideDevelopmentModeTheServerDoesNotStartWithTheDemoKeyAsTheCurrentOne() throws IOException {
        String demoKey = demoKeyLine().substring("demo1=".length());
        assertThatThrownBy(() -> KeyFile.open(DEMO_KEY_FILE.toString(), false))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the current key demo1 is the published demo key")
            .hasMessageContaining("openssl rand -base64 32")
            .hasMessageNotContaining(demoKey);
        // Renamed, it is still the same key.
        Path renamed = write("renamed", "mine=" + demoKey + "\n");
        assertThatThrownBy(() -> KeyFile.open(renamed.toString(), false)).hasMessageContaining("the current key mine");
    }

    @Test
    void inDevelopmentModeTheDemoSealsAndOpensWithIt() {
        SecretCipher cipher = KeyFile.open(DEMO_KEY_FILE.toString(), true).cipher();
        String sealed = cipher.seal("JBSWY3DPEHPK3PXP", "otp:u:c");
        assertThat(SecretCipher.keyIdOf(sealed)).contains("demo1");
        assertThat(cipher.open(sealed, "otp:u:c")).isEqualTo("JBSWY3DPEHPK3PXP");
    }

    @Test
    void aServerMovingOffTheDemoKeyOpensItsOldValuesAndSealsThemAgainWithItsOwn() throws IOException {
        String sealedWithDemo = KeyFile.open(DEMO_KEY_FILE.toString(), true).cipher().seal("JBSWY3DPEHPK3PXP", "otp:u:c");
        Path moving = write("moving", demoKeyLine() + "\nk2027=" + ownKey() + "\ncurrent=k2027\n");
        SecretCipher cipher = KeyFile.open(moving.toString(), false).cipher();
        assertThat(cipher.open(sealedWithDemo, "otp:u:c")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(cipher.needsResealing(sealedWithDemo)).isTrue();
        assertThat(SecretCipher.keyIdOf(cipher.seal("JBSWY3DPEHPK3PXP", "otp:u:c"))).contains("k2027");
    }

    @Test
    void aKeyFileChangedToTheDemoKeyWhileRunningIsNotTakenUpButTheNextOwnKeyIs() throws IOException {
        String k1 = "k1=" + ownKey() + "\n";
        Path file = write("running", k1);
        KeyFile keyFile = KeyFile.open(file.toString(), false);
        rewrite(file, k1 + demoKeyLine() + "\ncurrent=demo1\n", 5);
        assertThat(keyFile.cipher().keys().currentId()).as("the keys read before stay in use").contains("k1");
        assertThat(keyFile.cipher().keys().currentId()).as("and stay, on every use").contains("k1");
        rewrite(file, k1 + "k2=" + ownKey() + "\n", 10);
        assertThat(keyFile.cipher().keys().currentId()).as("a rotation to an own key is read as before").contains("k2");
    }

    @Test
    void aKeyFileThatDisappearsWhileRunningLeavesTheKeysReadBefore() throws IOException {
        Path file = write("vanishing", "k1=" + ownKey() + "\n");
        KeyFile keyFile = KeyFile.open(file.toString(), false);
        Files.delete(file);
        assertThat(keyFile.cipher().keys().currentId()).contains("k1");
        assertThat(keyFile.cipher().keys().currentId()).contains("k1");
    }

    @Test
    void theDemoKeyUnderAnotherIdAsTheCurrentOneIsRefusedToo() throws IOException {
        String demoKey = demoKeyLine().substring("demo1=".length());
        Path twice = write("twice", demoKeyLine() + "\ndemo2=" + demoKey.replace("=", "") + "\n");
        assertThatThrownBy(() -> KeyFile.open(twice.toString(), false))
            .as("the same bytes without base64 padding, listed last").hasMessageContaining("the current key demo2");
    }

    private static void rewrite(Path file, String text, long secondsLater) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        // The file is read again when its modification time changes; a test writes faster than the clock ticks.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
