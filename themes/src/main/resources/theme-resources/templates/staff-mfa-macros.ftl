<#-- Shared parts of the Staff MFA pages. -->
<#import "field.ftl" as field>

<#-- The recheck interval in words, e.g. "1 day 6 hours", from staffMfa.rememberFor. -->
<#function intervalInWords>
    <#local words = "">
    <#list staffMfa.rememberFor as part>
        <#local words = words + (words?has_content)?then(" ", "") + msg("staffMfaDuration-" + part.unit, part.count)>
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
