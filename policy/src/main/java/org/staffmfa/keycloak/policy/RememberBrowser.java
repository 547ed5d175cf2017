package org.staffmfa.keycloak.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the factor page offers "Remember this browser": shared circulation-desk PCs say {@code never}, personal
 * devices may say {@code always}. Declared from most to least permissive: a later constant is stricter.
 */
public enum RememberBrowser {

    /** Remember without asking. */
    ALWAYS("always"),
    /** Show the box, unticked (the default). */
    OFFER("offer"),
    /** Neither offer nor honour a remembered browser. */
    NEVER("never");

    private final String id;

    RememberBrowser(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public RememberBrowser stricter(RememberBrowser other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public static Optional<RememberBrowser> fromId(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (RememberBrowser setting : values()) {
            if (setting.id.equals(wanted)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }
}
