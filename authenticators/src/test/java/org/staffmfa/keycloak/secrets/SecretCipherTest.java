package org.staffmfa.keycloak.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static String key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private final String k1 = key();
    private final String k2 = key();
    private final SecretCipher one = new SecretCipher(KeyRing.parse("k1=" + k1));
    private final SecretCipher both = new SecretCipher(KeyRing.parse("# rotated\nk1=" + k1 + "\nk2=" + k2));

    @Test
    void aSealedValueOpensOnlyWithItsBindingAndHidesThePlainValue() {
        String sealed = one.seal("JBSWY3DPEHPK3PXP", "otp:cred-1");
        assertThat(sealed).startsWith("smfa1:k1:").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(one.seal("JBSWY3DPEHPK3PXP", "otp:cred-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(one.open(sealed, "otp:cred-1")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThatThrownBy(() -> one.open(sealed, "otp:cred-2")).as("moved to another credential")
            .isInstanceOf(SecretCipher.UnreadableSecret.class).hasMessageNotContaining("JBSWY3DPEHPK3PXP");
    }

    @Test
    void alteredTruncatedOrForeignValuesAreUnreadableAndNameOnlyTheKey() {
        String sealed = one.seal("+4915112345678", "sms:c");
        char last = sealed.charAt(sealed.length() - 1);
        String altered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> one.open(altered, "sms:c")).isInstanceOf(SecretCipher.UnreadableSecret.class);
        assertThatThrownBy(() -> one.open("smfa1:k1:AAAA", "sms:c")).isInstanceOf(SecretCipher.UnreadableSecret.class);
        assertThatThrownBy(() -> one.open("smfa1:k1:***", "sms:c")).isInstanceOf(SecretCipher.UnreadableSecret.class);
        assertThat(SecretCipher.keyIdOf("smfa1:bad\nid:AAAA")).as("no line breaks into logs").isEmpty();
        assertThatThrownBy(() -> one.open("smfa1:bad\nid:AAAA", "sms:c")).isInstanceOf(SecretCipher.UnreadableSecret.class)
            .hasMessageNotContaining("\n");
        SecretCipher other = new SecretCipher(KeyRing.parse("k1=" + key()));
        assertThatThrownBy(() -> other.open(sealed, "sms:c")).as("same id, different key")
            .isInstanceOf(SecretCipher.UnreadableSecret.class);
        SecretCipher.UnreadableSecret missing = org.junit.jupiter.api.Assertions.assertThrows(
            SecretCipher.UnreadableSecret.class, () -> new SecretCipher(KeyRing.NONE).open(sealed, "sms:c"));
        assertThat(missing.keyId()).isEqualTo("k1");
    }

    @Test
    void rotationReadsOldValuesSealsWithTheNewKeyAndSaysWhatToReseal() {
        String old = one.seal("secret", "b");
        assertThat(both.open(old, "b")).isEqualTo("secret");
        String fresh = both.seal("secret", "b");
        assertThat(SecretCipher.keyIdOf(fresh)).contains("k2");
        assertThat(both.needsResealing(old)).isTrue();
        assertThat(both.needsResealing("plain")).isTrue();
        assertThat(both.needsResealing(fresh)).isFalse();
        SecretCipher behind = new SecretCipher(KeyRing.parse("k1=" + k1 + "\nk2=" + k2 + "\ncurrent=k1"));
        assertThat(behind.seal("s", "b")).startsWith("smfa1:k1:");
        assertThat(behind.needsResealing(fresh)).as("a newer key's value is not sealed back by a node one step behind")
            .isFalse();
        assertThat(one.needsResealing(fresh)).as("a key this node does not know").isFalse();
    }

    @Test
    void withoutAKeyValuesStayPlain() {
        SecretCipher plain = new SecretCipher(KeyRing.NONE);
        assertThat(plain.seal("secret", "b")).isEqualTo("secret");
        assertThat(plain.open("secret", "b")).isEqualTo("secret");
        assertThat(plain.needsResealing("secret")).isFalse();
    }

    @Test
    void badKeyFilesAreRefusedWithoutEchoingAKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyRing.parse("k1=" + shortKey)).hasMessageContaining("AES-256 needs 32")
            .hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyRing.parse("k1=not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> KeyRing.parse("k1=" + k1 + "\nk1=" + k2)).hasMessageContaining("twice");
        assertThatThrownBy(() -> KeyRing.parse("k1=" + k1 + "\ncurrent=k9")).hasMessageContaining("names no listed key");
        assertThatThrownBy(() -> KeyRing.parse("# nothing")).hasMessageContaining("no key");
        assertThatThrownBy(() -> KeyRing.parse("bad id=" + k1)).hasMessageContaining("key id");
    }
}
