package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key file the harness-started servers seal second-factor secrets with ({@link TestSettings#secretKeyFile()}):
 * one random key {@code it1} at first; tests add keys, switch the current one and take keys away. The server reads
 * the file again when its modification time changes, which every write here moves forward by a second at least.
 */
public final class SecretKeyFile {

    public static final String FIRST_KEY = "it1";

    private SecretKeyFile() {
    }

    /** Creates the file with one key unless it exists; returns its path. */
    static synchronized Path ensure() {
        Path file = TestSettings.secretKeyFile();
        if (!Files.exists(file)) {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put(FIRST_KEY, randomKey());
            write(keys, FIRST_KEY);
        }
        return file;
    }

    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The keys listed now, by id (the current one is named by {@link #current()}). */
    public static synchronized Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : read().split("\\R")) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#") && !line.startsWith("current=")) {
                keys.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return keys;
    }

    public static synchronized String current() {
        for (String line : read().split("\\R")) {
            if (line.startsWith("current=")) {
                return line.substring("current=".length());
            }
        }
        throw new IllegalStateException("no current key in " + TestSettings.secretKeyFile());
    }

    /** Replaces the file's keys; {@code current} must be one of them. */
    public static synchronized void write(Map<String, String> keys, String current) {
        StringBuilder text = new StringBuilder("# Written by the integration tests; test keys only.\n");
        keys.forEach((id, key) -> text.append(id).append('=').append(key).append('\n'));
        text.append("current=").append(current).append('\n');
        Path file = TestSettings.secretKeyFile();
        try {
            FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Instant later = before.toInstant().plusSeconds(1);
            if (!Files.getLastModifiedTime(file).toInstant().isAfter(before.toInstant())) {
                Files.setLastModifiedTime(file, FileTime.from(later));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read() {
        try {
            return Files.readString(TestSettings.secretKeyFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
