<#-- Second factor during login: enter a code of the selected factor, or switch to another of the user's factors.
     Works without JavaScript: switching is a plain form post. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: staff-mfa-code.ftl -->
    <#if section = "header">
        ${msg("staffMfaCodeTitle")}
    <#elseif section = "form">
        <p id="staff-mfa-code-instruction">${msg("staffMfaCodeInstruction-" + staffMfa.factor, (staffMfa.target)!"")}</p>
        <form id="staff-mfa-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.input name="code" label=msg("staffMfaCodeLabel") autocomplete="one-time-code" autofocus=true />
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
        <#if staffMfa.otherFactors?has_content>
            <form id="staff-mfa-other-factors" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <p>${msg("staffMfaTryAnotherFactor")}</p>
                <@buttons.actionGroup>
                    <#list staffMfa.otherFactors as other>
                        <@buttons.button id="staff-mfa-use-${other}" name="factor" label="staffMfaFactorName-${other}" type="secondary" value=other />
                    </#list>
                </@buttons.actionGroup>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
