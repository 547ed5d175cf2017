package org.staffmfa.keycloak.admin;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.staffmfa.keycloak.access.MfaAdminRoles;
import org.staffmfa.keycloak.adoption.AdoptionFacts;
import org.staffmfa.keycloak.adoption.AdoptionReport;
import org.staffmfa.keycloak.adoption.AdoptionReport.UserStatus;
import org.staffmfa.keycloak.policy.OtpAlgorithm;
import org.staffmfa.keycloak.policy.Factor;

/**
 * {@code /admin/realms/{realm}/staff-mfa/adoption}: how far MFA has got — counts per group and in total (MFA view
 * rights), and the users behind them, paged, sorted, filtered, or as a CSV file (Keycloak's right to view users).
 * Read-only.
 */
public final class AdoptionResource {

    /** At most this many users per page. */
    static final int MAX_PAGE = 500;

    public record Overview(String generatedAt, AdoptionReport.Stats totals, List<AdoptionReport.GroupRow> groups) {
    }

    public record UserRow(String id, String username, String firstName, String lastName, String email, boolean enabled,
                          String mode, List<String> factors, List<String> appAlgorithms, boolean hasFactor, int skips,
                          boolean exempt, boolean pastDeadline) {
    }

    public record UserPage(int total, int first, int max, List<UserRow> users) {
    }

    /** Which users a list shows. */
    private static final Map<String, Predicate<UserStatus>> SHOW = Map.of(
        "all", user -> true,
        "with-factor", UserStatus::hasFactor,
        "without-factor", user -> !user.hasFactor(),
        "skipped", user -> user.skips() > 0,
        "exempt", UserStatus::exempt,
        "past-deadline", UserStatus::pastDeadline);

    /** How a list is sorted (then by username). */
    private static final Map<String, Comparator<UserStatus>> SORT = Map.of(
        "username", Comparator.comparing(user -> lower(user.person().username())),
        "name", Comparator.comparing((UserStatus user) -> lower(user.person().lastName()))
            .thenComparing(user -> lower(user.person().firstName())),
        "email", Comparator.comparing(user -> lower(user.person().email())),
        "skips", Comparator.comparingInt(UserStatus::skips),
        "factors", Comparator.comparingInt(user -> user.factors().size()));

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    AdoptionResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Overview overview() {
        MfaAdminRoles.requireViewOrManageMfa(auth, realm, auth.realm().canViewRealm(), "the realm");
        AdoptionReport report = report();
        return new Overview(Instant.ofEpochSecond(Time.currentTime()).toString(), report.totals(), report.groups());
    }

    @GET
    @Path("users")
    @Produces(MediaType.APPLICATION_JSON)
    public UserPage users(@QueryParam("group") String group, @QueryParam("show") String show,
                          @QueryParam("sort") String sort, @QueryParam("order") String order,
                          @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        requireViewUsers();
        int from = first == null ? 0 : first;
        int size = max == null ? 50 : max;
        if (from < 0 || size < 1 || size > MAX_PAGE) {
            throw new BadInput("\"first\" must be 0 or more and \"max\" 1 to " + MAX_PAGE);
        }
        List<UserStatus> users = selected(group, show, sort, order);
        List<UserRow> page = users.stream().skip(from).limit(size).map(AdoptionResource::row).toList();
        return new UserPage(users.size(), from, size, page);
    }

    @GET
    @Path("users.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("group") String group, @QueryParam("show") String show,
                        @QueryParam("sort") String sort, @QueryParam("order") String order) {
        requireViewUsers();
        StringBuilder csv = new StringBuilder(
            "username,first name,last name,email,enabled,mode,factors,app algorithms,has factor,skips,exempt,past deadline\r\n");
        for (UserStatus user : selected(group, show, sort, order)) {
            UserRow row = row(user);
            csv.append(String.join(",", List.of(CsvCell.of(row.username()), CsvCell.of(row.firstName()),
                CsvCell.of(row.lastName()), CsvCell.of(row.email()), Boolean.toString(row.enabled()), row.mode(),
                CsvCell.of(String.join(" ", row.factors())), CsvCell.of(String.join(" ", row.appAlgorithms())),
                Boolean.toString(row.hasFactor()),
                Integer.toString(row.skips()), Boolean.toString(row.exempt()), Boolean.toString(row.pastDeadline()))))
                .append("\r\n");
        }
        return Response.ok(csv.toString(), "text/csv; charset=utf-8")
            .header("Content-Disposition", "attachment; filename=\"mfa-adoption-" + realm.getName().replaceAll("[^A-Za-z0-9._-]", "_")
                + ".csv\"")
            .build();
    }

    /** Names and email addresses are user data: Keycloak's right to view users, whatever MFA role the caller holds. */
    private void requireViewUsers() {
        auth.users().requireView();
    }

    private List<UserStatus> selected(String group, String show, String sort, String order) {
        Predicate<UserStatus> filter = SHOW.get(show == null ? "all" : show);
        if (filter == null) {
            throw new BadInput("\"show\" must be one of " + String.join(", ", new java.util.TreeSet<>(SHOW.keySet())));
        }
        Comparator<UserStatus> comparator = SORT.get(sort == null ? "username" : sort);
        if (comparator == null) {
            throw new BadInput("\"sort\" must be one of " + String.join(", ", new java.util.TreeSet<>(SORT.keySet())));
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw new BadInput("\"order\" must be asc or desc");
        }
        comparator = comparator.thenComparing(user -> lower(user.person().username()));
        if ("desc".equals(order)) {
            comparator = comparator.reversed();
        }
        AdoptionReport report = report();
        if (group != null && !report.knowsGroup(group)) {
            throw new NotFoundException("Group not found");
        }
        return report.users(group).stream().filter(filter).sorted(comparator).toList();
    }

    private AdoptionReport report() {
        return AdoptionReport.of(session, realm, AdoptionFacts.load(session, realm), Instant.ofEpochSecond(Time.currentTime()));
    }

    private static UserRow row(UserStatus user) {
        AdoptionFacts.Person person = user.person();
        return new UserRow(person.id(), person.username(), person.firstName(), person.lastName(), person.email(),
            person.enabled(), user.mode().id(), user.factors().stream().map(Factor::id).sorted().toList(),
            user.appAlgorithms().stream().map(OtpAlgorithm::uriName).sorted().toList(), user.hasFactor(),
            user.skips(), user.exempt(), user.pastDeadline());
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(java.util.Locale.ROOT);
    }
}
