<#-- Recovery codes, shown once: the user saves them (print, copy, password manager) and confirms. The codes stay on
     the server until then; the form only says "saved". -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=staffMfaUi.showPageMessage('saved'); section>
<!-- template: staff-mfa-recovery-codes.ftl -->
    <#if section = "header">
        ${msg("staffMfaRecoveryCodesTitle")}
    <#elseif section = "form">
        <p id="staff-mfa-recovery-codes-intro">${msg("staffMfaRecoveryCodesIntro")}</p>
        <ol id="staff-mfa-recovery-codes" class="pf-v5-c-list pf-v5-u-mb-md" style="font-family: monospace; font-size: 1.1em;">
            <#list staffMfa.recoveryCodes as code>
                <li>${code}</li>
            </#list>
        </ol>
        <p id="staff-mfa-recovery-codes-warning"><strong>${msg("staffMfaRecoveryCodesWarning")}</strong></p>
        <button type="button" id="staff-mfa-recovery-codes-print" class="${properties.kcButtonSecondaryClass!}" hidden>${msg("staffMfaPrint")}</button>
        <form id="staff-mfa-recovery-codes-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.checkbox name="saved" label=msg("staffMfaRecoveryCodesSaved") />
            <#if messagesPerField.existsError('saved')>
                <p id="input-error-saved" class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get('saved'))?no_esc}</p>
            </#if>
            <@buttons.actionGroup>
                <@buttons.button id="staff-mfa-recovery-codes-confirm" name="confirm" label="staffMfaContinue" />
            </@buttons.actionGroup>
        </form>
        <#if (staffMfa.followUp)!false>
            <form id="staff-mfa-later-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-later" name="later" label="staffMfaNotNow" type="secondary" value="true" />
                </@buttons.actionGroup>
            </form>
        <#elseif staffMfa.canGoBack>
            <form id="staff-mfa-back-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-back" name="back" label="staffMfaChooseAnother" type="secondary" value="true" />
                </@buttons.actionGroup>
            </form>
        </#if>
        <script type="module">
            const print = document.getElementById("staff-mfa-recovery-codes-print");
            print.hidden = false;
            print.addEventListener("click", () => window.print());
        </script>
    </#if>
</@layout.registrationLayout>
