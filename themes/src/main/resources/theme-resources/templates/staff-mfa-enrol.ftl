<#-- Enrolment chooser: the factors the user's groups allow; "Skip for now" only in allowed mode. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#assign icons = {"totp": "fas fa-mobile-alt", "webauthn": "fas fa-key", "sms": "fas fa-sms", "email": "fas fa-envelope", "recovery-codes": "fas fa-list-ol"}>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: staff-mfa-enrol.ftl -->
    <#if section = "header">
        ${msg("staffMfaEnrolTitle")}
    <#elseif section = "form">
        <p id="staff-mfa-enrol-intro">${msg(staffMfa.canSkip?then("staffMfaEnrolIntroAllowed", "staffMfaEnrolIntroRequired"))}</p>
        <form id="staff-mfa-enrol-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <ul class="${properties.kcSelectAuthListClass!}" role="list">
                <#list staffMfa.factors as factor>
                    <li class="${properties.kcSelectAuthListItemWrapperClass!}">
                        <button type="submit" name="factor" value="${factor}" id="staff-mfa-enrol-${factor}"
                                class="${properties.kcSelectAuthListItemClass!} staff-mfa-factor-choice"
                                style="width: 100%; text-align: start; background: none; border: 0; cursor: pointer;">
                            <div class="pf-v5-c-data-list__item-content pf-v5-u-flex-wrap-wrap">
                                <div class="${properties.kcSelectAuthListItemIconClass!}">
                                    <i class="${icons[factor]!'fas fa-key'} ${properties.kcSelectAuthListItemIconPropertyClass!}" aria-hidden="true"></i>
                                </div>
                                <div class="${properties.kcSelectAuthListItemBodyClass!}">
                                    <h2 class="${properties.kcSelectAuthListItemHeadingClass!}">${msg("staffMfaFactorName-" + factor)}</h2>
                                </div>
                                <div class="${properties.kcSelectAuthListItemDescriptionClass!}">${msg("staffMfaFactorHelp-" + factor)}</div>
                            </div>
                        </button>
                    </li>
                </#list>
            </ul>
            <#if staffMfa.canSkip>
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-skip" name="skip" label="staffMfaSkip" type="secondary" value="true" />
                </@buttons.actionGroup>
            </#if>
        </form>
    </#if>
</@layout.registrationLayout>
