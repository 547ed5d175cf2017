package org.staffmfa.keycloak.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

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

    /** Stands for "the file's modification time cannot be read" (deleted, no permission) in {@link #unreadable}. */
    private static final FileTime NO_MODIFICATION_TIME = FileTime.fromMillis(Long.MIN_VALUE);

    private final Path path;
    private final boolean developmentMode;
    private volatile Snapshot snapshot;
    /** The version that could not be read (or {@link #NO_MODIFICATION_TIME}): not read nor logged again until it changes. */
    private volatile FileTime unreadable;

    private record Snapshot(FileTime modified, SecretCipher cipher) {
    }

    private KeyFile(Path path, boolean developmentMode, Snapshot snapshot) {
        this.path = path;
        this.developmentMode = developmentMode;
        this.snapshot = snapshot;
    }

    /**
     * @param path            the option's value; null or blank: no encryption
     * @param developmentMode Keycloak runs {@code start-dev}: the published demo key may seal values (the demo does)
     */
    public static KeyFile open(String path, boolean developmentMode) {
        if (path == null || path.isBlank()) {
            LOG.warnf("Staff MFA: second-factor secrets (authenticator-app keys, email addresses and phone numbers of "
                + "code factors) are stored NOT encrypted, as Keycloak stores them. Set the server option "
                + "--spi-admin-realm-restapi-extension--staff-mfa--%s to a key file to encrypt them (docs/secrets.md).",
                OPTION);
            return new KeyFile(null, developmentMode, new Snapshot(null, new SecretCipher(KeyRing.NONE)));
        }
        Path file = Path.of(path.strip());
        try {
            return new KeyFile(file, developmentMode, read(file, developmentMode));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Staff MFA: the key file " + file + " (option " + OPTION + ") cannot be used: "
                + e.getMessage(), e);
        }
    }

    private static Snapshot read(Path file, boolean developmentMode) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        KeyRing ring = KeyRing.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!developmentMode) {
            refusePublishedCurrentKey(ring);
        }
        List<String> published = ring.publishedKeyIds();
        if (!published.isEmpty()) {
            LOG.warnf("Staff MFA: key file %s lists the published demo key (%s): anyone can open the values it sealed. "
                + "%s", file, String.join(", ", published), ring.currentKeyPublished()
                ? "Development mode only: never keep real staff data on this server."
                : "Seal them again with the current key (POST .../staff-mfa/secrets/re-encrypt, docs/secrets.md), then "
                    + "remove it from the file.");
        }
        return new Snapshot(modified, new SecretCipher(ring));
    }

    /**
     * A server outside development mode never seals with the demo key: its secrets would be readable by anyone who has
     * the source code and a database dump — exactly what the key file is for.
     */
    private static void refusePublishedCurrentKey(KeyRing ring) {
        if (ring.currentKeyPublished()) {
            String id = ring.currentId().orElseThrow();
            throw new IllegalArgumentException("the current key " + id + " is the published demo key "
                + "(realm-export/demo-secret-keys); anyone can open what it seals. Make a key of your own "
                + "(openssl rand -base64 32), list it after " + id + ", name it in current=, and re-encrypt "
                + "(docs/secrets.md). Only development mode (start-dev) accepts the demo key as the current one.");
        }
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
                Snapshot fresh = read(path, developmentMode);
                snapshot = fresh;
                LOG.infof("Staff MFA: key file %s read again: keys %s, current %s", path, fresh.cipher().keys().ids(),
                    fresh.cipher().keys().currentId().orElse("-"));
                return fresh.cipher();
            }
        } catch (IOException | IllegalArgumentException e) {
            FileTime version = modified == null ? NO_MODIFICATION_TIME : modified;
            if (!version.equals(unreadable)) {
                LOG.errorf("Staff MFA: key file %s cannot be read now (%s); keeping the keys read before until it changes",
                    path, e instanceof NoSuchFileException ? "no such file" : e.getMessage());
            }
            unreadable = version;
        }
        return current.cipher();
    }
}
