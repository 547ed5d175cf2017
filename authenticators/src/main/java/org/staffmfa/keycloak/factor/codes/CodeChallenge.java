package org.staffmfa.keycloak.factor.codes;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.factor.BruteForceLockout;
import org.staffmfa.keycloak.factor.FactorChallenge;
import org.staffmfa.keycloak.factor.FactorPage;
import org.staffmfa.keycloak.factor.codes.Channel;
import org.staffmfa.keycloak.factor.codes.CodeDelivery;
import org.staffmfa.keycloak.factor.codes.CodeSettings;
import org.staffmfa.keycloak.factor.codes.ContactCredentials;
import org.staffmfa.keycloak.factor.codes.DeliveryException;
import org.staffmfa.keycloak.factor.codes.SessionCodes;
import org.staffmfa.keycloak.factor.codes.TargetMask;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;

/**
 * A code sent by email or SMS to the user's confirmed address or number. The code is sent when the page is first
 * shown (not again on reload); "Send again" resends the same code within limits; wrong entries count in brute-force
 * protection and void the code after too many; a gateway failure says so and leaves the other factors on offer.
 */
public final class CodeChallenge implements FactorChallenge {

    private static final Logger LOG = Logger.getLogger(CodeChallenge.class);

    private final Channel channel;
    private final CodeDelivery delivery;

    public CodeChallenge(Channel channel, CodeDelivery delivery) {
        this.channel = channel;
        this.delivery = delivery;
    }

    @Override
    public Factor factor() {
        return channel.factor();
    }

    @Override
    public String credentialType() {
        return channel.credentialType();
    }

    @Override
    public void show(AuthenticationFlowContext context, FactorPage view) {
        SessionCodes codes = codes(context);
        String target = target(context);
        if (codes.currentTarget().filter(target::equals).isPresent()) {
            context.challenge(page(context, view, target).createForm(StaffMfaPages.CODE_TEMPLATE));
        } else {
            sendNewCode(context, view, codes, target);
        }
    }

    @Override
    public boolean verify(AuthenticationFlowContext context, FactorPage view) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        SessionCodes codes = codes(context);
        String target = target(context);
        if (form.containsKey(StaffMfaPages.FIELD_RESEND)) {
            resend(context, view, codes, target);
            return false;
        }
        if (form.containsKey(StaffMfaPages.FIELD_NEW_CODE)) {
            if (codes.currentTarget().isPresent()) {
                resend(context, view, codes, target);
            } else {
                sendNewCode(context, view, codes, target);
            }
            return false;
        }
        UserModel user = context.getUser();
        if (BruteForceLockout.refuses(context, () -> page(context, view, target)
                .addError(new FormMessage(StaffMfaPages.FIELD_CODE, StaffMfaPages.INVALID_CODE_MESSAGE))
                .createForm(StaffMfaPages.CODE_TEMPLATE))) {
            return false;
        }
        SessionCodes.Verdict verdict = codes.verify(form.getFirst(StaffMfaPages.FIELD_CODE));
        if (verdict == SessionCodes.Verdict.VALID) {
            return true;
        }
        String message = switch (verdict) {
            case VOID -> StaffMfaPages.CODE_VOID_MESSAGE;
            case EXPIRED -> StaffMfaPages.CODE_EXPIRED_MESSAGE;
            default -> StaffMfaPages.INVALID_CODE_MESSAGE;
        };
        context.getEvent().user(user)
            .detail(MfaEventDetails.FAILURE, switch (verdict) {
                case VOID -> MfaEventDetails.FAILURE_CODE_VOID;
                case EXPIRED -> MfaEventDetails.FAILURE_CODE_EXPIRED;
                default -> MfaEventDetails.FAILURE_WRONG_CODE;
            })
            .error(Errors.INVALID_USER_CREDENTIALS);
        context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, page(context, view, target)
            .addError(new FormMessage(StaffMfaPages.FIELD_CODE, message))
            .createForm(StaffMfaPages.CODE_TEMPLATE));
        return false;
    }

    private void sendNewCode(AuthenticationFlowContext context, FactorPage view, SessionCodes codes, String target) {
        if (target.isBlank()) {
            // Nothing to send to: no code is issued, no message counted, no gateway called.
            notSent(context, view, target, new DeliveryException(DeliveryException.Reason.NO_ADDRESS,
                "the factor's address cannot be read", null));
            return;
        }
        Optional<String> code = codes.issue(target);
        if (code.isEmpty()) {
            context.getEvent().user(context.getUser()).detail(MfaEventDetails.FACTOR, channel.id()).error("mfa_message_cap");
            context.challenge(page(context, view, target).setError(StaffMfaPages.TOO_MANY_MESSAGES_MESSAGE)
                .createForm(StaffMfaPages.CODE_TEMPLATE));
            return;
        }
        try {
            delivery.deliver(context.getSession(), context.getRealm(), context.getUser(),
                context.getAuthenticationSession(), channel, target, code.get(), settings(context).validity());
            context.challenge(page(context, view, target).createForm(StaffMfaPages.CODE_TEMPLATE));
        } catch (DeliveryException e) {
            codes.clear();
            notSent(context, view, target, e);
        }
    }

    private void resend(AuthenticationFlowContext context, FactorPage view, SessionCodes codes, String target) {
        DeliveryException[] failure = new DeliveryException[1];
        SessionCodes.Resend result = codes.resend(code -> {
            try {
                delivery.deliver(context.getSession(), context.getRealm(), context.getUser(),
                    context.getAuthenticationSession(), channel, target, code, settings(context).validity());
            } catch (DeliveryException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            notSent(context, view, target, failure[0]);
            return;
        }
        LoginFormsProvider form = page(context, view, target);
        switch (result) {
            case SENT -> form.setInfo(StaffMfaPages.CODE_SENT_AGAIN_MESSAGE);
            case TOO_SOON -> form.setError(StaffMfaPages.RESEND_TOO_SOON_MESSAGE);
            case TOO_MANY -> form.setError(StaffMfaPages.RESEND_LIMIT_MESSAGE);
            case NONE -> {
                sendNewCode(context, view, codes, target);
                return;
            }
        }
        context.challenge(form.createForm(StaffMfaPages.CODE_TEMPLATE));
    }

    /** The gateway or mail server failed: tell the user plainly, tell administrators why (never with the code). */
    private void notSent(AuthenticationFlowContext context, FactorPage view, String target, DeliveryException e) {
        LOG.warnf("Staff MFA: %s code for user %s in realm %s not sent: %s", channel.id(), context.getUser().getUsername(),
            context.getRealm().getName(), e.getMessage());
        context.getEvent().user(context.getUser())
            .detail(MfaEventDetails.FACTOR, channel.id())
            .detail("reason", e.reason())
            .error("mfa_code_not_sent");
        context.challenge(page(context, view, target).setAttribute("sendFailed", true)
            .setError(StaffMfaPages.SEND_FAILED_MESSAGE).createForm(StaffMfaPages.CODE_TEMPLATE));
    }

    private LoginFormsProvider page(AuthenticationFlowContext context, FactorPage view, String target) {
        return view.form(context, Map.of("target", TargetMask.mask(channel, target), "codeFactor", true));
    }

    private String target(AuthenticationFlowContext context) {
        return ContactCredentials.latest(context.getSession(), context.getUser(), channel).orElse("");
    }

    private SessionCodes codes(AuthenticationFlowContext context) {
        return new SessionCodes(context.getSession(), context.getRealm(), context.getAuthenticationSession(),
            context.getUser(), "login-" + channel.id(), channel, settings(context));
    }

    private CodeSettings settings(AuthenticationFlowContext context) {
        return CodeSettings.of(context.getSession(), context.getRealm(), channel);
    }
}
