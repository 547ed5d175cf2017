package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One login as a browser makes it: authorization request, login form, the second-factor form where there is one,
 * then the code exchange at the token endpoint. Cookies are kept per login (a fresh browser each time), except the
 * remember cookie that variant D brings along.
 */
final class LoginDriver {

    static final String REDIRECT = "http://localhost:8081/bench/callback";
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final HttpClient http;
    private final String realmUrl;
    private final MailSink mail;

    LoginDriver(HttpClient http, String realmUrl, MailSink mail) {
        this.http = http;
        this.realmUrl = realmUrl;
        this.mail = mail;
    }

    /** @return the cookies at the end (variant D's warm-up keeps the remember cookie from them) */
    Map<String, String> login(Variant variant, BenchUser user, boolean remember) throws IOException, InterruptedException {
        Map<String, String> cookies = new LinkedHashMap<>();
        if (variant == Variant.D && user.rememberCookie != null) {
            String[] cookie = user.rememberCookie.split("=", 2);
            cookies.put(cookie[0], cookie[1]);
        }
        String state = Long.toHexString(System.nanoTime());
        HttpResponse<String> page = send(cookies, HttpRequest.newBuilder(URI.create(realmUrl
            + "/protocol/openid-connect/auth?response_type=code&scope=openid&state=" + state
            + "&client_id=" + variant.clientId + "&redirect_uri=" + encode(REDIRECT))).GET());
        expect(page, 200, "login page");
        HttpResponse<String> next = post(cookies, formAction(page.body(), "kc-form-login"),
            Map.of("username", user.username, "password", user.password, "credentialId", ""));
        if (variant.answer != Variant.Answer.NONE || (variant == Variant.D && user.rememberCookie == null)) {
            expect(next, 200, "second-factor page");
            next = answer(variant, user, cookies, next.body(), remember);
        }
        expect(next, 302, "redirect to the application");
        String location = next.headers().firstValue("Location").orElseThrow();
        Matcher code = CODE.matcher(location);
        if (!code.find()) {
            throw new IOException("No code in " + location);
        }
        HttpResponse<String> token = send(cookies, HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                "code", code.group(1), "redirect_uri", REDIRECT, "client_id", variant.clientId)))));
        expect(token, 200, "token");
        if (!token.body().contains("\"access_token\"")) {
            throw new IOException("No access token");
        }
        return cookies;
    }

    private HttpResponse<String> answer(Variant variant, BenchUser user, Map<String, String> cookies, String page,
                                        boolean remember) throws IOException, InterruptedException {
        switch (variant.answer) {
            case STOCK_OTP -> {
                return post(cookies, formAction(page, "kc-otp-login-form"), Map.of("otp", totp(user)));
            }
            case STAFF_EMAIL -> {
                return post(cookies, formAction(page, "staff-mfa-code-form"), Map.of("code", mail.takeCode(user.email)));
            }
            default -> {
                Map<String, String> fields = new LinkedHashMap<>(Map.of("code", totp(user)));
                if (remember) {
                    fields.put("remember", "on");
                }
                return post(cookies, formAction(page, "staff-mfa-code-form"), fields);
            }
        }
    }

    private static String totp(BenchUser user) throws IOException {
        String code = user.unusedCode();
        if (code == null) {
            throw new IOException("All current TOTP codes of " + user.username + " are used: too few users");
        }
        return code;
    }

    private HttpResponse<String> post(Map<String, String> cookies, String action, Map<String, String> fields)
        throws IOException, InterruptedException {
        return send(cookies, HttpRequest.newBuilder(URI.create(action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    private HttpResponse<String> send(Map<String, String> cookies, HttpRequest.Builder request)
        throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
            HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }

    static String formAction(String html, String formId) throws IOException {
        int at = html.indexOf("id=\"" + formId + "\"");
        if (at < 0) {
            throw new IOException("No form " + formId + " on the page");
        }
        int start = html.lastIndexOf("<form", at);
        int end = html.indexOf('>', at);
        Matcher action = ACTION.matcher(html.substring(start, end));
        if (!action.find()) {
            throw new IOException("Form " + formId + " has no action");
        }
        return action.group(1).replace("&amp;", "&");
    }

    private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            String body = response.body();
            throw new IOException(what + ": HTTP " + response.statusCode() + " "
                + body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " "));
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
