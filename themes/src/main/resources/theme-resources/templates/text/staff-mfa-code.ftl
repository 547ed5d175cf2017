<#ftl output_format="plainText">
<#-- Email with a one-time login code (text part). Attributes: code, minutes, realmTitle. -->
${msg("staffMfaCodeEmailIntro", realmTitle)}

${code}

${msg("staffMfaCodeEmailValidity", minutes)}

${msg("staffMfaCodeEmailWarning")}
