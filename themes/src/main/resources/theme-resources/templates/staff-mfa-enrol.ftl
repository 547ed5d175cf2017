<#-- Enrolment chooser: the factors the user's groups allow; "Skip for now" only in allowed mode. After a login with a
     recovery code: how many codes are left, a new factor suggested, "Not now" always possible. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=staffMfaUi.showPageMessage(); section>
<!-- template: staff-mfa-enrol.ftl -->
    <#if section = "header">
        ${msg(staffMfa.afterRecoveryCode?then("staffMfaAfterRecoveryTitle", "staffMfaEnrolTitle"))}
    <#elseif section = "form">
        <#if staffMfa.afterRecoveryCode>
            <p id="staff-mfa-recovery-codes-left">${staffMfaUi.countMsg("staffMfaRecoveryCodesLeft", staffMfa.recoveryCodesLeft)}</p>
            <p id="staff-mfa-enrol-intro">${msg("staffMfaAfterRecoveryIntro")}</p>
        <#else>
            <p id="staff-mfa-enrol-intro">${msg(staffMfa.canSkip?then("staffMfaEnrolIntroAllowed", "staffMfaEnrolIntroRequired"))}</p>
            <#list staffMfa.skipNotes![] as note>
                <p class="staff-mfa-skip-note">${msg(note[0], note[1]!"", note[2]!"")}</p>
            </#list>
        </#if>
        <form id="staff-mfa-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <ul class="${properties.kcSelectAuthListClass!}" role="list">
                <#list staffMfa.factors as factor>
                    <@staffMfaUi.factorChoice factor=factor name="factor" idPrefix="staff-mfa-enrol-" />
                </#list>
            </ul>
            <#if staffMfa.canSkip>
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-skip" name="skip" label=staffMfa.afterRecoveryCode?then("staffMfaNotNow", "staffMfaSkip") type="secondary" value="true" />
                </@buttons.actionGroup>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
