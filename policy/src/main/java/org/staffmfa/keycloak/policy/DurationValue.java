package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a duration as administrators write them in every setting of the extension: whole seconds ({@code 43200}) or
 * ISO-8601 ({@code PT12H}, {@code P1D}). Each caller applies its own bounds and its own reading of a bad value.
 * Writes them back in the form an administrator would have written: whole days as days ({@code P30D}, not Java's
 * {@code PT720H}), everything else as Java writes it ({@code PT8H}, {@code PT1H30M}).
 */
public final class DurationValue {

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,12}");

    private DurationValue() {
    }

    /** @return the duration (possibly negative: ISO-8601 allows it), or empty when the text is neither form */
    public static Optional<Duration> parse(String value) {
        String trimmed = value.strip();
        try {
            return Optional.of(SECONDS.matcher(trimmed).matches()
                ? Duration.ofSeconds(Long.parseLong(trimmed))
                : Duration.parse(trimmed));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** @return the ISO-8601 text of the duration, whole days written as {@code PnD} */
    public static String write(Duration duration) {
        if (!duration.isZero() && duration.toNanos() % Duration.ofDays(1).toNanos() == 0) {
            return "P" + duration.toDays() + "D";
        }
        return duration.toString();
    }
}
