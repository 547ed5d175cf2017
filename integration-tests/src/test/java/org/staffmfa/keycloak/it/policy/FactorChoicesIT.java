package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * The enrolment chooser and the login's "use another factor" list show every factor the user's groups allow (and
 * only those), each with a name, a help text and an icon, in English and in German.
 */
@RealKeycloakTest
class FactorChoicesIT {

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm();

    private static final Map<String, String> ICONS = Map.of(
        "totp", "fa-mobile-alt", "webauthn", "fa-key", "sms", "fa-sms", "email", "fa-envelope",
        "recovery-codes", "fa-list-ol");

    @Test
    void theChooserNamesEveryAllowedFirstFactorWithIconInEnglishAndGerman() {
        realm.admin().createUser(realm.name(), "chris", "chris-pw", null, "/staff/systems");

        HtmlPage english = MfaPages.passwordStep(new WebClient(realm.server()), realm, "chris", "chris-pw");
        assertThat(choices(english, "#staff-mfa-enrol-form")).containsExactly(
            "totp: Authenticator app", "webauthn: Security key or passkey", "sms: Text message (SMS)", "email: Email");

        HtmlPage german = MfaPages.passwordStep(new WebClient(realm.server()).acceptLanguage("de"), realm, "chris", "chris-pw");
        assertThat(choices(german, "#staff-mfa-enrol-form")).containsExactly(
            "totp: Authenticator-App", "webauthn: Sicherheitsschlüssel oder Passkey", "sms: SMS", "email: E-Mail");
        assertThat(german.text()).contains("Ein FIDO2-Sicherheitsschlüssel wie ein YubiKey");
    }

    @Test
    void theLoginOffersTheUsersOtherFactorsWithIconsAndOnlyAllowedOnes() {
        realm.admin().createUserWithCredentials(realm.name(), "clara", "clara-pw",
            List.of(TotpGenerator.randomBase32Secret()),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915100000001"),
                AdminClient.contactCredential("staff-mfa-email", "address", "clara@example.org")),
            "/staff/systems");

        HtmlPage english = MfaPages.passwordStep(new WebClient(realm.server()), realm, "clara", "clara-pw");
        assertThat(MfaPages.isCodePage(english)).isTrue();
        assertThat(choices(english, MfaPages.OTHER_FACTORS_FORM)).containsExactly(
            "sms: Text message (SMS)", "email: Email");

        HtmlPage german = MfaPages.passwordStep(new WebClient(realm.server()).acceptLanguage("de"), realm, "clara", "clara-pw");
        assertThat(german.text()).contains("Gerade nicht zur Hand? Einen anderen Faktor verwenden:");
        assertThat(choices(german, MfaPages.OTHER_FACTORS_FORM)).containsExactly("sms: SMS", "email: E-Mail");

        // Her group stops allowing SMS: the choice disappears.
        realm.admin().createGroup(realm.name(), "no-sms", Map.of("staff-mfa.mode", "required",
            "staff-mfa.factors", "totp, email"));
        realm.admin().moveUser(realm.name(), "clara", "/staff/systems", "/no-sms");
        HtmlPage restricted = MfaPages.passwordStep(new WebClient(realm.server()), realm, "clara", "clara-pw");
        assertThat(choices(restricted, MfaPages.OTHER_FACTORS_FORM)).containsExactly("email: Email");
    }

    /** "factor: name" of every choice, after checking that each has its icon and a help text. */
    private static List<String> choices(HtmlPage page, String formSelector) {
        assertThat(page.has(formSelector)).as(page.text()).isTrue();
        return page.document().select(formSelector + " button[name=factor]").stream().map(button -> {
            String factor = button.attr("value");
            Element icon = button.selectFirst("i");
            assertThat(icon).as(factor + " icon").isNotNull();
            assertThat(icon.className()).contains(ICONS.get(factor));
            assertThat(button.selectFirst("h2")).isNotNull();
            assertThat(button.text()).as(factor + " help text").hasSizeGreaterThan(button.selectFirst("h2").text().length() + 10);
            return factor + ": " + button.selectFirst("h2").text();
        }).toList();
    }
}
