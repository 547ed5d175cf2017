<#-- Second factor during login: enter a code of the selected factor (app, SMS, email or recovery code), or switch to another of the user's factors.
     Works without JavaScript: switching is a plain form post. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=staffMfaUi.showPageMessage('code'); section>
<!-- template: staff-mfa-code.ftl -->
    <#if section = "header">
        ${msg("staffMfaCodeTitle")}
    <#elseif section = "form">
        <p id="staff-mfa-code-instruction">${msg("staffMfaCodeInstruction-" + staffMfa.factor, (staffMfa.target)!((staffMfa.recoveryCodeNumber)!""))}</p>
        <form id="staff-mfa-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <#-- Recovery codes have letters: no numeric keyboard for them. -->
            <@field.input name="code" label=msg("staffMfaCodeLabel") autocomplete=(staffMfa.factor = "recovery-codes")?then("off", "one-time-code") autofocus=true />
            <@staffMfaUi.rememberBrowser />
            <@buttons.actionGroup>
                <@buttons.button id="staff-mfa-verify" name="verify" label="staffMfaVerify" />
            </@buttons.actionGroup>
        </form>
        <#if (staffMfa.codeFactor)!false>
            <form id="staff-mfa-code-actions" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-resend" name="resend" label="staffMfaResend" type="secondary" value="true" />
                </@buttons.actionGroup>
            </form>
        </#if>
        <@staffMfaUi.otherFactors />
    </#if>
</@layout.registrationLayout>
