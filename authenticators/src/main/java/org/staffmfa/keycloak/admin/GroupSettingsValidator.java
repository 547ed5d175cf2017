package org.staffmfa.keycloak.admin;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.staffmfa.keycloak.policy.DurationValue;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.policy.RememberBrowser;

/**
 * Checks MFA settings before they are stored. Unlike the login-time reader (which takes anything unreadable strictly
 * and logs it), the API refuses every value it cannot read, so that what is stored is what the administrator meant.
 */
final class GroupSettingsValidator {

    /** Ten years: anything longer is a typo; the realm's cap applies to every interval anyway. */
    private static final Duration LONGEST_INTERVAL = Duration.ofDays(3650);
    /** More skips than anyone would allow: a typo. */
    private static final int MOST_SKIPS = 1000;
    /** A reminder more than three months ahead reminds of nothing. */
    private static final int MOST_REMINDER_DAYS = 90;

    private GroupSettingsValidator() {
    }

    /** @return the settings to store (attribute name → canonical value); inherited settings are absent */
    static Map<String, String> validate(GroupSettings settings) {
        if (settings == null) {
            throw new BadInput("A JSON body is required, e.g. {\"mode\": \"required\", \"factors\": [\"totp\"]}");
        }
        Map<String, String> stored = new LinkedHashMap<>();
        if (settings.mode() != null) {
            stored.put(PolicyAttributes.MODE, mode(settings.mode()).id());
        }
        if (settings.factors() != null) {
            stored.put(PolicyAttributes.FACTORS, factors(settings.factors()));
        }
        if (settings.recheckInterval() != null) {
            stored.put(PolicyAttributes.RECHECK_INTERVAL, DurationValue.write(interval("recheckInterval", settings.recheckInterval())));
        }
        if (settings.rememberBrowser() != null) {
            stored.put(PolicyAttributes.REMEMBER_BROWSER, remember(settings.rememberBrowser()).id());
        }
        if (settings.enrolBy() != null) {
            stored.put(PolicyAttributes.ENROL_BY, instant("enrolBy", settings.enrolBy()));
        }
        if (settings.maxSkips() != null) {
            if (settings.maxSkips() < 0 || settings.maxSkips() > MOST_SKIPS) {
                throw new BadInput("\"maxSkips\" must be between 0 and " + MOST_SKIPS + ", or null to inherit");
            }
            stored.put(PolicyAttributes.MAX_SKIPS, Integer.toString(settings.maxSkips()));
        }
        if (settings.graceUntil() != null) {
            stored.put(PolicyAttributes.GRACE_UNTIL, instant("graceUntil", settings.graceUntil()));
        }
        if (settings.remindDaysBefore() != null) {
            if (settings.remindDaysBefore() < 1 || settings.remindDaysBefore() > MOST_REMINDER_DAYS) {
                throw new BadInput("\"remindDaysBefore\" must be between 1 and " + MOST_REMINDER_DAYS
                    + " (days before the deadline), or null for no reminder");
            }
            stored.put(PolicyAttributes.REMIND_DAYS_BEFORE, Integer.toString(settings.remindDaysBefore()));
        }
        if (settings.totpMinAlgorithm() != null) {
            stored.put(PolicyAttributes.TOTP_MIN_ALGORITHM, appAlgorithm(settings.totpMinAlgorithm()).uriName());
        }
        return stored;
    }

    static OtpAlgorithm appAlgorithm(String value) {
        return OtpAlgorithm.fromName(value).orElseThrow(() -> new BadInput("\"totpMinAlgorithm\" must be one of "
            + ids(Stream.of(OtpAlgorithm.values()).map(OtpAlgorithm::uriName)) + ", or null to inherit; got \""
            + shortened(value) + "\""));
    }

    static MfaMode mode(String value) {
        return MfaMode.fromId(value).orElseThrow(() -> new BadInput("\"mode\" must be one of "
            + ids(Stream.of(MfaMode.values()).map(MfaMode::id)) + ", or null to inherit; got \"" + shortened(value) + "\""));
    }

    static String factors(List<String> values) {
        if (values.isEmpty() || values.size() > Factor.values().length * 2) {
            throw new BadInput("\"factors\" must list between 1 and " + Factor.values().length + " of "
                + ids(Stream.of(Factor.values()).map(Factor::id)) + ", or be null to inherit");
        }
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        for (String value : values) {
            factors.add(Factor.fromId(value == null ? "" : value).orElseThrow(() -> new BadInput("Unknown factor \""
                + shortened(value) + "\"; known factors: " + ids(Stream.of(Factor.values()).map(Factor::id)))));
        }
        return factors.stream().map(Factor::id).collect(Collectors.joining(", "));
    }

    static Duration interval(String field, String value) {
        return DurationValue.parse(value)
            .filter(interval -> !interval.isNegative() && interval.compareTo(LONGEST_INTERVAL) <= 0)
            .orElseThrow(() -> new BadInput("\"" + field + "\" must be seconds (43200) or an ISO-8601 duration (PT12H) "
                + "between 0 and " + LONGEST_INTERVAL.toDays() + " days; got \"" + shortened(value) + "\""));
    }

    /** An ISO-8601 date and time with offset, stored as UTC ({@code 2027-01-31T22:59:59Z}). */
    static String instant(String field, String value) {
        try {
            java.time.OffsetDateTime time = java.time.OffsetDateTime.parse(value.trim());
            if (time.getYear() < 2000 || time.getYear() > 2999) {
                throw new BadInput("\"" + field + "\" must lie between the years 2000 and 2999");
            }
            return time.toInstant().toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInput("\"" + field + "\" must be an ISO-8601 date and time with offset, e.g. "
                + "2027-01-31T23:59:59+01:00, or null to inherit; got \"" + shortened(value) + "\"");
        }
    }

    static RememberBrowser remember(String value) {
        return RememberBrowser.fromId(value).orElseThrow(() -> new BadInput("\"rememberBrowser\" must be one of "
            + ids(Stream.of(RememberBrowser.values()).map(RememberBrowser::id)) + ", or null to inherit; got \""
            + shortened(value) + "\""));
    }

    private static String ids(Stream<String> ids) {
        return ids.collect(Collectors.joining(", "));
    }

    /** Echoes at most a short, printable part of what was sent. */
    static String shortened(String value) {
        if (value == null) {
            return "null";
        }
        String printable = value.codePoints().filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
