package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.OidcClient;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TestClock;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Enrolment deadlines per group: in allowed mode a number of skips or a date after which users without a factor must
 * enrol, in required mode a grace until which they may still skip. The enrolment page says how long, in the user's
 * language and the realm's time zone; the server, not the page, decides whether a skip is still possible.
 */
@RealKeycloakTest
class EnrolmentDeadlinesIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    /** A new group with these MFA settings (recheck interval 0: the offer returns at every login). */
    private static void group(String name, ObjectNode settings) {
        String id = realm.admin().createGroup(realm.name(), name, Map.of());
        var saved = realm.admin().put(realm.adminPath() + "/staff-mfa/groups/" + id, settings.put("recheckInterval", "0"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private static HtmlPage passwordStep(String username) {
        return MfaPages.passwordStep(new WebClient(realm.server()), realm, username, username + "-pw");
    }

    private static String notes(HtmlPage page) {
        return String.join(" ", page.texts(".staff-mfa-skip-note"));
    }

    private static Instant noonUtcInDays(int days) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static String longDate(Instant instant, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(instant.atZone(zone).toLocalDate());
    }

    @Test
    void afterTheLastSkipEnrolmentIsRequired() {
        group("rollout-skips", AdminClient.json().put("mode", "allowed").put("maxSkips", 2));
        realm.admin().createUser(realm.name(), "ines", "ines-pw", null, "/rollout-skips");

        for (String left : new String[] {"2 skips left.", "1 skip left."}) {
            WebClient web = new WebClient(realm.server());
            HtmlPage chooser = MfaPages.passwordStep(web, realm, "ines", "ines-pw");
            assertThat(MfaPages.isEnrolChooser(chooser)).as(chooser.text()).isTrue();
            assertThat(notes(chooser)).isEqualTo(left);
            assertThat(MfaPages.skipEnrolment(web, chooser).redirectOutsideKeycloak()).isPresent();
        }

        WebClient web = new WebClient(realm.server());
        HtmlPage required = MfaPages.passwordStep(web, realm, "ines", "ines-pw");
        assertThat(MfaPages.isEnrolmentStart(required)).as(required.text()).isTrue();
        assertThat(required.has("#staff-mfa-skip")).as("no skip left").isFalse();
        if (required.has(MfaPages.ENROL_FORM)) {
            HtmlPage refused = web.submit(required.form(MfaPages.ENROL_FORM).set("skip", "true"));
            assertThat(refused.redirectOutsideKeycloak()).as("a posted skip is refused by the server").isEmpty();
        }
        assertThat(OidcClient.staffCli(realm).passwordGrant("ines", "ines-pw").errorDescription())
            .as("the password grant treats her as required too").contains("none is set up");
    }

    @Test
    void aDateLimitsSkippingShownInTheUsersLanguageAndTheRealmsTimeZone() {
        Instant enrolBy = noonUtcInDays(12);
        group("rollout-date", AdminClient.json().put("mode", "allowed").put("enrolBy", enrolBy.toString()));
        realm.admin().createUser(realm.name(), "jonas", "jonas-pw", null, "/rollout-date");
        realm.admin().createUser(realm.name(), "jana", "jana-pw", null, "/rollout-date");
        ObjectNode jana = (ObjectNode) realm.admin().user(realm.name(), "jana");
        jana.putObject("attributes").putArray("locale").add("de");
        assertThat(realm.admin().put(realm.adminPath() + "/users/" + jana.path("id").asText(), jana).statusCode())
            .isEqualTo(204);

        assertThat(notes(passwordStep("jonas"))).isEqualTo("You can skip until "
            + longDate(enrolBy, ZoneOffset.UTC, Locale.ENGLISH) + " — 12 days left.");
        assertThat(notes(passwordStep("jana"))).isEqualTo("Sie können diesen Schritt bis zum "
            + longDate(enrolBy, ZoneOffset.UTC, Locale.GERMAN) + " überspringen – noch 12 Tage.");

        // 12:00 UTC is already the next day at UTC+14.
        ZoneId kiribati = ZoneId.of("Pacific/Kiritimati");
        assertThat(realm.admin().put(realm.adminPath() + "/staff-mfa/settings", Map.of("timeZone", kiribati.getId()))
            .statusCode()).isEqualTo(200);
        try {
            assertThat(notes(passwordStep("jonas"))).isEqualTo("You can skip until "
                + longDate(enrolBy, kiribati, Locale.ENGLISH) + " — "
                + ChronoUnit.DAYS.between(LocalDate.now(kiribati), enrolBy.atZone(kiribati).toLocalDate()) + " days left.");
        } finally {
            realm.admin().put(realm.adminPath() + "/staff-mfa/settings", Map.of());
        }

        try (TestClock later = TestClock.shiftedBy(realm.server(), Duration.ofDays(13))) {
            HtmlPage required = passwordStep("jonas");
            assertThat(MfaPages.isEnrolmentStart(required)).as(required.text()).isTrue();
            assertThat(required.has("#staff-mfa-skip")).as("the deadline has passed").isFalse();
        }
    }

    @Test
    void aGraceLetsRequiredUsersSkipUntilItEnds() {
        Instant graceUntil = noonUtcInDays(3);
        group("rollout-grace", AdminClient.json().put("mode", "required").put("graceUntil", graceUntil.toString()));
        realm.admin().createUser(realm.name(), "kai", "kai-pw", null, "/rollout-grace");

        WebClient web = new WebClient(realm.server());
        HtmlPage chooser = MfaPages.passwordStep(web, realm, "kai", "kai-pw");
        assertThat(chooser.has("#staff-mfa-skip")).as("within the grace: " + chooser.text()).isTrue();
        assertThat(notes(chooser)).contains("3 days left");
        assertThat(MfaPages.skipEnrolment(web, chooser).redirectOutsideKeycloak()).as("skipped, though required")
            .isPresent();

        try (TestClock later = TestClock.shiftedBy(realm.server(), Duration.ofDays(4))) {
            HtmlPage required = passwordStep("kai");
            assertThat(MfaPages.isEnrolmentStart(required)).as(required.text()).isTrue();
            assertThat(required.has("#staff-mfa-skip")).as("the grace has ended").isFalse();
        }
    }

    @Test
    void deadlinesAreCheckedWhenStoredAndAreNotRealmDefaults() {
        String id = realm.admin().createGroup(realm.name(), "rollout-bad", Map.of());
        String path = realm.adminPath() + "/staff-mfa/groups/" + id;
        assertThat(realm.admin().put(path, AdminClient.json().put("enrolBy", "end of January")).statusCode()).isEqualTo(400);
        assertThat(realm.admin().put(path, AdminClient.json().put("maxSkips", -1)).statusCode()).isEqualTo(400);
        assertThat(realm.admin().put(path, AdminClient.json().put("graceUntil", "2027-01-31")).statusCode())
            .as("a date and time with offset").isEqualTo(400);
        assertThat(realm.admin().put(realm.adminPath() + "/staff-mfa/settings",
            Map.of("defaults", Map.of("maxSkips", 3))).statusCode()).isEqualTo(400);
        assertThat(realm.admin().put(realm.adminPath() + "/staff-mfa/settings", Map.of("timeZone", "Mars/Olympus"))
            .statusCode()).isEqualTo(400);
    }
}
