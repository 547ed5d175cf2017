package org.staffmfa.keycloak.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that encrypt second-factor secrets, each with an id, and which one encrypts new values. Read from a key
 * file of lines {@code id=base64-of-32-random-bytes}; {@code current=id} names the key for new values, else the last
 * key listed is. Blank lines and lines starting with {@code #} are ignored. Keys are listed oldest first: values of a
 * key listed before the current one are sealed again with the current one; values of a key listed after it (a node
 * whose file is one step behind during a rotation) are left alone.
 */
public final class KeyRing {

    /** No key configured: secrets are stored as they are (Keycloak's own behaviour). */
    public static final KeyRing NONE = new KeyRing(Map.of(), null);

    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final int KEY_BYTES = 32;
    /**
     * The key of {@code realm-export/demo-secret-keys}, published with the source code for the demo and the benchmark:
     * anyone can open what it sealed, so outside development mode it may only open old values, never seal new ones.
     */
    private static final byte[] PUBLISHED_DEMO_KEY = "demo-key-not-a-secret-demo-key!!".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, SecretKey> keys;
    private final List<String> order;
    private final String currentId;

    private KeyRing(Map<String, SecretKey> keys, String currentId) {
        this.keys = Map.copyOf(keys);
        this.order = List.copyOf(keys.keySet());
        this.currentId = currentId;
    }

    /**
     * @throws IllegalArgumentException naming the line (never a key) when the text is not a valid key list
     */
    public static KeyRing parse(String text) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String current = null;
        String last = null;
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected id=base64-key or current=id");
            }
            String name = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (name.equals("current")) {
                current = value;
                continue;
            }
            if (!ID.matcher(name).matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a key id is 1-32 letters, digits, '.', '_' or '-'");
            }
            if (keys.containsKey(name)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": key id " + name + " is listed twice");
            }
            keys.put(name, key(name, value, i + 1));
            last = name;
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key listed");
        }
        if (current != null && !keys.containsKey(current)) {
            throw new IllegalArgumentException("current=" + current + " names no listed key");
        }
        return new KeyRing(keys, current != null ? current : last);
    }

    private static SecretKey key(String id, String base64, int line) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ": key " + id + " is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("line " + line + ": key " + id + " has " + bytes.length
                + " bytes; AES-256 needs " + KEY_BYTES + " (e.g. openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public boolean configured() {
        return currentId != null;
    }

    /** The id of the key that encrypts new values; empty when no key is configured. */
    public Optional<String> currentId() {
        return Optional.ofNullable(currentId);
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    /** In the order listed, oldest first. */
    public List<String> ids() {
        return order;
    }

    /** The ids of listed keys that are the published demo key (normally none). */
    public List<String> publishedKeyIds() {
        return order.stream().filter(id -> MessageDigest.isEqual(keys.get(id).getEncoded(), PUBLISHED_DEMO_KEY)).toList();
    }

    /** Whether new values would be sealed with the published demo key. */
    public boolean currentKeyPublished() {
        return currentId != null && publishedKeyIds().contains(currentId);
    }

    /** A key listed before the current one: its values are to be sealed again with the current key. */
    boolean olderThanCurrent(String id) {
        int index = order.indexOf(id);
        return currentId != null && index >= 0 && index < order.indexOf(currentId);
    }
}
