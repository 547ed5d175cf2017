package org.staffmfa.keycloak.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.jboss.logging.Logger;

/**
 * The server's key file (server option {@value #OPTION}), read at start and again whenever its modification time
 * changes, so that a key added for rotation is used without a restart. A file that cannot be read at start stops the
 * server (secrets must never be stored in clear by mistake); one that breaks later keeps the keys read before and is
 * logged. Each node reads its own copy: deploy the same file to every node.
 */
public final class KeyFile {

    /** {@code --spi-admin-realm-restapi-extension--staff-mfa--secret-keys-file=/path}. */
    public static final String OPTION = "secret-keys-file";

    private static final Logger LOG = Logger.getLogger(KeyFile.class);

    private final Path path;
    private volatile Snapshot snapshot;
    /** The modification time of a version that could not be read: not read (nor logged) again until it changes. */
    private volatile FileTime unreadable;

    private record Snapshot(FileTime modified, SecretCipher cipher) {
    }

    private KeyFile(Path path, Snapshot snapshot) {
        this.path = path;
        this.snapshot = snapshot;
    }

    /** @param path the option's value; null or blank: no encryption */
    public static KeyFile open(String path) {
        if (path == null || path.isBlank()) {
            LOG.warnf("Staff MFA: second-factor secrets (authenticator-app keys, email addresses and phone numbers of "
                + "code factors) are stored NOT encrypted, as Keycloak stores them. Set the server option "
                + "--spi-admin-realm-restapi-extension--staff-mfa--%s to a key file to encrypt them (docs/secrets.md).",
                OPTION);
            return new KeyFile(null, new Snapshot(null, new SecretCipher(KeyRing.NONE)));
        }
        Path file = Path.of(path.strip());
        try {
            return new KeyFile(file, read(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Staff MFA: the key file " + file + " (option " + OPTION + ") cannot be used: "
                + e.getMessage(), e);
        }
    }

    private static Snapshot read(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        KeyRing ring = KeyRing.parse(Files.readString(file, StandardCharsets.UTF_8));
        return new Snapshot(modified, new SecretCipher(ring));
    }

    /** The cipher with the file's current keys. */
    public SecretCipher cipher() {
        Snapshot current = snapshot;
        if (path == null) {
            return current.cipher();
        }
        FileTime modified = null;
        try {
            modified = Files.getLastModifiedTime(path);
            if (!modified.equals(current.modified()) && !modified.equals(unreadable)) {
                Snapshot fresh = read(path);
                snapshot = fresh;
                LOG.infof("Staff MFA: key file %s read again: keys %s, current %s", path, fresh.cipher().keys().ids(),
                    fresh.cipher().keys().currentId().orElse("-"));
                return fresh.cipher();
            }
        } catch (IOException | IllegalArgumentException e) {
            unreadable = modified;
            LOG.errorf("Staff MFA: key file %s cannot be read now (%s); keeping the keys read before until it changes",
                path, e.getMessage());
        }
        return current.cipher();
    }
}
