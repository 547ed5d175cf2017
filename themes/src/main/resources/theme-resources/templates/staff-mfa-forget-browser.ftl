<#-- "Forget this browser": removes this realm's remembered-browser cookies from the browser. No login needed. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: staff-mfa-forget-browser.ftl -->
    <#if section = "header">
        ${msg("staffMfaForgetBrowserTitle")}
    <#elseif section = "form">
        <#if staffMfa.done>
            <p id="staff-mfa-forget-browser-done">${msg("staffMfaForgetBrowserDone")}</p>
        <#else>
            <p id="staff-mfa-forget-browser-intro">${msg("staffMfaForgetBrowserIntro")}</p>
            <form id="staff-mfa-forget-browser-form" class="${properties.kcFormClass!}" action="${staffMfa.action}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-forget-browser" name="forget" label="staffMfaForgetBrowserButton" value="true" />
                </@buttons.actionGroup>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
