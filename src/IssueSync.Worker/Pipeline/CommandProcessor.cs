using System.Text.Json;
using System.Text.Json.Nodes;
using IssueSync.Contracts;
using IssueSync.Jira.Adf;
using IssueSync.Jira.Errors;
using IssueSync.Jira.Metadata;
using IssueSync.Jira.OAuth;
using IssueSync.Jira.Rest;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Metadata;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// One attempt at one command, design.md §3 step by step: connection, site, access token, description, dedupe
/// lookup after an uncertain earlier attempt, create metadata and validation, then the POST — whose outcome is
/// classified as design.md §4 says. The ledger records the intent before the POST, so a pod that dies between
/// Jira's answer and our commit leaves a command that is looked up in Jira before it is ever posted again.
/// </summary>
public sealed class CommandProcessor(
    IssueSyncDbContext db,
    CommandLedger ledger,
    AccessTokenService tokens,
    CreateMetadataCache metadata,
    IJiraCloudClient jira,
    OutcomeRecorder recorder,
    TimeProvider time,
    ILogger<CommandProcessor> logger)
{
    /// <summary>Claims the command and makes one attempt. Returns false when it was not claimable (another replica has it, or it is not due).</summary>
    public async Task<bool> ProcessAsync(Guid commandId, bool viaMessage, CancellationToken cancellationToken)
    {
        var command = await ledger.TryClaimAsync(commandId, viaMessage, cancellationToken);
        if (command is null)
        {
            return false;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["CommandId"] = command.Id,
            ["IdempotencyKey"] = command.IdempotencyKey,
            ["ConnectionId"] = command.ConnectionName,
            ["Attempt"] = command.Attempts,
        });

        var started = time.GetUtcNow().UtcDateTime;
        AttemptOutcome outcome;
        JiraConnection? connection = null;
        try
        {
            (outcome, connection) = await AttemptAsync(command, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the command back so another replica (or this one after restart) continues.
            await recorder.ReleaseAsync(command, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Attempt {Attempt} of command {CommandId} failed unexpectedly", command.Attempts, command.Id);
            outcome = new AttemptOutcome.Retry("worker-error", $"Unexpected error in the worker: {ex.GetType().Name}: {ex.Message}");
        }

        try
        {
            // Not cancellable: once Jira has answered, committing that answer is what keeps the command exactly
            // once. A shutdown waits the few milliseconds this takes rather than leaving the command to its lease.
            await recorder.RecordAsync(command, connection, outcome, started, CancellationToken.None);
        }
        catch (DbUpdateException ex)
        {
            // The outcome could not be written; give the command back so it is retried soon rather than waiting
            // for its lease to lapse. An unknown outcome stays unknown: the next attempt looks the issue up first.
            logger.LogError(ex, "Could not record the outcome {Outcome} of command {CommandId}", outcome.Code, command.Id);
            db.ChangeTracker.Clear();
            await recorder.ReleaseAsync(await db.Commands.SingleAsync(c => c.Id == command.Id, CancellationToken.None), CancellationToken.None);
        }

        return true;
    }

    private async Task<(AttemptOutcome Outcome, JiraConnection? Connection)> AttemptAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<CreateIssue>(command.RawCommand, CommandLedger.CommandJson)
            ?? throw new InvalidOperationException("The ledger holds an empty command.");

        var problems = CreateIssueRules.Check(request);
        if (problems.Count > 0)
        {
            return (Failed(FailureReasons.Validation, problems), null);
        }

        var connection = await db.Connections.SingleOrDefaultAsync(c => c.Name == request.ConnectionId, cancellationToken);
        if (connection is null || connection.Status == ConnectionStatus.Disconnected)
        {
            return (new AttemptOutcome.Failed(FailureReasons.UnknownConnection,
                $"There is no active connection '{request.ConnectionId}'. Connect the Atlassian account first, then retry the command.", []), connection);
        }

        var now = time.GetUtcNow().UtcDateTime;
        switch (connection.Status)
        {
            case ConnectionStatus.ReauthorizationRequired:
                return (new AttemptOutcome.Parked($"Connection '{connection.Name}' must be authorized again: {connection.StatusReason}", true), connection);
            case ConnectionStatus.AwaitingAuthorization:
                return (new AttemptOutcome.Parked($"Connection '{connection.Name}' has not been authorized yet.", false), connection);
            case ConnectionStatus.AwaitingSiteChoice when request.Site is null:
                return (new AttemptOutcome.Parked($"Connection '{connection.Name}' can reach several Jira sites and none has been chosen.", false), connection);
        }

        if (connection.ThrottledUntil is { } throttled && throttled > now)
        {
            return (new AttemptOutcome.Retry("throttled", $"Jira rate-limited connection '{connection.Name}' until {throttled:O}.",
                throttled - now, CountsAsAttempt: false), connection);
        }

        var site = ResolveSite(connection, request.Site);
        if (site.Error is not null)
        {
            return (new AttemptOutcome.Failed(FailureReasons.SiteNotFound, site.Error, [new FieldError("site", site.Error)]), connection);
        }

        var description = BuildDescription(request);
        if (description.Failure is not null)
        {
            return (description.Failure, connection);
        }

        var token = await tokens.GetAsync(connection, null, cancellationToken);
        if (!token.IsReady)
        {
            return (TokenOutcome(token, connection), connection);
        }

        var attempt = new JiraAttempt(jira, tokens, metadata, recorder, time, connection, new JiraRequestContext(site.CloudId!, token.AccessToken));
        command.CloudId = site.CloudId;
        command.DedupeLabel ??= DedupeLabel.For(command.IdempotencyKey);

        if (command.OutcomeUnknown)
        {
            var lookup = await attempt.FindEarlierIssueAsync(command, cancellationToken);
            if (lookup is not null)
            {
                return (lookup, connection);
            }
        }

        return (await attempt.CreateAsync(command, request, description.Document, cancellationToken), connection);
    }

    private static AttemptOutcome TokenOutcome(AccessTokenResult token, JiraConnection connection) => token.Status switch
    {
        AccessTokenStatus.ReauthorizationRequired => new AttemptOutcome.Parked(
            $"Connection '{connection.Name}' must be authorized again: {token.Message}", true),
        _ => new AttemptOutcome.Retry("token-unavailable", token.Message ?? "No access token is available.", token.RetryAfter),
    };

    private static (string? CloudId, string? Error) ResolveSite(JiraConnection connection, string? requested)
    {
        if (requested is null)
        {
            return connection.CloudId is null
                ? (null, $"Connection '{connection.Name}' has no Jira site chosen.")
                : (connection.CloudId, null);
        }

        var selection = AtlassianSiteSelector.Select(ConnectionSites.Read(connection), requested);
        return selection.IsSuccess ? (selection.Site.Id, null) : (null, selection.Error);
    }

    private static (JsonObject? Document, AttemptOutcome? Failure) BuildDescription(CreateIssue request)
    {
        if (request.DescriptionMarkdown is { } markdown)
        {
            var converted = new MarkdownToAdfConverter().Convert(markdown);
            return converted.IsSuccess
                ? (converted.Document.ToJson(), null)
                : (null, new AttemptOutcome.Failed(FailureReasons.TextTooLong, converted.Error!, [new FieldError("description", converted.Error!)]));
        }

        if (request.DescriptionAdf is { } adf)
        {
            var node = JsonNode.Parse(adf.GetRawText());
            var validation = AdfValidator.Validate(node);
            if (!validation.IsValid)
            {
                var errors = validation.Errors.Select(e => new FieldError("description", $"{e.Path}: {e.Message}")).ToList();
                return (null, new AttemptOutcome.Failed(FailureReasons.InvalidAdf,
                    $"The description is not valid Atlassian Document Format: {validation.Errors[0].Path}: {validation.Errors[0].Message}", errors));
            }

            var length = node!.ToJsonString(AdfJson.SerializerOptions).Length;
            if (length > AdfJson.MaxLength)
            {
                var message = MarkdownToAdfConverter.TooLongMessage(length);
                return (null, new AttemptOutcome.Failed(FailureReasons.TextTooLong, message, [new FieldError("description", message)]));
            }

            return (node.AsObject(), null);
        }

        return (null, null);
    }

    private static AttemptOutcome.Failed Failed(string reason, IReadOnlyList<FieldError> problems) =>
        new(reason, string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}")), problems);

    /// <summary>The Jira calls of one attempt, with the one token refresh a 401 earns.</summary>
    private sealed class JiraAttempt(
        IJiraCloudClient jira,
        AccessTokenService tokens,
        CreateMetadataCache metadata,
        OutcomeRecorder recorder,
        TimeProvider time,
        JiraConnection connection,
        JiraRequestContext context)
    {
        private JiraRequestContext _context = context;
        private bool _refreshed;

        public async Task<AttemptOutcome?> FindEarlierIssueAsync(IssueCommand command, CancellationToken cancellationToken)
        {
            var result = await WithRefreshAsync(ct => jira.SearchIssuesByLabelAsync(_context, command.ProjectKey!, command.DedupeLabel!, ct), cancellationToken);
            if (!result.IsSuccess)
            {
                recorder.DedupeLookup("error");
                return Classify(result.Error, posted: false);
            }

            if (result.Value.Count > 0)
            {
                recorder.DedupeLookup("found");
                var issue = result.Value[0];
                return new AttemptOutcome.Created(issue.Key, issue.Id, _context.CloudId, FoundByDedupe: true);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var settled = command.LastPostedAt is { } posted ? posted + recorder.SearchLag : now;
            if (settled > now)
            {
                // Jira's search is eventually consistent: "not found" is only believable some time after the POST.
                recorder.DedupeLookup("not-yet");
                return new AttemptOutcome.Retry("awaiting-search-index",
                    "The last create request had an unknown outcome; waiting for Jira's search index before deciding.",
                    settled - now, CountsAsAttempt: false, OutcomeUnknown: true);
            }

            recorder.DedupeLookup("not-found");
            return null;
        }

        public async Task<AttemptOutcome> CreateAsync(IssueCommand command, CreateIssue request, JsonObject? description, CancellationToken cancellationToken)
        {
            var lookup = await metadata.GetAsync(_context, request.ProjectKey, request.IssueType, refresh: false, cancellationToken);
            for (var pass = 0; ; pass++)
            {
                if (!lookup.IsFound)
                {
                    if (lookup.Error.Kind == JiraErrorKind.Unauthorized && await RefreshAsync(cancellationToken))
                    {
                        // The token was stale, not the metadata: another flight may have cached it meanwhile.
                        lookup = await metadata.GetAsync(_context, request.ProjectKey, request.IssueType, refresh: false, cancellationToken);
                        continue;
                    }

                    return Classify(lookup.Error, posted: false);
                }

                var build = IssueCreateRequestBuilder.Build(Draft(request, description, command.DedupeLabel!), lookup.Metadata);
                if (!build.IsValid)
                {
                    if (!lookup.Fresh && pass == 0)
                    {
                        // The project may have changed since we cached its metadata: look once more before failing.
                        lookup = await metadata.GetAsync(_context, request.ProjectKey, request.IssueType, refresh: true, cancellationToken);
                        continue;
                    }

                    return Failed(FailureReasons.Validation, build.Problems.Select(p => new FieldError(p.Field, p.Message)).ToList());
                }

                // The intent is durable before the request leaves: from here on a crash means "look it up first".
                await recorder.MarkPostingAsync(command, cancellationToken);
                var created = await WithRefreshAsync(ct => jira.CreateIssueAsync(_context, build.Body, ct), cancellationToken);
                if (created.IsSuccess)
                {
                    return new AttemptOutcome.Created(created.Value.Key, created.Value.Id, _context.CloudId, FoundByDedupe: false);
                }

                if (created.Error.Kind is JiraErrorKind.Validation && !lookup.Fresh && pass == 0)
                {
                    // A field-level 400 is not an issue created; refresh the cached metadata once and try again.
                    lookup = await metadata.GetAsync(_context, request.ProjectKey, request.IssueType, refresh: true, cancellationToken);
                    continue;
                }

                return Classify(created.Error, posted: true);
            }
        }

        private async Task<JiraResult<T>> WithRefreshAsync<T>(Func<CancellationToken, Task<JiraResult<T>>> call, CancellationToken cancellationToken)
            where T : class
        {
            var result = await call(cancellationToken);
            if (!result.IsSuccess && result.Error.Kind == JiraErrorKind.Unauthorized && await RefreshAsync(cancellationToken))
            {
                result = await call(cancellationToken);
            }

            return result;
        }

        // 401: refresh once (under the connection's lock) and retry once.
        private async Task<bool> RefreshAsync(CancellationToken cancellationToken)
        {
            if (_refreshed)
            {
                return false;
            }

            _refreshed = true;
            var token = await tokens.GetAsync(connection, _context.AccessToken, cancellationToken);
            if (!token.IsReady)
            {
                return false;
            }

            _context = _context with { AccessToken = token.AccessToken };
            return true;
        }

        private AttemptOutcome Classify(JiraError error, bool posted)
        {
            var fieldErrors = error.FieldErrors.Select(f => new FieldError(f.Key, f.Value))
                .Concat(error.ErrorMessages.Select(m => new FieldError("", m))).ToList();
            // Only an answer to a create request says anything about whether it created the issue.
            bool? notCreated = posted ? false : null;
            AttemptOutcome outcome = error.Kind switch
            {
                JiraErrorKind.UnknownOutcome => new AttemptOutcome.Retry("unknown-outcome",
                    $"Jira's answer to the create request was lost ({error.Message}); the issue will be looked up before any new request.",
                    error.RetryAfter, OutcomeUnknown: true),
                JiraErrorKind.RateLimited => RateLimited(error) with { OutcomeUnknown = notCreated },
                JiraErrorKind.Transient => new AttemptOutcome.Retry("jira-unavailable", error.Message, error.RetryAfter, OutcomeUnknown: notCreated),
                JiraErrorKind.Unauthorized when _refreshed => new AttemptOutcome.Retry("unauthorized",
                    $"Jira refused a freshly refreshed access token: {error.Message}", OutcomeUnknown: notCreated),
                JiraErrorKind.Unauthorized => new AttemptOutcome.Retry("unauthorized", error.Message, OutcomeUnknown: notCreated),
                JiraErrorKind.ReauthorizationRequired => new AttemptOutcome.Parked(error.Message, true),
                JiraErrorKind.Validation => new AttemptOutcome.Failed(FailureReasons.Validation, error.Message, fieldErrors),
                JiraErrorKind.InvalidAdf => new AttemptOutcome.Failed(FailureReasons.InvalidAdf, error.Message, fieldErrors),
                JiraErrorKind.TextTooLong => new AttemptOutcome.Failed(FailureReasons.TextTooLong, error.Message, fieldErrors),
                JiraErrorKind.PermissionDenied => new AttemptOutcome.Failed(FailureReasons.PermissionDenied, error.Message, fieldErrors),
                JiraErrorKind.SiteNotFound => new AttemptOutcome.Failed(FailureReasons.SiteNotFound, error.Message, fieldErrors),
                JiraErrorKind.NotFound => new AttemptOutcome.Failed(FailureReasons.Validation,
                    $"Jira could not find the project or issue type, or the user may not see it: {error.Message}", fieldErrors),
                _ => new AttemptOutcome.Failed(FailureReasons.Unexpected, error.Message, fieldErrors),
            };
            return outcome with { HttpStatus = error.StatusCode };
        }

        private AttemptOutcome.Retry RateLimited(JiraError error)
        {
            var now = time.GetUtcNow();
            var wait = error.RetryAfter
                ?? (error.RateLimitResetAt is { } reset && reset > now ? reset - now : TimeSpan.FromSeconds(5));
            var kind = error.IsQuota ? "quota" : "burst";
            return new AttemptOutcome.Retry($"rate-limited-{kind}",
                $"Jira rate limit ({error.RateLimitReason ?? "no reason given"}); retrying after {wait.TotalSeconds:0.#} s.", wait)
            {
                // Pace the whole connection, not just this command: every replica reads ThrottledUntil.
                ThrottleConnectionUntil = (now + wait).UtcDateTime,
            };
        }

        private static IssueDraft Draft(CreateIssue request, JsonObject? description, string dedupeLabel) => new()
        {
            ProjectKey = request.ProjectKey,
            IssueType = request.IssueType,
            Summary = request.Summary,
            Description = description?.DeepClone().AsObject(),
            Priority = request.Priority,
            Components = request.Components ?? [],
            Labels = request.Labels ?? [],
            ExtraLabels = [dedupeLabel],
            AssigneeAccountId = request.AssigneeAccountId,
            DueDate = request.DueDate,
            CustomFields = (request.CustomFields ?? new Dictionary<string, JsonElement>())
                .ToDictionary(f => f.Key, f => JsonNode.Parse(f.Value.GetRawText())),
        };
    }
}
