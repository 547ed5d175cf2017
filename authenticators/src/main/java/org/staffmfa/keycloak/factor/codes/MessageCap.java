package org.staffmfa.keycloak.factor.codes;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.staffmfa.keycloak.singleuse.SingleUseMarks.Purpose;
import org.staffmfa.keycloak.singleuse.SingleUseMarks;

/**
 * At most N messages per user, channel and hour, so that someone who knows a password cannot run up SMS bills or
 * flood a mailbox. Each message takes one of N slots in the cluster-wide single-use store; a slot frees itself an hour
 * after it was taken.
 */
final class MessageCap {

    private static final long SLOT_LIFESPAN_SECONDS = 3600;

    private MessageCap() {
    }

    static boolean tryTake(KeycloakSession session, RealmModel realm, UserModel user, Channel channel, int perHour) {
        for (int slot = 0; slot < perHour; slot++) {
            if (SingleUseMarks.takeFirst(session, Purpose.MESSAGE_SLOT, realm, SLOT_LIFESPAN_SECONDS, user.getId(),
                channel.id(), Integer.toString(slot))) {
                return true;
            }
        }
        return false;
    }
}
