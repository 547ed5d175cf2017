<#-- Shared parts of the Staff MFA pages. -->
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>

<#-- One icon per factor (Font Awesome, shipped with Keycloak's login themes). -->
<#assign factorIcons = {"totp": "fas fa-mobile-alt", "webauthn": "fas fa-key", "sms": "fas fa-sms", "email": "fas fa-envelope", "recovery-codes": "fas fa-list-ol"}>

<#-- A message that depends on a number: key-one for 1, key-other otherwise, key-zero for 0 where the bundle has it.
     The choice is made here, not with {0,choice,...} in the bundle, because Keycloak 26.4 hands template numbers to
     its message formatter in a form that choice formats refuse (HTTP 500). -->
<#-- Whether the page-level message may be shown: true unless a field shows its own error. Also false when Keycloak hands
     over a message without text: its form() reads the forwarded error note twice, and a parallel request for the same
     login can remove it in between (seen with 20 codes posted at once), which Keycloak's layout turns into HTTP 500. -->
<#function showPageMessage fields...>
    <#if !(message?? && message.summary??)>
        <#return false>
    </#if>
    <#list fields as name>
        <#if messagesPerField.existsError(name)>
            <#return false>
        </#if>
    </#list>
    <#return true>
</#function>

<#function countMsg key count>
    <#local form = (count == 1)?then("one", "other")>
    <#if count == 0 && msg(key + "-zero") != key + "-zero">
        <#local form = "zero">
    </#if>
    <#return msg(key + "-" + form, count?c)>
</#function>

<#-- The recheck interval in words, e.g. "1 day 6 hours", from staffMfa.rememberFor. -->
<#function intervalInWords>
    <#local words = "">
    <#list staffMfa.rememberFor as part>
        <#local words = words + (words?has_content)?then(" ", "") + countMsg("staffMfaDuration-" + part.unit, part.count)>
    </#list>
    <#return words>
</#function>

<#-- "Remember this browser for ..." box (setting offer), or a notice (setting always), or nothing (never, or 0). -->
<#macro rememberBrowser>
    <#if staffMfa.remember = "offer">
        <div class="${properties.kcFormGroupClass!}" id="staff-mfa-remember">
            <@field.checkbox name="remember" label=msg("staffMfaRememberBrowser", intervalInWords()) />
            <p class="${properties.kcInputHelperTextItemTextClass!}">${msg("staffMfaRememberBrowserHelp")}</p>
        </div>
    <#elseif staffMfa.remember = "always">
        <p id="staff-mfa-remember-notice">${msg("staffMfaRememberBrowserAlways", intervalInWords())}</p>
    </#if>
</#macro>

<#-- A factor as a full-width choice with icon, name and help text; submits name=value. -->
<#macro factorChoice factor name idPrefix>
    <li class="${properties.kcSelectAuthListItemWrapperClass!}">
        <button type="submit" name="${name}" value="${factor}" id="${idPrefix}${factor}"
                class="${properties.kcSelectAuthListItemClass!} staff-mfa-factor-choice"
                style="width: 100%; text-align: start; background: none; border: 0; cursor: pointer;">
            <div class="pf-v5-c-data-list__item-content pf-v5-u-flex-wrap-wrap">
                <div class="${properties.kcSelectAuthListItemIconClass!}">
                    <i class="${factorIcons[factor]!'fas fa-key'} ${properties.kcSelectAuthListItemIconPropertyClass!}" aria-hidden="true"></i>
                </div>
                <div class="${properties.kcSelectAuthListItemBodyClass!}">
                    <h2 class="${properties.kcSelectAuthListItemHeadingClass!}">${msg("staffMfaFactorName-" + factor)}</h2>
                </div>
                <div class="${properties.kcSelectAuthListItemDescriptionClass!}">${msg("staffMfaFactorHelp-" + factor)}</div>
            </div>
        </button>
    </li>
</#macro>

<#-- "Use another factor": the user's other usable factors, a plain form post (no JavaScript needed). -->
<#macro otherFactors>
    <#if staffMfa.otherFactors?has_content>
        <form id="staff-mfa-other-factors" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <p>${msg("staffMfaTryAnotherFactor")}</p>
            <ul class="${properties.kcSelectAuthListClass!}" role="list">
                <#list staffMfa.otherFactors as other>
                    <@factorChoice factor=other name="factor" idPrefix="staff-mfa-use-" />
                </#list>
            </ul>
        </form>
    </#if>
</#macro>
