package org.staffmfa.keycloak.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.enrolment.EnrolmentDeadlines;
import org.staffmfa.keycloak.policy.DurationValue;
import org.staffmfa.keycloak.policy.PolicyAttributes;
import org.staffmfa.keycloak.session.SelfServiceSettings;
import org.staffmfa.keycloak.store.RealmSettingsStore;

/**
 * {@code /admin/realms/{realm}/staff-mfa/settings}: the realm-wide MFA settings. A null value means the built-in
 * default (see README). Changing them needs {@value MfaAdminRoles#MANAGE_MFA}.
 */
public final class RealmMfaSettingsResource {

    /**
     * {@code defaults} apply to users whom no group gives a mode (and fill what an MFA group's tree leaves unset);
     * {@code maxRecheckInterval} caps every recheck interval; {@code freshVerification} is how recently a second
     * factor must have been passed before a user may add or remove one; {@code removalRequiresUserPassword} is
     * Evergreen's "active consent" for administrators removing a factor; {@code timeZone} is the IANA time zone dates
     * are shown to users in (enrolment deadlines), UTC when null.
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RealmMfaSettings(GroupSettings defaults, String maxRecheckInterval, String freshVerification,
                                   Boolean removalRequiresUserPassword, String timeZone) {
    }

    /** Realm attribute of each default, by the group setting it stands for. */
    private static final Map<String, String> DEFAULT_ATTRIBUTES = Map.of(
        PolicyAttributes.MODE, PolicyAttributes.DEFAULT_MODE,
        PolicyAttributes.FACTORS, PolicyAttributes.DEFAULT_FACTORS,
        PolicyAttributes.RECHECK_INTERVAL, PolicyAttributes.DEFAULT_RECHECK_INTERVAL,
        PolicyAttributes.REMEMBER_BROWSER, PolicyAttributes.DEFAULT_REMEMBER_BROWSER);

    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final MfaAdminEvents events;

    RealmMfaSettingsResource(RealmModel realm, AdminPermissionEvaluator auth, MfaAdminEvents events) {
        this.realm = realm;
        this.auth = auth;
        this.events = events;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RealmMfaSettings get() {
        MfaAdminRoles.requireViewOrManageMfa(auth, realm, auth.realm().canViewRealm(), "the realm");
        return current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public RealmMfaSettings put(RealmMfaSettings settings) {
        MfaAdminRoles.require(auth, realm, MfaAdminRoles.MANAGE_MFA);
        if (settings == null) {
            throw new BadInput("A JSON body is required");
        }
        if (settings.defaults() != null && settings.defaults().hasGroupOnlySetting()) {
            throw new BadInput("Enrolment deadlines (enrolBy, maxSkips, graceUntil, remindDaysBefore) and totpMinAlgorithm "
                + "are set per group, not as realm defaults");
        }
        String timeZone = settings.timeZone() == null ? null : timeZone(settings.timeZone());
        Map<String, String> defaults = GroupSettingsValidator.validate(
            settings.defaults() == null ? new GroupSettings(null, null, null, null) : settings.defaults());
        String max = settings.maxRecheckInterval() == null ? null
            : DurationValue.write(GroupSettingsValidator.interval("maxRecheckInterval", settings.maxRecheckInterval()));
        String fresh = settings.freshVerification() == null ? null
            : DurationValue.write(SelfServiceSettings.parseFreshVerification(settings.freshVerification())
                .orElseThrow(() -> new BadInput("\"freshVerification\" must be an ISO-8601 duration or seconds between 0 and "
                    + SelfServiceSettings.MAX_FRESH_VERIFICATION)));
        DEFAULT_ATTRIBUTES.forEach((setting, attribute) -> set(attribute, defaults.get(setting)));
        set(PolicyAttributes.MAX_RECHECK_INTERVAL, max);
        set(SelfServiceSettings.FRESH_VERIFICATION, fresh);
        set(SelfServiceSettings.REMOVAL_REQUIRES_USER_PASSWORD,
            Boolean.TRUE.equals(settings.removalRequiresUserPassword()) ? "true" : null);
        set(EnrolmentDeadlines.TIME_ZONE, timeZone);
        RealmMfaSettings stored = current();
        events.realm("update-settings", stored);
        return stored;
    }

    private RealmMfaSettings current() {
        Map<String, String> defaults = new LinkedHashMap<>();
        DEFAULT_ATTRIBUTES.forEach((setting, attribute) -> {
            String value = RealmSettingsStore.get(realm, attribute);
            if (value != null && !value.isBlank()) {
                defaults.put(setting, value);
            }
        });
        return new RealmMfaSettings(GroupSettings.of(defaults), RealmSettingsStore.get(realm, PolicyAttributes.MAX_RECHECK_INTERVAL),
            RealmSettingsStore.get(realm, SelfServiceSettings.FRESH_VERIFICATION), SelfServiceSettings.removalRequiresUserPassword(realm),
            RealmSettingsStore.get(realm, EnrolmentDeadlines.TIME_ZONE));
    }

    private static String timeZone(String value) {
        try {
            return java.time.ZoneId.of(value.trim()).getId();
        } catch (java.time.DateTimeException e) {
            throw new BadInput("\"timeZone\" must be an IANA time zone such as Europe/Berlin, or null for UTC; got \""
                + GroupSettingsValidator.shortened(value) + "\"");
        }
    }

    private void set(String attribute, String value) {
        if (value == null) {
            RealmSettingsStore.set(realm, attribute, null);
        } else {
            RealmSettingsStore.set(realm, attribute, value);
        }
    }
}
