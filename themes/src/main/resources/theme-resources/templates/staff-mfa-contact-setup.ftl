<#-- Enrol an email address or phone number: type it (stage "target"), then enter the code sent there (stage "code"). -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=staffMfaUi.showPageMessage('code', 'target'); section>
<!-- template: staff-mfa-contact-setup.ftl -->
    <#if section = "header">
        ${msg("staffMfaContactSetupTitle-" + staffMfa.channel)}
    <#elseif section = "form">
        <#if staffMfa.stage = "target">
            <p id="staff-mfa-contact-intro">${msg("staffMfaContactIntro-" + staffMfa.channel)}</p>
            <form id="staff-mfa-target-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@field.input name="target" label=msg("staffMfaContactLabel-" + staffMfa.channel) value=staffMfa.typed
                    autocomplete=(staffMfa.channel = "email")?then("email", "tel") autofocus=true />
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-send-code" name="send" label="staffMfaSendCode" />
                </@buttons.actionGroup>
            </form>
        <#else>
            <p id="staff-mfa-code-instruction">${msg("staffMfaContactCodeSent-" + staffMfa.channel, staffMfa.target)}</p>
            <form id="staff-mfa-contact-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@field.input name="code" label=msg("staffMfaCodeLabel") autocomplete="one-time-code" autofocus=true />
                <@staffMfaUi.rememberBrowser />
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-contact-confirm" name="confirm" label="staffMfaTotpConfirm" />
                </@buttons.actionGroup>
            </form>
            <form id="staff-mfa-contact-actions" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-resend" name="resend" label="staffMfaResend" type="secondary" value="true" />
                    <@buttons.button id="staff-mfa-change" name="change" label="staffMfaChangeContact-${staffMfa.channel}" type="secondary" value="true" />
                </@buttons.actionGroup>
            </form>
        </#if>
        <#if staffMfa.canGoBack>
            <form id="staff-mfa-back-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-back" name="back" label="staffMfaChooseAnother" type="secondary" value="true" />
                </@buttons.actionGroup>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
