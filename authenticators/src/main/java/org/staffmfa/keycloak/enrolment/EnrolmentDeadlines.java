package org.staffmfa.keycloak.enrolment;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.policy.EffectivePolicy;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.state.UserMfaState;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * A user's enrolment deadline at this moment: the mode enrolment follows (a deadline turns {@code allowed} into
 * {@code required}, a grace the other way round), and what the enrolment page tells the user about skipping, with
 * dates in the realm's time zone and the user's language.
 */
public final class EnrolmentDeadlines {

    /** Realm attribute: the time zone dates are shown in to users (an IANA id such as {@code Europe/Berlin}); UTC. */
    public static final String TIME_ZONE = "staff-mfa.time-zone";

    /**
     * One sentence the enrolment page says about skipping: a message key and its arguments, as text (Keycloak's
     * message formatter passes template values as text), e.g. {@code staffMfaSkipUntilDays} with "31 January 2027"
     * and "12".
     */
    public record SkipNote(String key, List<String> arguments) {
    }

    private EnrolmentDeadlines() {
    }

    public static MfaMode enrolmentMode(EffectivePolicy policy, UserModel user) {
        if (!policy.deadline().isSet()) {
            return policy.mode();
        }
        return policy.deadline().enrolmentMode(policy.mode(), now(), UserMfaState.enrolmentSkips(user));
    }

    /** What the page tells a user who may skip now: until when, and how many skips are left; empty without limits. */
    public static List<SkipNote> skipNotes(RealmModel realm, EffectivePolicy policy, UserModel user, Locale locale) {
        List<SkipNote> notes = new ArrayList<>();
        policy.deadline().skipUntil(policy.mode()).map(until -> lastDay(realm, until, locale)).ifPresent(last ->
            notes.add(last.daysLeft() == 0 ? new SkipNote("staffMfaSkipUntilToday", List.of(last.date()))
                : new SkipNote(last.daysLeft() == 1 ? "staffMfaSkipUntilOneDay" : "staffMfaSkipUntilDays",
                    List.of(last.date(), Long.toString(last.daysLeft())))));
        policy.deadline().maxSkips().ifPresent(maxSkips -> {
            int left = Math.max(0, maxSkips - UserMfaState.enrolmentSkips(user));
            notes.add(left == 1 ? new SkipNote("staffMfaSkipsLeftOne", List.of())
                : new SkipNote("staffMfaSkipsLeft", List.of(Integer.toString(left))));
        });
        return List.copyOf(notes);
    }

    /** The last day a user may skip, as the user reads it, and the days left until then. */
    public record LastDay(String date, long daysLeft) {
    }

    /** For a deadline {@code until}: its last day in the realm's time zone, in the user's language. */
    public static LastDay lastDay(RealmModel realm, Instant until, Locale locale) {
        ZoneId zone = timeZone(realm);
        // The last moment one may skip: a deadline at midnight ends the day before.
        LocalDate last = until.minusSeconds(1).atZone(zone).toLocalDate();
        return new LastDay(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(last),
            Math.max(0, ChronoUnit.DAYS.between(now().atZone(zone).toLocalDate(), last)));
    }

    /** The realm's time zone for dates shown to users; UTC when unset or unknown. */
    public static ZoneId timeZone(RealmModel realm) {
        String id = RealmSettingsStore.get(realm, TIME_ZONE);
        try {
            return id == null || id.isBlank() ? ZoneOffset.UTC : ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant now() {
        return Instant.ofEpochSecond(Time.currentTime());
    }
}
