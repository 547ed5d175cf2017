package org.staffmfa.keycloak.it.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.CodeSettingsFixture;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.HtmlPage;
import org.staffmfa.keycloak.it.support.MfaPages;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.SecretKeyFile;
import org.staffmfa.keycloak.it.support.SmsGateway;
import org.staffmfa.keycloak.it.support.TotpGenerator;
import org.staffmfa.keycloak.it.support.WebClient;

/**
 * Second-factor secrets at rest: what Keycloak's {@code CREDENTIAL} table holds (read with plain SQL through a
 * test-only endpoint) before and after — authenticator-app secrets and the phone numbers of SMS factors sealed with the
 * server's key (AES-256-GCM), plain values sealed on their next use or by the re-encrypt command, a rotated key, and a
 * missing key that fails closed while the user's other factors still work.
 */
@RealKeycloakTest
class SecretsAtRestIT {

    @RegisterExtension
    static final SmsGateway gateway = new SmsGateway();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> CodeSettingsFixture.inRealmFile(json, "sms",
        Map.of("sender", "http", "http.url", gateway.baseUrl() + "/sms", "default-region", "DE")));

    /** The user's credential rows exactly as the database holds them. */
    private static List<JsonNode> rows(String username) {
        String userId = realm.admin().user(realm.name(), username).path("id").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(realm.server().baseUrl()
            + "/realms/master/staff-mfa-test-db/credentials/" + userId)).GET().build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            List<JsonNode> rows = new java.util.ArrayList<>();
            AdminClient.readJson(response.body()).forEach(rows::add);
            return rows;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode row(String username, String type) {
        return rows(username).stream().filter(row -> row.path("type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static String text(JsonNode row) {
        return row.path("credentialData").asText() + " " + row.path("secretData").asText();
    }

    /** What the closing note and the test log show: a row before and after. */
    private static void print(String label, JsonNode row) {
        System.out.println("[db row " + label + "] type=" + row.path("type").asText() + " credential_data="
            + row.path("credentialData").asText() + " secret_data=" + row.path("secretData").asText());
    }

    private static HtmlPage passwordStep(WebClient web, String username) {
        return MfaPages.passwordStep(web, realm, username, username + "-pw");
    }

    private static String switchKeys(String newKeyId) {
        Map<String, String> keys = new LinkedHashMap<>(SecretKeyFile.keys());
        String before = SecretKeyFile.current();
        keys.put(newKeyId, SecretKeyFile.randomKey());
        SecretKeyFile.write(keys, newKeyId);
        return before;
    }

    /** Puts a value into a credential's row as an older version left it, past Keycloak and its cache. */
    private static void writeRow(String username, JsonNode row, Map<String, String> columns) {
        String userId = realm.admin().user(realm.name(), username).path("id").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(realm.server().baseUrl()
                + "/realms/master/staff-mfa-test-db/credentials/" + realm.name() + "/" + userId + "/"
                + row.path("id").asText()))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(columns).toString())).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).as("rows written").isEqualTo("1");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void plainSecretsAndNumbersAreSealedOnTheirNextUseAndNewOnesFromTheStart() {
        String secret = TotpGenerator.randomBase32Secret();
        // Handed over through the admin REST API (as a realm import does): sealed before it is stored.
        realm.admin().createUserWithCredentials(realm.name(), "sela", "sela-pw", List.of(secret),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915112345678")), "/staff/systems");
        assertThat(text(row("sela", "otp"))).contains("smfa1:").doesNotContain(secret);
        assertThat(text(row("sela", "staff-mfa-sms"))).contains("smfa1:").doesNotContain("12345678");
        // As a version before encryption left them: in clear.
        writeRow("sela", row("sela", "otp"), Map.of("secretData", "{\"value\":\"" + secret + "\"}"));
        writeRow("sela", row("sela", "staff-mfa-sms"), Map.of("credentialData", "{\"phone\":\"+4915112345678\"}",
            "secretData", "{}"));
        JsonNode appBefore = row("sela", "otp");
        JsonNode smsBefore = row("sela", "staff-mfa-sms");
        print("before", appBefore);
        print("before", smsBefore);
        assertThat(text(appBefore)).contains(secret);
        assertThat(text(smsBefore)).contains("+4915112345678");

        WebClient web = new WebClient(realm.server());
        HtmlPage codePage = passwordStep(web, "sela");
        assertThat(MfaPages.enterCode(web, codePage, TotpGenerator.googleAuthenticator(secret).now())
            .redirectOutsideKeycloak()).isPresent();
        JsonNode appAfter = row("sela", "otp");
        print("after", appAfter);
        assertThat(appAfter.path("secretData").asText()).contains("\"value\":\"smfa1:" + SecretKeyFile.current() + ":");
        assertThat(text(appAfter)).doesNotContain(secret);
        assertThat(appAfter.path("id").asText()).isEqualTo(appBefore.path("id").asText());

        // The SMS factor: its number is sealed when the next code goes out, and only a masked form stays readable.
        WebClient other = new WebClient(realm.server());
        HtmlPage otherCode = passwordStep(other, "sela");
        int sent = gateway.count();
        HtmlPage smsPage = other.submit(otherCode.form(MfaPages.CODE_FORM).remove("code").set("factor", "sms"));
        String code = gateway.next(sent).code();
        assertThat(gateway.all().get(sent).body()).contains("4915112345678");
        assertThat(MfaPages.enterCode(other, smsPage, code).redirectOutsideKeycloak()).isPresent();
        JsonNode smsAfter = row("sela", "staff-mfa-sms");
        print("after", smsAfter);
        assertThat(text(smsAfter)).doesNotContain("4915112345678").doesNotContain("12345678");
        assertThat(smsAfter.path("secretData").asText()).contains("smfa1:");
        assertThat(smsAfter.path("credentialData").asText()).contains("masked");

        // A new app is sealed before it is ever stored.
        realm.admin().createUser(realm.name(), "neva", "neva-pw", null, "/staff/systems");
        WebClient newcomer = new WebClient(realm.server());
        HtmlPage setup = MfaPages.totpSetup(newcomer, passwordStep(newcomer, "neva"));
        String newSecret = MfaPages.totpSecret(setup);
        MfaPages.confirmTotp(newcomer, setup, TotpGenerator.googleAuthenticator(newSecret).now(), "Phone");
        assertThat(text(row("neva", "otp"))).contains("smfa1:").doesNotContain(newSecret);
    }

    @Test
    void aSealedValueOpensOnlyForItsOwnUserAndCredentialAndForeignOnesAreNotStored() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUser(realm.name(), "tara", "tara-pw", secret, "/staff/systems");
        realm.admin().createUser(realm.name(), "theo", "theo-pw", TotpGenerator.randomBase32Secret(), "/staff/systems");
        // Tara's sealed secret copied into Theo's credential: it does not open there, Tara's codes do not get Theo in.
        writeRow("theo", row("theo", "otp"), Map.of("secretData", row("tara", "otp").path("secretData").asText()));
        WebClient web = new WebClient(realm.server());
        HtmlPage refused = MfaPages.enterCode(web, passwordStep(web, "theo"), TotpGenerator.googleAuthenticator(secret).now());
        assertThat(refused.redirectOutsideKeycloak()).isEmpty();
        assertThat(MfaPages.fieldError(refused, "code")).startsWith("Your authenticator app cannot be checked");

        // A "sealed" value that does not open here is not stored (e.g. typed into Keycloak's own Configure OTP form).
        HttpResponse<String> forged = realm.admin().post(realm.adminPath() + "/users", AdminClient.json()
            .put("username", "fred").put("enabled", true).set("credentials", new com.fasterxml.jackson.databind.ObjectMapper()
                .createArrayNode().add(AdminClient.json().put("type", "otp")
                    .put("secretData", "{\"value\":\"smfa1:it1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}")
                    .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                        + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}"))));
        assertThat(forged.statusCode()).as(forged.body()).isGreaterThanOrEqualTo(400);
        assertThat(realm.admin().get(realm.adminPath() + "/users?exact=true&username=fred").size()).isZero();
    }

    @Test
    void aRotatedKeyReadsOldValuesAndTheReEncryptCommandMovesTheRestInBatches() {
        List<String> secrets = new java.util.ArrayList<>();
        for (String name : List.of("rota", "rolf2", "rudi")) {
            String secret = TotpGenerator.randomBase32Secret();
            secrets.add(secret);
            realm.admin().createUser(realm.name(), name, name + "-pw", secret, "/staff/systems");
        }
        // One of them sealed with the key in use now.
        WebClient first = new WebClient(realm.server());
        MfaPages.enterCode(first, passwordStep(first, "rota"), TotpGenerator.googleAuthenticator(secrets.get(0)).now());
        String oldKey = SecretKeyFile.current();
        assertThat(row("rota", "otp").path("secretData").asText()).contains("smfa1:" + oldKey + ":");

        String newKey = "rot" + System.nanoTime() % 100000;
        switchKeys(newKey);
        JsonNode status = realm.admin().get(realm.adminPath() + "/staff-mfa/secrets");
        assertThat(status.path("encrypted").asBoolean()).isTrue();
        assertThat(status.path("currentKey").asText()).isEqualTo(newKey);
        assertThat(status.path("toReseal").asInt()).isGreaterThanOrEqualTo(3);

        HttpResponse<String> bad = realm.admin().post(realm.adminPath() + "/staff-mfa/secrets/re-encrypt?max=0", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        int rounds = 0;
        int remaining;
        do {
            HttpResponse<String> batch = realm.admin().post(realm.adminPath() + "/staff-mfa/secrets/re-encrypt?max=2", null);
            assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
            JsonNode answer = AdminClient.readJson(batch.body());
            assertThat(answer.path("resealed").asInt()).isBetween(0, 2);
            assertThat(answer.path("unreadable")).isEmpty();
            remaining = answer.path("remaining").asInt();
            rounds++;
        } while (remaining > 0 && rounds < 50);
        assertThat(remaining).isZero();
        assertThat(rounds).as("batches of two").isGreaterThanOrEqualTo(2);
        assertThat(realm.admin().get(realm.adminPath() + "/staff-mfa/secrets").path("toReseal").asInt()).isZero();
        JsonNode audit = realm.admin().get(realm.adminPath() + "/admin-events?resourceTypes=REALM&operationTypes=UPDATE").get(0);
        assertThat(audit.path("resourcePath").asText()).isEqualTo("staff-mfa/secrets");
        assertThat(audit.path("details").path("staff_mfa_action").asText()).isEqualTo("re-encrypt-secrets");
        assertThat(audit.path("representation").asText()).contains("\"remaining\":0").contains(newKey);

        for (int i = 0; i < 3; i++) {
            String name = List.of("rota", "rolf2", "rudi").get(i);
            assertThat(row(name, "otp").path("secretData").asText()).contains("smfa1:" + newKey + ":")
                .doesNotContain(secrets.get(i));
            WebClient web = new WebClient(realm.server());
            assertThat(MfaPages.enterCode(web, passwordStep(web, name),
                TotpGenerator.googleAuthenticator(secrets.get(i)).stepsFromNow(1)).redirectOutsideKeycloak())
                .as(name).isPresent();
        }
    }

    @Test
    void aMissingKeyFailsClosedNamesTheKeyOverwritesNothingAndOtherFactorsStillWork() {
        String secret = TotpGenerator.randomBase32Secret();
        realm.admin().createUserWithCredentials(realm.name(), "mira", "mira-pw", List.of(secret),
            List.of(AdminClient.contactCredential("staff-mfa-sms", "phone", "+4915199999999")), "/staff/systems");
        // A new key; the app's next use seals it with that key, the SMS number stays with the key before.
        String lostKey = "lost" + System.nanoTime() % 100000;
        String keptKey = switchKeys(lostKey);
        WebClient first = new WebClient(realm.server());
        assertThat(MfaPages.enterCode(first, passwordStep(first, "mira"), TotpGenerator.googleAuthenticator(secret).now())
            .redirectOutsideKeycloak()).isPresent();
        String sealed = row("mira", "otp").path("secretData").asText();
        assertThat(sealed).contains("smfa1:" + lostKey + ":");

        Map<String, String> withoutLost = new LinkedHashMap<>(SecretKeyFile.keys());
        String lost = withoutLost.remove(lostKey);
        SecretKeyFile.write(withoutLost, keptKey);
        try {
            WebClient web = new WebClient(realm.server());
            HtmlPage codePage = passwordStep(web, "mira");
            HtmlPage refused = MfaPages.enterCode(web, codePage, TotpGenerator.googleAuthenticator(secret).stepsFromNow(1));
            assertThat(refused.redirectOutsideKeycloak()).isEmpty();
            assertThat(MfaPages.fieldError(refused, "code"))
                .isEqualTo("Your authenticator app cannot be checked right now. Please use another factor, or contact your IT team.");
            JsonNode error = realm.admin().userEvents(realm.name(), "mira", "LOGIN_ERROR").get(0);
            assertThat(error.path("error").asText()).isEqualTo("mfa_secret_unreadable");
            assertThat(error.path("details").path("mfa_secret_key_id").asText()).isEqualTo(lostKey);
            assertThat(error.toString()).doesNotContain(secret);
            assertThat(row("mira", "otp").path("secretData").asText()).as("nothing overwritten").isEqualTo(sealed);

            int sent = gateway.count();
            HtmlPage smsPage = web.submit(refused.form(MfaPages.CODE_FORM).remove("code").set("factor", "sms"));
            assertThat(MfaPages.enterCode(web, smsPage, gateway.next(sent).code()).redirectOutsideKeycloak())
                .as("the other factor").isPresent();
        } finally {
            Map<String, String> restored = new LinkedHashMap<>(SecretKeyFile.keys());
            restored.put(lostKey, lost);
            SecretKeyFile.write(restored, keptKey);
        }
        WebClient again = new WebClient(realm.server());
        assertThat(MfaPages.enterCode(again, passwordStep(again, "mira"),
            TotpGenerator.googleAuthenticator(secret).stepsFromNow(-1)).redirectOutsideKeycloak())
            .as("the key back, the app works again").isPresent();
    }
}
