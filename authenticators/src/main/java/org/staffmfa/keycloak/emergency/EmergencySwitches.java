package org.staffmfa.keycloak.emergency;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * The realm's emergency switches, and the only class that reads or writes them: factors switched off realm-wide (the
 * policy resolver leaves them out of every policy) and enforcement suspended until a time at most
 * {@link #MAX_SUSPENSION} after it was set (Evergreen's global "enabled", for an outage of the factors' services).
 * Kept in realm attributes; a suspension whose stored times break the cap, or that has ended, is not honoured, so a
 * value written past the MFA API (a realm update) cannot suspend enforcement for longer.
 */
public final class EmergencySwitches {

    /** The longest a suspension may last. */
    public static final Duration MAX_SUSPENSION = Duration.ofHours(24);
    /** The longest reason an administrator may give. */
    public static final int MAX_REASON = 200;

    public static final String SUSPENDED_AT = "staff-mfa.emergency.suspended-at";
    public static final String SUSPENDED_UNTIL = "staff-mfa.emergency.suspended-until";
    public static final String SUSPENDED_BY = "staff-mfa.emergency.suspended-by";
    public static final String SUSPENSION_REASON = "staff-mfa.emergency.suspension-reason";

    /** A suspension in force: since when, until when, by whom (username), and why. */
    public record Suspension(Instant at, Instant until, String by, String reason) {
    }

    private EmergencySwitches() {
    }

    /** The known factors switched off, in offer order (unknown names in the attribute are ignored). */
    public static Set<Factor> disabledFactors(RealmModel realm) {
        String value = RealmSettingsStore.get(realm, PolicyAttributes.DISABLED_FACTORS);
        Set<Factor> factors = EnumSet.noneOf(Factor.class);
        if (value != null) {
            Stream.of(value.split("[,;\\s]+")).map(Factor::fromId).flatMap(Optional::stream).forEach(factors::add);
        }
        return factors;
    }

    public static void setDisabledFactors(RealmModel realm, Set<Factor> factors) {
        if (factors.isEmpty()) {
            RealmSettingsStore.set(realm, PolicyAttributes.DISABLED_FACTORS, null);
        } else {
            RealmSettingsStore.set(realm, PolicyAttributes.DISABLED_FACTORS,
                factors.stream().sorted().map(Factor::id).collect(Collectors.joining(",")));
        }
    }

    /** The suspension in force now, if any. */
    public static Optional<Suspension> suspension(RealmModel realm) {
        Optional<Instant> at = epochSeconds(RealmSettingsStore.get(realm, SUSPENDED_AT));
        Optional<Instant> until = epochSeconds(RealmSettingsStore.get(realm, SUSPENDED_UNTIL));
        if (at.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        // A start in the future is not in force yet; the health check reports such a stored suspension
        // (storedButNotInForce), which only a write past the API can make.
        boolean inForce = !now.isBefore(at.get()) && now.isBefore(until.get())
            && Duration.between(at.get(), until.get()).compareTo(MAX_SUSPENSION) <= 0;
        return inForce ? Optional.of(new Suspension(at.get(), until.get(),
            Optional.ofNullable(RealmSettingsStore.get(realm, SUSPENDED_BY)).orElse(""),
            Optional.ofNullable(RealmSettingsStore.get(realm, SUSPENSION_REASON)).orElse(""))) : Optional.empty();
    }

    /**
     * A suspension is stored that is not in force but could still become so or looks tampered with: its end is in the
     * future while its start is too, or it would last longer than allowed. The API never writes such a value.
     */
    public static boolean storedButNotInForce(RealmModel realm) {
        Optional<Instant> until = epochSeconds(RealmSettingsStore.get(realm, SUSPENDED_UNTIL));
        boolean stored = until.isPresent() || RealmSettingsStore.get(realm, SUSPENDED_AT) != null;
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        return stored && suspension(realm).isEmpty() && until.map(now::isBefore).orElse(true);
    }

    /** A suspension is stored whose end has passed: it is over, but its sessions may not have been ended yet. */
    public static boolean runOut(RealmModel realm) {
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        return epochSeconds(RealmSettingsStore.get(realm, SUSPENDED_UNTIL)).filter(until -> !now.isBefore(until)).isPresent();
    }

    public static boolean enforcementSuspended(RealmModel realm) {
        return suspension(realm).isPresent();
    }

    /**
     * Suspends enforcement from now until {@code until}.
     *
     * @throws IllegalArgumentException when {@code until} is not in the future or more than {@link #MAX_SUSPENSION} away
     */
    public static Suspension suspend(RealmModel realm, Instant until, String by, String reason) {
        Instant now = Instant.ofEpochSecond(Time.currentTime());
        if (!until.isAfter(now)) {
            throw new IllegalArgumentException("The end of the suspension must be in the future");
        }
        if (Duration.between(now, until).compareTo(MAX_SUSPENSION) > 0) {
            throw new IllegalArgumentException("A suspension lasts at most 24 hours");
        }
        String cleanReason = reason == null ? "" : reason.strip();
        if (cleanReason.length() > MAX_REASON) {
            throw new IllegalArgumentException("The reason may be at most " + MAX_REASON + " characters long");
        }
        Map<String, String> suspension = new LinkedHashMap<>();
        suspension.put(SUSPENDED_AT, Long.toString(now.getEpochSecond()));
        suspension.put(SUSPENDED_UNTIL, Long.toString(until.getEpochSecond()));
        suspension.put(SUSPENDED_BY, by);
        suspension.put(SUSPENSION_REASON, cleanReason);
        RealmSettingsStore.setAll(realm, suspension);
        return new Suspension(now, until, by, cleanReason);
    }

    /** Ends a suspension now (nothing happens when none is in force). */
    public static void endSuspension(RealmModel realm) {
        Map<String, String> none = new LinkedHashMap<>();
        Stream.of(SUSPENDED_AT, SUSPENDED_UNTIL, SUSPENDED_BY, SUSPENSION_REASON).forEach(name -> none.put(name, null));
        RealmSettingsStore.setAll(realm, none);
    }

    /** A stored time; anything unreadable (or beyond what an Instant holds) reads as none. */
    private static Optional<Instant> epochSeconds(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether switching these factors off would leave nothing a user could set up alone (authenticator app, security
     * key, SMS or email): every user without a factor would be locked out, or let in with the password alone.
     */
    public static boolean leavesNoFirstFactor(Set<Factor> off) {
        return off.containsAll(EnumSet.of(Factor.TOTP, Factor.WEBAUTHN, Factor.SMS, Factor.EMAIL));
    }

    /** For messages: "sms, email". */
    public static String ids(Set<Factor> factors) {
        return factors.stream().map(Factor::id).collect(Collectors.joining(", ")).toLowerCase(Locale.ROOT);
    }
}
