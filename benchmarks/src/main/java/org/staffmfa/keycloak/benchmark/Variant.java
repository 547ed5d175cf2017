package org.staffmfa.keycloak.benchmark;

/** The ways in that are measured side by side, each with its own users and client (G only when asked for). */
enum Variant {

    A("password only, stock browser flow", "bench-stock", "a", Answer.NONE),
    B("stock Keycloak OTP form", "bench-stock", "b", Answer.STOCK_OTP),
    C("staff flow, TOTP, no remember cookie", "bench-staff", "c", Answer.STAFF_TOTP),
    D("staff flow, valid remember cookie", "bench-staff", "d", Answer.NONE),
    E("staff flow, email code", "bench-staff", "e", Answer.STAFF_EMAIL),
    F("exempt client (staff flow, required user)", "bench-exempt", "f", Answer.NONE),
    /** Only when asked for (--variants …,G): C's login for a user in 50 of the realm's --groups groups. */
    G("staff flow, TOTP, user in 50 of many groups", "bench-staff", "g", Answer.STAFF_TOTP);

    /** What the user types after the password. */
    enum Answer { NONE, STOCK_OTP, STAFF_TOTP, STAFF_EMAIL }

    final String description;
    final String clientId;
    final String userPrefix;
    final Answer answer;

    Variant(String description, String clientId, String userPrefix, Answer answer) {
        this.description = description;
        this.clientId = clientId;
        this.userPrefix = userPrefix;
        this.answer = answer;
    }

    boolean usesTotp() {
        return answer == Answer.STOCK_OTP || answer == Answer.STAFF_TOTP;
    }
}
