package org.staffmfa.keycloak.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.staffmfa.keycloak.policy.Factor;
import org.staffmfa.keycloak.policy.MfaMode;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.policy.RememberBrowser;

/**
 * A group's own MFA settings as the admin API reads and writes them, e.g.
 * {@code {"mode": "required", "factors": ["totp", "webauthn"], "recheckInterval": "PT12H", "rememberBrowser": "never"}},
 * and the enrolment deadline: {@code "enrolBy": "2027-01-31T23:59:59+01:00", "maxSkips": 3} (allowed mode) or
 * {@code "graceUntil": "…"} (required mode), with reminder mails {@code "remindDaysBefore": 7} days before, and the
 * weakest algorithm an authenticator app may use: {@code "totpMinAlgorithm": "SHA256"}. A missing or null value is
 * inherited from the parent group (or the realm default; deadlines and the app minimum are per group only).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupSettings(String mode, List<String> factors, String recheckInterval, String rememberBrowser,
                            String enrolBy, Integer maxSkips, String graceUntil, Integer remindDaysBefore,
                            String totpMinAlgorithm) {

    /** Settings without deadlines (the realm defaults). */
    GroupSettings(String mode, List<String> factors, String recheckInterval, String rememberBrowser) {
        this(mode, factors, recheckInterval, rememberBrowser, null, null, null, null, null);
    }

    /** Settings only a group can have: enrolment deadlines and the app minimum. */
    boolean hasGroupOnlySetting() {
        return enrolBy != null || maxSkips != null || graceUntil != null || remindDaysBefore != null
            || totpMinAlgorithm != null;
    }

    /**
     * From the stored settings (attribute name → value). Values the resolver reads in another spelling than the API
     * writes (a realm file's {@code Required}, {@code TOTP}, {@code sha-256}) are shown by the API's name: the admin page
     * selects by that name, and a value it cannot select would be dropped when the group is saved for another change.
     * A value nobody can read stays as stored (the page shows it as such; the resolver takes it strictly).
     */
    static GroupSettings of(Map<String, String> stored) {
        String factors = stored.get(PolicyAttributes.FACTORS);
        return new GroupSettings(named(stored.get(PolicyAttributes.MODE), value -> MfaMode.fromId(value).map(MfaMode::id)),
            factors == null ? null : Arrays.stream(factors.split("[,;\\s]+")).filter(entry -> !entry.isEmpty())
                .map(entry -> named(entry, value -> Factor.fromId(value).map(Factor::id))).toList(),
            stored.get(PolicyAttributes.RECHECK_INTERVAL),
            named(stored.get(PolicyAttributes.REMEMBER_BROWSER), value -> RememberBrowser.fromId(value).map(RememberBrowser::id)),
            stored.get(PolicyAttributes.ENROL_BY),
            count(stored.get(PolicyAttributes.MAX_SKIPS)),
            stored.get(PolicyAttributes.GRACE_UNTIL),
            count(stored.get(PolicyAttributes.REMIND_DAYS_BEFORE)),
            named(stored.get(PolicyAttributes.TOTP_MIN_ALGORITHM),
                value -> OtpAlgorithm.fromName(value).map(OtpAlgorithm::uriName)));
    }

    private static String named(String value, Function<String, Optional<String>> apiName) {
        return value == null ? null : apiName.apply(value).orElse(value);
    }

    /** A stored count; one written past the API that is no number shows as null (the resolver reads it as 0). */
    private static Integer count(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
