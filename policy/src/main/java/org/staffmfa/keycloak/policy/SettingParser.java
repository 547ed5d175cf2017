package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads policy values as administrators type them. A value that cannot be read is never taken as "less MFA": it
 * gets the stricter reading and is reported as a {@link ConfigProblem}.
 */
final class SettingParser {

    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;\\s]+");

    private final Set<ConfigProblem> problems = new LinkedHashSet<>();

    /** Each problem once, even when a shared ancestor group is read for several memberships. */
    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** An unreadable mode counts as {@code required}. */
    MfaMode mode(String source, String attribute, String value) {
        Optional<MfaMode> mode = MfaMode.fromId(value);
        if (mode.isEmpty()) {
            problems.add(new ConfigProblem(source, attribute, value, "required (the strictest mode)"));
        }
        return mode.orElse(MfaMode.REQUIRED);
    }

    /** Unknown entries are left out (they allow nothing); the known ones still count. */
    Set<Factor> factors(String source, String attribute, String value) {
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        List<String> unknown = new ArrayList<>();
        for (String entry : LIST_SEPARATOR.split(value.trim())) {
            if (entry.isEmpty()) {
                continue;
            }
            Factor.fromId(entry).ifPresentOrElse(factors::add, () -> unknown.add(entry));
        }
        if (!unknown.isEmpty()) {
            problems.add(new ConfigProblem(source, attribute, value,
                "only the known factors " + ids(factors) + " (unknown: " + String.join(", ", unknown) + ")"));
        }
        return factors;
    }

    /** An unreadable remember setting counts as {@code never}. */
    RememberBrowser remember(String source, String attribute, String value) {
        Optional<RememberBrowser> setting = RememberBrowser.fromId(value);
        if (setting.isEmpty()) {
            problems.add(new ConfigProblem(source, attribute, value, "never (the strictest setting)"));
        }
        return setting.orElse(RememberBrowser.NEVER);
    }

    /** Seconds or ISO-8601; anything else, or a negative duration, counts as 0 (ask at every login). */
    Duration interval(String source, String attribute, String value) {
        Optional<Duration> interval = DurationValue.parse(value).filter(duration -> !duration.isNegative());
        if (interval.isPresent()) {
            return interval.get();
        }
        problems.add(new ConfigProblem(source, attribute, value, "0 (ask at every login)"));
        return Duration.ZERO;
    }

    /**
     * An ISO-8601 date and time with offset ({@code 2027-01-31T23:59:59+01:00} or {@code …Z}). What cannot be read is
     * taken strictly: an unreadable deadline has passed ({@code strictValue} = the epoch), an unreadable grace gives
     * none (empty).
     */
    Optional<Instant> instant(String source, String attribute, String value, Optional<Instant> strictValue) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.trim()).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            problems.add(new ConfigProblem(source, attribute, value,
                strictValue.isPresent() ? "a deadline that has passed" : "no grace"));
            return strictValue;
        }
    }

    /** A count of skips; anything else counts as 0 (no skip left). */
    int skips(String source, String attribute, String value) {
        try {
            int skips = Integer.parseInt(value.trim());
            if (skips >= 0) {
                return skips;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ConfigProblem(source, attribute, value, "0 (no skip left)"));
        return 0;
    }

    /**
     * An unreadable minimum counts as {@code SHA256}: stricter than the default, yet one that every app offering more
     * than SHA-1 supports; {@code SHA512} only when an administrator chose it (fewer apps can do it).
     */
    OtpAlgorithm appAlgorithm(String source, String attribute, String value) {
        Optional<OtpAlgorithm> algorithm = OtpAlgorithm.fromName(value);
        if (algorithm.isEmpty()) {
            problems.add(new ConfigProblem(source, attribute, value, "SHA256"));
        }
        return algorithm.orElse(OtpAlgorithm.SHA256);
    }

    static String ids(Set<Factor> factors) {
        return factors.isEmpty() ? "(none)" : String.join(", ", factors.stream().map(Factor::id).toList());
    }
}
