#!/usr/bin/env bash
# Prints how to use a running demo (demo.sh, scripts/cluster-demo.sh):
#   scripts/demo-banner.sh URL SMS_NOTE STOP_NOTE
set -euo pipefail
URL=$1
SMS_NOTE=$2
STOP_NOTE=$3
cat <<BANNER

  Staff MFA demo is running.

  Admin console     $URL/admin/            user admin / password admin
  Account console   $URL/realms/library-staff/account
  MFA admin page    $URL/realms/library-staff/staff-mfa/admin/   (sign in as mia)
  My second factors $URL/realms/library-staff/staff-mfa/factors/

  Demo users (realm library-staff)              MFA
    alice / alice-demo   staff/circulation        allowed: offered enrolment, may skip
    bob   / bob-demo     staff/systems            required: sets up an authenticator app at first login
    carol / carol-demo   staff/systems            required: has an app; add the secret
                         4TFRJCFONMETU6QFSXA3NGRKYJ443ON7 to an authenticator app (SHA-1, 6 digits, 30 s)
    dave  / dave-demo    staff/cataloging         allowed
    sam   / sam-demo     sandbox                  required, authenticator app only, asked every time
    erik  / erik-demo    staff/systems            required, but exempt for evergreen-staff until 2030
    mia   / mia-demo     staff/systems            required; MFA administrator (manage-mfa, remove-user-mfa)

  The SIP2 gateway client (sip2-gateway) is exempt from MFA. Forget remembered browsers at
  $URL/realms/library-staff/staff-mfa/forget-browser

  $SMS_NOTE
  Mails (email codes, password resets) go to GreenMail: http://localhost:8025/api/user/<address>/messages/INBOX

  $STOP_NOTE

BANNER
