package org.staffmfa.keycloak.it.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads mails the way a person does: the decoded plain-text body. */
public final class Mails {

    /** A GreenMail SMTP server on a free port, one per test class, accepting mail without authentication. */
    public static GreenMailExtension smtpServer() {
        return new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);
    }

    /**
     * The six-digit code of the first new "login code" mail to the recipient (security notices that arrive meanwhile
     * are passed over).
     */
    public static String awaitCode(GreenMailExtension mail, Set<String> seen, String recipient) {
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\\b[0-9]{6,8}\\b")
            .matcher(plainText(awaitMail(mail, seen, recipient, "login code")));
        if (!code.find()) {
            throw new AssertionError("No code in the login-code mail to " + recipient);
        }
        return code.group();
    }

    /** The Message-IDs of every mail received so far, to tell later mails from them. */
    public static Set<String> seen(GreenMailExtension mail) {
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            ids.add(messageId(message));
        }
        return ids;
    }

    /**
     * The first mail not in {@code seen} to the recipient whose subject contains the given text, waiting for it
     * (GreenMail wakes the wait on each arrival). Other mails — security notices, mails to others — are passed over.
     * GreenMail lists mails by mailbox, not by arrival, so "new" is told by Message-ID, never by position.
     */
    public static MimeMessage awaitMail(GreenMailExtension mail, Set<String> seen, String recipient,
                                        String subjectPart) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            MimeMessage[] received = mail.getReceivedMessages();
            try {
                for (MimeMessage message : received) {
                    if (!seen.contains(messageId(message))
                        && message.getAllRecipients()[0].toString().equals(recipient)
                        && message.getSubject().contains(subjectPart)) {
                        return message;
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No new mail \"…" + subjectPart + "…\" to " + recipient + " among "
                    + Arrays.stream(received).map(Mails::describe).toList());
            }
            mail.waitForIncomingEmail(1_000, received.length + 1);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(MimeMessage message) {
        try {
            return message.getAllRecipients()[0] + ": " + message.getSubject();
        } catch (MessagingException e) {
            return e.toString();
        }
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
