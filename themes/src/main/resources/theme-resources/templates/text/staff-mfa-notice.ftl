<#ftl output_format="plainText">
<#-- Security notice about the user's second factors (text part). Attributes: see html/staff-mfa-notice.ftl. -->
${msg("staffMfaNoticeText-" + notice, realmTitle)}

<#if factor??>
${msg("staffMfaNoticeFactor")} ${msg("staffMfaFactorName-" + factor)}<#if label?? && label?has_content> (${label})</#if>
</#if>
<#if admin??>
${msg("staffMfaNoticeAdmin")} ${admin}
</#if>
<#if reason??>
${msg("staffMfaNoticeReason")} ${reason}
</#if>
<#if expires??>
${msg("staffMfaNoticeExpires")} ${expires}
</#if>

${msg("staffMfaNoticeWarning")}
