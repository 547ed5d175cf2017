package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/** Reads mails the way a person does: the decoded plain-text body. */
public final class Mails {

    /** A GreenMail SMTP server on a free port, one per test class, accepting mail without authentication. */
    public static GreenMailExtension smtpServer() {
        return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);
    }

    /** Points the realm's SMTP settings at the server. */
    public static void sendTo(ObjectNode realm, GreenMailExtension mail) {
        realm.putObject("smtpServer")
            .put("host", "127.0.0.1")
            .put("port", Integer.toString(mail.getSmtp().getPort()))
            .put("from", "keycloak@library.example");
    }


    private Mails() {
    }

    public static String plainText(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String text = plainText(child);
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
            }
            return "";
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Unreadable mail", e);
        }
    }

    /** The first http(s) link in the text that contains the fragment. */
    public static Optional<String> link(String text, String fragment) {
        Matcher matcher = Pattern.compile("https?://\\S+").matcher(text);
        while (matcher.find()) {
            if (matcher.group().contains(fragment)) {
                return Optional.of(matcher.group());
            }
        }
        return Optional.empty();
    }
}
