package org.staffmfa.keycloak.it.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.staffmfa.keycloak.it.support.AdminClient;
import org.staffmfa.keycloak.it.support.DemoRealm;
import org.staffmfa.keycloak.it.support.Mails;
import org.staffmfa.keycloak.it.support.RealKeycloakTest;
import org.staffmfa.keycloak.it.support.ServerOptions;
import org.staffmfa.keycloak.it.support.TotpGenerator;

/**
 * Reminder mails before an enrolment deadline: sent by the server on its own (one node, every few seconds here), once
 * per user and deadline, only to members without a factor whose deadline is near, in the user's language.
 */
@RealKeycloakTest
class EnrolmentRemindersIT {

    @RegisterExtension
    static final GreenMailExtension mail = Mails.smtpServer();

    @RegisterExtension
    static final DemoRealm realm = new DemoRealm(json -> Mails.sendTo(json, mail));

    private static Instant noonUtcInDays(int days) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private static void group(String name, Instant enrolBy, int remindDaysBefore) {
        String id = realm.admin().createGroup(realm.name(), name, Map.of());
        ObjectNode settings = AdminClient.json().put("mode", "allowed").put("enrolBy", enrolBy.toString())
            .put("remindDaysBefore", remindDaysBefore);
        var saved = realm.admin().put(realm.adminPath() + "/staff-mfa/groups/" + id, settings);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private static long mailsTo(String recipient) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return message.getAllRecipients()[0].toString().equals(recipient);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    @Test
    void membersWithoutAFactorGetOneReminderWhenTheirDeadlineIsNear() throws Exception {
        Set<String> seen = Mails.seen(mail);
        Instant soon = noonUtcInDays(5);
        group("remind-soon", soon, 7);
        group("remind-later", noonUtcInDays(30), 7);
        realm.admin().createUser(realm.name(), "lena", "lena-pw", null, "/remind-soon");
        realm.admin().createUser(realm.name(), "lars", "lars-pw", TotpGenerator.randomBase32Secret(), "/remind-soon");
        realm.admin().createUser(realm.name(), "lotte", "lotte-pw", null, "/remind-later");
        realm.admin().createUser(realm.name(), "lukas", "lukas-pw", null, "/remind-soon");
        ObjectNode lukas = (ObjectNode) realm.admin().user(realm.name(), "lukas");
        lukas.putObject("attributes").putArray("locale").add("de");
        assertThat(realm.admin().put(realm.adminPath() + "/users/" + lukas.path("id").asText(), lukas).statusCode())
            .isEqualTo(204);

        MimeMessage reminder = Mails.awaitMail(mail, seen, "lena@library.example", "Set up your second factor");
        String text = Mails.plainText(reminder);
        assertThat(text).contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.ENGLISH)
            .format(soon.atZone(ZoneOffset.UTC).toLocalDate())).contains("5 days left");

        MimeMessage german = Mails.awaitMail(mail, seen, "lukas@library.example", "Richten Sie Ihren zweiten Faktor");
        assertThat(Mails.plainText(german)).contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
            .withLocale(Locale.GERMAN).format(soon.atZone(ZoneOffset.UTC).toLocalDate())).contains("noch 5 Tage");

        // Several more turns of the server's reminder run: no second mail, none to the others.
        TimeUnit.SECONDS.sleep(3L * ServerOptions.REMINDER_SECONDS + 1);
        assertThat(mailsTo("lena@library.example")).as("one reminder per deadline").isEqualTo(1);
        assertThat(mailsTo("lars@library.example")).as("lars has a factor").isZero();
        assertThat(mailsTo("lotte@library.example")).as("lotte's deadline is a month away").isZero();
    }
}
