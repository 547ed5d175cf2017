package org.staffmfa.keycloak.factor.codes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.Logger;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.utils.EmailValidationUtil;
import org.staffmfa.keycloak.factor.EnrolmentPage;
import org.staffmfa.keycloak.factor.EnrolmentStep;
import org.staffmfa.keycloak.factor.codes.Channel;
import org.staffmfa.keycloak.factor.codes.CodeDelivery;
import org.staffmfa.keycloak.factor.codes.CodeSettings;
import org.staffmfa.keycloak.factor.codes.ContactCredentials;
import org.staffmfa.keycloak.factor.codes.DeliveryException;
import org.staffmfa.keycloak.factor.codes.SessionCodes;
import org.staffmfa.keycloak.channelsettings.ChannelSettingsStore;
import org.staffmfa.keycloak.factor.codes.TargetMask;
import org.staffmfa.keycloak.pages.StaffMfaPages;
import org.staffmfa.keycloak.policy.Factor;

/**
 * Enrols an email address or phone number: the user types it (never prefilled from the profile, as Evergreen
 * does for security), receives a code there and confirms it before the factor exists. Phone numbers are stored in
 * E.164; the realm's SMS code setting {@code default-region} says which country numbers without "+" belong to.
 */
public final class ContactEnrolmentStep implements EnrolmentStep {

    static final int MAX_EMAIL_LENGTH = 254;
    private static final Logger LOG = Logger.getLogger(ContactEnrolmentStep.class);

    private final Channel channel;
    private final CodeDelivery delivery;

    public ContactEnrolmentStep(Channel channel, CodeDelivery delivery) {
        this.channel = channel;
        this.delivery = delivery;
    }

    @Override
    public Factor factor() {
        return channel.factor();
    }

    @Override
    public void show(RequiredActionContext context, EnrolmentPage view) {
        context.challenge(page(context, view, chosenTarget(context), null, null).createForm(StaffMfaPages.CONTACT_SETUP_TEMPLATE));
    }

    @Override
    public boolean confirm(RequiredActionContext context, EnrolmentPage view) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        SessionCodes codes = codes(context);
        Optional<String> target = chosenTarget(context);
        if (form.containsKey(StaffMfaPages.FIELD_CHANGE_TARGET) || (target.isEmpty() && !form.containsKey(StaffMfaPages.FIELD_TARGET))) {
            context.getAuthenticationSession().removeAuthNote(targetNote());
            codes.clear();
            show(context, view);
            return false;
        }
        if (form.containsKey(StaffMfaPages.FIELD_TARGET) && target.isEmpty()) {
            chooseTarget(context, view, codes, form.getFirst(StaffMfaPages.FIELD_TARGET));
            return false;
        }
        if (form.containsKey(StaffMfaPages.FIELD_RESEND) || form.containsKey(StaffMfaPages.FIELD_NEW_CODE)) {
            resend(context, view, codes, target.get());
            return false;
        }
        SessionCodes.Verdict verdict = codes.verify(form.getFirst(StaffMfaPages.FIELD_CODE));
        if (verdict != SessionCodes.Verdict.VALID) {
            String message = switch (verdict) {
                case VOID -> StaffMfaPages.CODE_VOID_MESSAGE;
                case EXPIRED -> StaffMfaPages.CODE_EXPIRED_MESSAGE;
                default -> StaffMfaPages.INVALID_CODE_MESSAGE;
            };
            context.challenge(page(context, view, target, null, new FormMessage(StaffMfaPages.FIELD_CODE, message))
                .createForm(StaffMfaPages.CONTACT_SETUP_TEMPLATE));
            return false;
        }
        CredentialModel credential = ContactCredentials.create(context.getSession(), context.getUser(), channel, target.get(),
            TargetMask.mask(channel, target.get()));
        context.getAuthenticationSession().removeAuthNote(targetNote());
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL)
            .detail(Details.CREDENTIAL_TYPE, channel.credentialType())
            .detail(Details.CREDENTIAL_ID, credential.getId())
            .success();
        return true;
    }

    private void chooseTarget(RequiredActionContext context, EnrolmentPage view, SessionCodes codes, String input) {
        Optional<String> normalised = normalise(context, input);
        if (normalised.isEmpty()) {
            String message = channel == Channel.EMAIL ? StaffMfaPages.INVALID_EMAIL_MESSAGE : StaffMfaPages.INVALID_PHONE_MESSAGE;
            context.challenge(page(context, view, Optional.empty(), input, new FormMessage(StaffMfaPages.FIELD_TARGET, message))
                .createForm(StaffMfaPages.CONTACT_SETUP_TEMPLATE));
            return;
        }
        Optional<String> code = codes.issue(normalised.get());
        if (code.isEmpty()) {
            context.challenge(page(context, view, Optional.empty(), input, null).setError(StaffMfaPages.TOO_MANY_MESSAGES_MESSAGE)
                .createForm(StaffMfaPages.CONTACT_SETUP_TEMPLATE));
            return;
        }
        try {
            deliver(context, normalised.get(), code.get());
        } catch (DeliveryException e) {
            codes.clear();
            notSent(context, view, Optional.empty(), e);
            return;
        }
        context.getAuthenticationSession().setAuthNote(targetNote(), normalised.get());
        show(context, view);
    }

    private void resend(RequiredActionContext context, EnrolmentPage view, SessionCodes codes, String target) {
        DeliveryException[] failure = new DeliveryException[1];
        SessionCodes.Resend result = codes.resend(code -> {
            try {
                deliver(context, target, code);
            } catch (DeliveryException e) {
                failure[0] = e;
            }
        });
        if (result == SessionCodes.Resend.NONE) {
            Optional<String> code = codes.issue(target);
            if (code.isPresent()) {
                try {
                    deliver(context, target, code.get());
                    result = SessionCodes.Resend.SENT;
                } catch (DeliveryException e) {
                    failure[0] = e;
                }
            } else {
                result = SessionCodes.Resend.TOO_MANY;
            }
        }
        if (failure[0] != null) {
            notSent(context, view, Optional.of(target), failure[0]);
            return;
        }
        LoginFormsProvider form = page(context, view, Optional.of(target), null, null);
        switch (result) {
            case SENT -> form.setInfo(StaffMfaPages.CODE_SENT_AGAIN_MESSAGE);
            case TOO_SOON -> form.setError(StaffMfaPages.RESEND_TOO_SOON_MESSAGE);
            default -> form.setError(StaffMfaPages.RESEND_LIMIT_MESSAGE);
        }
        context.challenge(form.createForm(StaffMfaPages.CONTACT_SETUP_TEMPLATE));
    }

    private void notSent(RequiredActionContext context, EnrolmentPage view, Optional<String> target, DeliveryException e) {
        LOG.warnf("Staff MFA: %s enrolment code for user %s in realm %s not sent: %s", channel.id(),
            context.getUser().getUsername(), context.getRealm().getName(), e.getMessage());
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR)
            .detail(Details.CUSTOM_REQUIRED_ACTION, org.staffmfa.keycloak.StaffMfaIds.ENROL_ACTION)
            .detail("reason", e.reason())
            .error("mfa_code_not_sent");
        context.challenge(page(context, view, target, null, null).setError(StaffMfaPages.SEND_FAILED_MESSAGE)
            .createForm(StaffMfaPages.CONTACT_SETUP_TEMPLATE));
    }

    private void deliver(RequiredActionContext context, String target, String code) throws DeliveryException {
        delivery.deliver(context.getSession(), context.getRealm(), context.getUser(), context.getAuthenticationSession(),
            channel, target, code, settings(context).validity());
    }

    private Optional<String> normalise(RequiredActionContext context, String input) {
        if (channel == Channel.SMS) {
            return PhoneNumbers.toE164(input,
                ChannelSettingsStore.read(context.getRealm(), ChannelSettingsStore.SMS).get(ChannelSettingsStore.DEFAULT_REGION));
        }
        String address = input == null ? "" : input.strip();
        return address.length() <= MAX_EMAIL_LENGTH && EmailValidationUtil.isValidEmail(address)
            ? Optional.of(address) : Optional.empty();
    }

    private LoginFormsProvider page(RequiredActionContext context, EnrolmentPage view, Optional<String> target,
                                    String typed, FormMessage error) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("channel", channel.id());
        attributes.put("stage", target.isPresent() ? "code" : "target");
        attributes.put("target", target.map(t -> TargetMask.mask(channel, t)).orElse(""));
        attributes.put("typed", typed == null ? "" : typed);
        return view.form(context, attributes, error);
    }

    private Optional<String> chosenTarget(RequiredActionContext context) {
        return Optional.ofNullable(context.getAuthenticationSession().getAuthNote(targetNote()));
    }

    private String targetNote() {
        return "staff-mfa.enrolment-target." + channel.id();
    }

    private SessionCodes codes(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        return new SessionCodes(context.getSession(), context.getRealm(), authSession, context.getUser(),
            "enrol-" + channel.id(), channel, settings(context));
    }

    private CodeSettings settings(RequiredActionContext context) {
        return CodeSettings.of(context.getSession(), context.getRealm(), channel);
    }
}
