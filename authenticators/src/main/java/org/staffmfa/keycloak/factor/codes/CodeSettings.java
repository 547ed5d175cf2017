package org.staffmfa.keycloak.factor.codes;

import java.time.Duration;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.policy.DurationValue;
import org.staffmfa.keycloak.realmpolicy.ConfigProblemLog;

/**
 * The realm's settings for email and SMS codes, read from realm attributes with their defaults (Evergreen's: email
 * codes 30 minutes, SMS codes 15 minutes). Unreadable or out-of-range values fall back to the default and are logged.
 *
 * @param digits             6 to 8
 * @param validity           how long a code can be used
 * @param resendInterval     minimum time between two sends of the same code
 * @param maxResends         resends of one code per login
 * @param maxAttempts        wrong entries after which the code is void
 * @param maxMessagesPerHour messages of this channel per user and hour (cost and flooding cap)
 */
public record CodeSettings(int digits, Duration validity, Duration resendInterval, int maxResends, int maxAttempts,
                           int maxMessagesPerHour) {

    public static final String PREFIX = "staff-mfa.";

    static final int DEFAULT_DIGITS = 6;
    static final Duration DEFAULT_EMAIL_VALIDITY = Duration.ofMinutes(30);
    static final Duration DEFAULT_SMS_VALIDITY = Duration.ofMinutes(15);
    static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_RESENDS = 3;
    static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final int DEFAULT_MAX_MESSAGES_PER_HOUR = 10;

    /** Attribute names, e.g. {@code staff-mfa.sms.code-length}. */
    public static String attribute(Channel channel, String setting) {
        return PREFIX + channel.id() + "." + setting;
    }

    public static CodeSettings of(KeycloakSession session, RealmModel realm, Channel channel) {
        Reader reader = new Reader(session, realm, channel);
        return new CodeSettings(
            reader.integer("code-length", DEFAULT_DIGITS, 6, 8),
            reader.duration("code-validity", channel == Channel.EMAIL ? DEFAULT_EMAIL_VALIDITY : DEFAULT_SMS_VALIDITY,
                Duration.ofMinutes(1), Duration.ofDays(1)),
            reader.duration("resend-interval", DEFAULT_RESEND_INTERVAL, Duration.ZERO, Duration.ofHours(1)),
            reader.integer("max-resends", DEFAULT_MAX_RESENDS, 0, 20),
            reader.integer("max-attempts", DEFAULT_MAX_ATTEMPTS, 1, 20),
            reader.integer("max-messages-per-hour", DEFAULT_MAX_MESSAGES_PER_HOUR, 1, 1000));
    }

    private record Reader(KeycloakSession session, RealmModel realm, Channel channel) {

        int integer(String setting, int defaultValue, int min, int max) {
            Optional<String> value = value(setting);
            if (value.isEmpty()) {
                return defaultValue;
            }
            try {
                int parsed = Integer.parseInt(value.get().trim());
                if (parsed >= min && parsed <= max) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            report(setting, value.get(), defaultValue + " (allowed: " + min + " to " + max + ")");
            return defaultValue;
        }

        Duration duration(String setting, Duration defaultValue, Duration min, Duration max) {
            Optional<String> value = value(setting);
            if (value.isEmpty()) {
                return defaultValue;
            }
            Optional<Duration> parsed = DurationValue.parse(value.get())
                .filter(duration -> duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0);
            if (parsed.isPresent()) {
                return parsed.get();
            }
            report(setting, value.get(), defaultValue + " (allowed: " + min + " to " + max + ")");
            return defaultValue;
        }

        private Optional<String> value(String setting) {
            return Optional.ofNullable(realm.getAttribute(attribute(channel, setting))).filter(v -> !v.isBlank());
        }

        private void report(String setting, String value, String applied) {
            ConfigProblemLog.reportOnce(session, realm, new ConfigProblem("realm", attribute(channel, setting), value, applied));
        }
    }
}
