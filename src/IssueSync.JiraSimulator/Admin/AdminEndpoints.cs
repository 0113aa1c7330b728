using System.Security.Cryptography;
using System.Text;
using IssueSync.JiraSimulator.Faults;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.State;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.JiraSimulator.Admin;

/// <summary>The <c>/_simulator/*</c> admin API (see the README for the list).</summary>
internal static class AdminEndpoints
{
    public const string AdminKeyHeader = "X-Simulator-Admin-Key";

    private const double MaxOffsetSeconds = 100 * 365.25 * 24 * 3600;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_simulator/health", () => Results.Json(new { status = "ok" }));

        var admin = app.MapGroup("/_simulator").AddEndpointFilter(async (context, next) =>
        {
            var state = context.HttpContext.RequestServices.GetRequiredService<SimulatorState>();
            if (state.Options.AdminApiKey is { Length: > 0 } key)
            {
                var given = context.HttpContext.Request.Headers[AdminKeyHeader].ToString();
                if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
                {
                    return Results.Json(new { error = $"Missing or wrong {AdminKeyHeader} header." }, statusCode: 401);
                }
            }

            return await next(context);
        });

        admin.MapGet("/issues", (SimulatorState state, string? cloudId, string? project) =>
            Results.Json(state.Issues.All()
                .Where(i => cloudId is null || string.Equals(i.CloudId, cloudId, StringComparison.OrdinalIgnoreCase))
                .Where(i => project is null || string.Equals(i.ProjectKey, project, StringComparison.OrdinalIgnoreCase))));

        admin.MapGet("/duplicates", (SimulatorState state) => Results.Json(Duplicates(state)));
        admin.MapGet("/stats", (SimulatorState state) => Results.Json(state.Stats.Snapshot()));
        admin.MapPost("/reset", (SimulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });

        admin.MapGet("/faults", (SimulatorState state) => Results.Json(state.Faults.Current));
        admin.MapPut("/faults", (SimulatorState state, FaultSettings faults) =>
        {
            var errors = faults.Validate().ToList();
            if (errors.Count > 0)
            {
                return Results.Json(new { errors }, statusCode: 400);
            }

            state.Faults.Replace(faults);
            return Results.Json(state.Faults.Current);
        });

        admin.MapGet("/config", (SimulatorState state) => Results.Json(SimulatorConfig.From(state.Settings)));
        admin.MapPut("/config", (SimulatorState state, SimulatorConfig config) =>
        {
            try
            {
                state.UpdateSettings(config.ApplyTo(state.Settings));
            }
            catch (ArgumentException e)
            {
                return Results.Json(new { errors = new[] { e.Message } }, statusCode: 400);
            }

            return Results.Json(SimulatorConfig.From(state.Settings));
        });

        admin.MapGet("/clock", (SimulatorState state) => Results.Json(ClockInfo(state)));
        admin.MapPost("/clock/advance", (SimulatorState state, ClockAdvance body) =>
        {
            if (body.Seconds is not { } seconds || !double.IsFinite(seconds) || seconds < 0)
            {
                return BadRequest("'seconds' must be a number of seconds, 0 or more (the clock only moves forward; PUT /_simulator/clock sets any offset).");
            }

            state.Clock.Advance(TimeSpan.FromSeconds(seconds));
            return Results.Json(ClockInfo(state));
        });
        admin.MapPut("/clock", (SimulatorState state, ClockOffset body) =>
        {
            if (body.OffsetSeconds is not { } seconds || !double.IsFinite(seconds) || Math.Abs(seconds) > MaxOffsetSeconds)
            {
                return BadRequest("'offsetSeconds' must be a number of seconds (at most 100 years either way).");
            }

            state.Clock.SetOffset(TimeSpan.FromSeconds(seconds));
            return Results.Json(ClockInfo(state));
        });

        admin.MapGet("/tokens", (SimulatorState state) =>
        {
            var (access, refresh) = state.Tokens.Minted();
            return Results.Json(new SimulatorMintedTokens(access, refresh));
        });

        admin.MapPost("/tokens/expire", (SimulatorState state, string? accountId) =>
            Results.Json(new { expired = state.Tokens.ExpireAccessTokens(string.IsNullOrEmpty(accountId) ? null : accountId, state.Now) }));

        admin.MapPost("/users/{accountId}/revoke", (SimulatorState state, string accountId) =>
        {
            if (!state.Directory.Users.ContainsKey(accountId))
            {
                return Results.Json(new { error = $"Unknown user '{accountId}'." }, statusCode: 404);
            }

            var revoked = state.Tokens.RevokeUser(accountId);
            state.Stats.Increment(SimulatorStats.RevokedFamilies, revoked);
            return Results.Json(new { revokedFamilies = revoked });
        });

        admin.MapPost("/users", (SimulatorState state, SeedUser user) =>
        {
            try
            {
                state.AddUser(user);
            }
            catch (InvalidOperationException e)
            {
                return Results.Json(new { errors = new[] { e.Message } }, statusCode: 400);
            }

            return Results.Json(user, statusCode: 201);
        });

        admin.MapPost("/users/{accountId}/tokens", (SimulatorState state, string accountId, string? scope) =>
        {
            if (!state.Directory.Users.ContainsKey(accountId))
            {
                return Results.Json(new { error = $"Unknown user '{accountId}'." }, statusCode: 404);
            }

            var app = state.Directory.App;
            IReadOnlyList<string> scopes = string.IsNullOrWhiteSpace(scope) ? app.Scopes : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var pair = state.Tokens.IssueDirect(accountId, app.ClientId, scopes, state.Now, state.Settings);
            return Results.Json(new SimulatorTokenResponse
            {
                AccessToken = pair.AccessToken,
                RefreshToken = pair.RefreshToken,
                ExpiresIn = pair.ExpiresIn,
                Scope = pair.Scope,
            });
        });

        admin.MapPost("/app/callbacks", (SimulatorState state, AppCallback body) =>
        {
            try
            {
                state.AddCallback(body.Url ?? throw new ArgumentException("'url' is required."));
            }
            catch (ArgumentException e)
            {
                return BadRequest(e.Message);
            }

            return Results.Json(new AppCallbacks(state.Directory.App.RedirectUris), statusCode: 201);
        });

        admin.MapGet("/seed", (SimulatorState state) => Results.Text(SeedLoader.ToJson(state.Seed), "application/json"));
        admin.MapPut("/seed", (SimulatorState state, SimulatorSeed seed) =>
        {
            try
            {
                state.LoadSeed(seed);
            }
            catch (InvalidOperationException e)
            {
                return Results.Json(new { errors = new[] { e.Message } }, statusCode: 400);
            }

            return Results.NoContent();
        });
    }

    private static IResult BadRequest(params string[] errors) => Results.Json(new { errors }, statusCode: 400);

    private static SimulatorClockInfo ClockInfo(SimulatorState state) => new(state.Now, state.Clock.Offset.TotalSeconds);

    internal static List<DuplicateGroup> Duplicates(SimulatorState state) =>
        [.. state.Issues.All()
            .GroupBy(i => (i.CloudId, i.ProjectKey, i.Summary))
            .Where(g => g.Count() > 1)
            .Select(g => new DuplicateGroup(g.Key.CloudId, g.Key.ProjectKey, g.Key.Summary, g.Count(), [.. g.Select(i => i.Key)]))];
}
