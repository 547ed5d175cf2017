package org.staffmfa.keycloak.factor.codes;

import org.staffmfa.keycloak.sms.PhoneNumberMask;

/** Shows where a code went without showing the whole address or number: {@code a…e@library.example}, {@code +49…78}. */
public final class TargetMask {

    private TargetMask() {
    }

    public static String mask(Channel channel, String target) {
        if (channel == Channel.SMS) {
            return PhoneNumberMask.mask(target);
        }
        int at = target.indexOf('@');
        if (at <= 0) {
            return "…";
        }
        String local = target.substring(0, at);
        String shown = local.length() <= 2 ? local.substring(0, 1) + "…" : local.charAt(0) + "…" + local.charAt(local.length() - 1);
        return shown + target.substring(at);
    }
}
