package org.staffmfa.keycloak.channelsettings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings every code channel has, with their bounds and defaults (Evergreen's: email codes 30 minutes, SMS codes
 * 15 minutes). The one place these numbers live: the stored settings are checked against them, and the code factors
 * read them through them.
 */
public enum CodeSetting {

    CODE_LENGTH("code-length", false, 6, 8, 6, 6),
    CODE_VALIDITY("code-validity", true, 60, 86_400, 1_800, 900),
    RESEND_INTERVAL("resend-interval", true, 0, 3_600, 30, 30),
    MAX_RESENDS("max-resends", false, 0, 20, 3, 3),
    MAX_ATTEMPTS("max-attempts", false, 1, 20, 5, 5),
    MAX_MESSAGES_PER_HOUR("max-messages-per-hour", false, 1, 1_000, 10, 10);

    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");

    private final String key;
    private final boolean duration;
    private final long min;
    private final long max;
    private final long emailDefault;
    private final long smsDefault;

    CodeSetting(String key, boolean duration, long min, long max, long emailDefault, long smsDefault) {
        this.key = key;
        this.duration = duration;
        this.min = min;
        this.max = max;
        this.emailDefault = emailDefault;
        this.smsDefault = smsDefault;
    }

    /** The setting's name in the stored settings, e.g. {@code code-length}. */
    public String key() {
        return key;
    }

    /** Whether the value is a duration (in seconds); otherwise a count. */
    public boolean duration() {
        return duration;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    /** The default for a channel ({@code email} or {@code sms}); durations in seconds. */
    public long defaultFor(String channel) {
        return ChannelSettingsStore.EMAIL.equals(channel) ? emailDefault : smsDefault;
    }

    /**
     * Reads a stored value: a count, or a duration as whole seconds or ISO-8601 ({@code PT15M}).
     *
     * @return the value (durations in seconds) when readable and within bounds
     */
    public Optional<Long> read(String text) {
        String trimmed = text == null ? "" : text.strip();
        long value;
        try {
            if (!duration) {
                value = Long.parseLong(trimmed);
            } else if (SECONDS.matcher(trimmed).matches()) {
                value = Long.parseLong(trimmed);
            } else {
                value = Duration.parse(trimmed).getSeconds();
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
        return value >= min && value <= max ? Optional.of(value) : Optional.empty();
    }

    /** How a value is stored: counts as numbers, durations as ISO-8601 ({@code PT15M}). */
    public String write(long value) {
        return duration ? Duration.ofSeconds(value).toString() : Long.toString(value);
    }

    /** The bounds as an administrator reads them, e.g. "1 to 1440 minutes". */
    public String bounds() {
        if (!duration) {
            return min + " to " + max;
        }
        return min % 60 == 0 && max % 60 == 0 ? (min / 60) + " to " + (max / 60) + " minutes" : min + " to " + max + " seconds";
    }
}
