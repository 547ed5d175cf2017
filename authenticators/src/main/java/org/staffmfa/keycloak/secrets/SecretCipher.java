package org.staffmfa.keycloak.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a second-factor secret with AES-256-GCM before it reaches the database: a random 96-bit nonce per value, and
 * the value's binding (credential type and id) as associated data, so a sealed value copied into another credential
 * does not open. A sealed value reads {@code smfa1:<key id>:<base64url(nonce | ciphertext | tag)>}; anything else is a
 * plain value from before encryption was configured.
 */
public final class SecretCipher {

    static final String PREFIX = "smfa1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final KeyRing keys;

    public SecretCipher(KeyRing keys) {
        this.keys = keys;
    }

    public KeyRing keys() {
        return keys;
    }

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The id of the key that sealed this value, if it is sealed. */
    public static Optional<String> keyIdOf(String value) {
        if (!isSealed(value)) {
            return Optional.empty();
        }
        int end = value.indexOf(':', PREFIX.length());
        // Only a well-formed id: the id ends up in logs and events, and a value may come from a user's form.
        return end < 0 ? Optional.empty()
            : Optional.of(value.substring(PREFIX.length(), end)).filter(id -> KeyRing.ID.matcher(id).matches());
    }

    /** Sealed with the current key; unchanged when no key is configured. */
    public String seal(String plain, String binding) {
        if (!keys.configured()) {
            return plain;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + keys.currentId().orElseThrow() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plain value: a sealed one opened with its key, a plain one as it is.
     *
     * @throws UnreadableSecret when the key is not configured here, or the value was altered or moved
     */
    public String open(String value, String binding) {
        if (!isSealed(value)) {
            return value;
        }
        String keyId = keyIdOf(value).orElseThrow(() -> new UnreadableSecret("?", "malformed"));
        SecretKey key = keys.key(keyId).orElseThrow(() -> new UnreadableSecret(keyId, "key not configured"));
        try {
            byte[] in = Base64.getUrlDecoder().decode(value.substring(PREFIX.length() + keyId.length() + 1));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new UnreadableSecret(keyId, "too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecret(keyId, "malformed");
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableSecret(keyId, "does not open with this key (altered, moved or a different key)");
        } catch (GeneralSecurityException e) {
            throw new UnreadableSecret(keyId, e.getClass().getSimpleName());
        }
    }

    /**
     * Whether the value should be sealed again: plain while a key is configured, or sealed with a key listed before the
     * current one. A value of a key this node does not know, or lists after its current one, is left alone: during a
     * rotation another node may already use the newer key, and sealing back would lock those users out there.
     */
    public boolean needsResealing(String value) {
        if (!keys.configured() || value == null) {
            return false;
        }
        if (!isSealed(value)) {
            return true;
        }
        return keyIdOf(value).filter(keys::olderThanCurrent).isPresent();
    }

    /** A value that cannot be opened here; says which key, never anything of the value. */
    public static final class UnreadableSecret extends RuntimeException {

        private final String keyId;

        UnreadableSecret(String keyId, String reason) {
            super("sealed with key " + keyId + ": " + reason, null, false, false);
            this.keyId = keyId;
        }

        public String keyId() {
            return keyId;
        }
    }
}
