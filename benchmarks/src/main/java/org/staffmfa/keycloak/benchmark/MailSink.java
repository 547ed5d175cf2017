package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/** A local SMTP server (GreenMail) that catches the email codes; each user's inbox is read and emptied per login. */
final class MailSink implements AutoCloseable {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private final GreenMail greenMail;

    MailSink(int port) {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /**
     * The code in the user's newest mail. Keycloak sends it before it answers with the code page, so it is there
     * already; the loop only covers a slow SMTP hand-over.
     */
    String takeCode(String address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
            if (user != null) {
                try {
                    MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
                    List<StoredMessage> messages = inbox.getMessages();
                    if (!messages.isEmpty()) {
                        String body = GreenMailUtil.getBody(messages.get(messages.size() - 1).getMimeMessage());
                        inbox.deleteAllMessages();
                        Matcher code = CODE.matcher(body);
                        if (code.find()) {
                            return code.group(1);
                        }
                    }
                } catch (FolderException e) {
                    throw new IOException(e);
                }
            }
            Thread.sleep(2);
        }
        throw new IOException("No code mail for " + address + " within 10 s");
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
