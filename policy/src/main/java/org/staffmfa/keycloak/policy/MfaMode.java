package org.staffmfa.keycloak.policy;

import java.util.Locale;
import java.util.Optional;

/** Evergreen's MFA modes on a group. Declared weakest first: a later constant is stronger. */
public enum MfaMode {

    /** No second factor is asked for. */
    OFF("off"),
    /** A user with a factor must use it; a user without one is offered enrolment with "Skip for now". */
    ALLOWED("allowed"),
    /** The user must pass a second factor; a user without one must enrol first. */
    REQUIRED("required");

    private final String id;

    MfaMode(String id) {
        this.id = id;
    }

    /** The value written in attributes and shown to administrators. */
    public String id() {
        return id;
    }

    public boolean isStrongerThan(MfaMode other) {
        return compareTo(other) > 0;
    }

    /** Accepts the id in any letter case, surrounded by white space. */
    public static Optional<MfaMode> fromId(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (MfaMode mode : values()) {
            if (mode.id.equals(wanted)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
