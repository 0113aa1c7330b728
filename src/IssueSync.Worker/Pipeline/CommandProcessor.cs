using System.Text.Json;
using System.Text.Json.Nodes;
using IssueSync.Contracts;
using IssueSync.Jira.Adf;
using IssueSync.Jira.Errors;
using IssueSync.Jira.Metadata;
using IssueSync.Jira.OAuth;
using IssueSync.Jira.Rest;
using IssueSync.Worker.Connections;
using IssueSync.Worker.Ledger;
using IssueSync.Worker.Metadata;
using IssueSync.Worker.Pacing;
using IssueSync.Worker.Persistence;
using IssueSync.Worker.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace IssueSync.Worker.Pipeline;

/// <summary>
/// One attempt at one command this replica holds, docs/architecture.md §2 step by step: the content stage (checks and
/// description), connection, site, pacing, access token, the lookup of an earlier uncertain create, create metadata and
/// validation, then the create request. What went wrong is classified by <see cref="FailurePolicy"/>; what it means for the command is
/// decided by the command's own transitions. The intent is written before the create request leaves, and from
/// then on nothing is cancelled by shutdown: the request ends by its timeout and its answer is recorded.
/// </summary>
public sealed class CommandProcessor(
    IssueSyncDbContext db,
    CommandLedger ledger,
    AccessTokenService tokens,
    CreateMetadataCache metadata,
    IJiraCloudClient jira,
    OutcomeRecorder recorder,
    PacingStore pacing,
    LedgerClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<CommandProcessor> logger)
{
    private LifecycleRules Rules => ledger.Rules;

    /// <summary>Claims a due command and makes one attempt. False when it was not claimable (not due, or another replica has it).</summary>
    public async Task<bool> ProcessAsync(Guid commandId, CancellationToken cancellationToken)
    {
        var command = await ledger.FindAsync(commandId, cancellationToken);
        if (command is null)
        {
            return false;
        }

        return await ClaimAndRunAsync(command, cancellationToken);
    }

    /// <summary>Claims a loaded (tracked) command if it is due, and makes one attempt.</summary>
    public async Task<bool> ClaimAndRunAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        switch (await ledger.TryClaimAsync(command, cancellationToken))
        {
            case ClaimResult.NotDue:
                return false;
            case ClaimResult.Quarantined or ClaimResult.Exhausted:
                await recorder.AnswerAsync(command, CancellationToken.None);
                return true;
            default:
                await RunAsync(command, cancellationToken);
                return true;
        }
    }

    /// <summary>Makes one attempt at a command this replica has just claimed.</summary>
    public async Task RunAsync(IssueCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var attempt = new Attempt(command, command.LeaseId!.Value, clock.UtcNow);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["CommandId"] = command.Id,
            ["IdempotencyKey"] = command.IdempotencyKey,
            ["ConnectionId"] = command.ConnectionName,
            ["Attempt"] = command.Tries,
        });

        // Until the POST goes out, an attempt is cheap to give back: at shutdown it stops waiting (for its pace slot,
        // the token lock, metadata) at once instead of holding the stop until the consumer stop timeout.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        AttemptOutcome outcome;
        try
        {
            outcome = await AttemptAsync(attempt, abandon.Token);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested && !attempt.Posting)
        {
            await recorder.HandBackAsync(attempt);
            return;
        }
        catch (LeaseLostException)
        {
            logger.LogWarning("Command {CommandId}: another replica took it over; this attempt stops without writing", command.Id);
            return;
        }
        catch (Exception ex) when (!TransientDatabaseFault.Is(ex) && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Attempt {Attempt} of command {CommandId} failed unexpectedly", command.Tries, command.Id);
            outcome = FailurePolicy.Outcome(FailureCondition.WorkerError, $"Unexpected error in the worker: {ex.GetType().Name}: {ex.Message}");
        }

        // Not cancellable: once Jira has answered, recording that answer is what keeps the command exactly once.
        await recorder.RecordAsync(attempt, outcome);
    }

    private async Task<AttemptOutcome> AttemptAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var command = attempt.Command;
        var request = CommandLedger.TryReadCommand(command.RawCommand);
        if (request is null)
        {
            return FailurePolicy.Outcome(FailureCondition.InvalidCommand, "The stored command cannot be read as a CreateIssue command.");
        }

        var problems = CreateIssueRules.Check(request);
        if (problems.Count > 0)
        {
            return Failed(FailureCondition.InvalidCommand, problems);
        }

        // The content stage (reading, checking and converting the command) comes before anything that waits, so a
        // worker that dies while a command is marked as in it died on that command's content.
        var description = BuildDescription(request);
        if (description.Failure is not null)
        {
            return description.Failure;
        }

        await LeaveContentStageAsync(attempt);

        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Name == request.ConnectionId, cancellationToken);
        if (connection is null || connection.Status == ConnectionStatus.Disconnected)
        {
            return FailurePolicy.Outcome(FailureCondition.UnknownConnection,
                $"There is no active connection '{request.ConnectionId}'. Connect the Atlassian account first, then retry the command.");
        }

        switch (connection.Status)
        {
            case ConnectionStatus.ReauthorizationRequired:
                return FailurePolicy.Outcome(FailureCondition.ConnectionReauthorizationRequired,
                    $"Connection '{connection.Name}' must be authorized again: {connection.StatusReason}");
            case ConnectionStatus.AwaitingAccountConfirmation:
                return FailurePolicy.Outcome(FailureCondition.ConnectionAccountUnconfirmed,
                    $"Connection '{connection.Name}' was reconnected by another Atlassian account; it waits for an operator to confirm or refuse that account.");
            case ConnectionStatus.AwaitingAuthorization:
                return FailurePolicy.Outcome(FailureCondition.ConnectionNotAuthorized, $"Connection '{connection.Name}' has not been authorized yet.");
            case ConnectionStatus.AwaitingSiteChoice when request.Site is null:
                return FailurePolicy.Outcome(FailureCondition.ConnectionAwaitingSiteChoice,
                    $"Connection '{connection.Name}' can reach several Jira sites and none has been chosen.");
        }

        // A create that may exist is looked up on the site it was sent to, whatever the command says now.
        string? siteError = null;
        var cloudId = command.Outcome == OutcomeKnowledge.MayExist && command.CloudId is { } postedTo ? postedTo : ResolveSite(connection, request.Site, out siteError);
        if (cloudId is null)
        {
            return FailurePolicy.Outcome(FailureCondition.SiteNotReachable, siteError!, [new FieldError("site", siteError!)]);
        }

        if (await PauseAsync(cloudId, cancellationToken) is { } paused)
        {
            return paused;
        }

        var token = await tokens.GetAsync(connection, null, cancellationToken);
        if (!token.IsReady)
        {
            return TokenOutcome(token, connection);
        }

        attempt.Connection = connection;
        attempt.Context = new JiraRequestContext(cloudId, token.AccessToken);
        await CheckpointAsync(attempt);

        if (command.Outcome == OutcomeKnowledge.MayExist)
        {
            var lookup = await LookUpAsync(attempt, cancellationToken);
            if (lookup is not null)
            {
                return lookup;
            }

            // Every lookup came back empty: the earlier request made nothing. Now post as if it never happened.
            if (!command.HasAttemptsLeft(Rules))
            {
                return FailurePolicy.Outcome(FailureCondition.RetriesExhausted,
                    $"Gave up after {command.Attempts} attempts; no issue with label {command.DedupeLabel} exists in Jira.");
            }

            cloudId = ResolveSite(connection, request.Site, out siteError);
            if (cloudId is null)
            {
                return FailurePolicy.Outcome(FailureCondition.SiteNotReachable, siteError!, [new FieldError("site", siteError!)]);
            }

            attempt.Context = attempt.Context with { CloudId = cloudId };
        }

        return await CreateAsync(attempt, request, description.Document, cancellationToken);
    }

    /// <summary>Looks an uncertain create up. Null: its absence is now certain and the command may be posted.</summary>
    private async Task<AttemptOutcome?> LookUpAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        var command = attempt.Command;
        var now = clock.UtcNow;
        if (command.NextLookupAt(Rules) is not { } due)
        {
            return new AttemptOutcome.Uncertain(ReasonCodes.AwaitingOperator, "No lookup is left in the schedule.");
        }

        if (due > now)
        {
            // Jira's search lags behind creates: "not found" means nothing before the schedule says so.
            return new AttemptOutcome.Uncertain(ReasonCodes.AwaitingSearchIndex,
                $"The create request of {command.LastPostedAt:O} had an unknown outcome; the next lookup is due at {due:O}.");
        }

        var result = await WithRefreshAsync(attempt, ct => jira.SearchIssuesByLabelAsync(attempt.Context!, command.ProjectKey!, command.DedupeLabel!, ct),
            cancellationToken);
        if (!result.IsSuccess)
        {
            recorder.DedupeLookup("error");
            var condition = FailurePolicy.Classify(result.Error);
            return condition is FailureCondition.JiraBurstLimit or FailureCondition.JiraQuotaGlobal or FailureCondition.JiraQuotaTenant
                ? RateLimited(attempt, result.Error, condition)
                : FailurePolicy.Outcome(FailureCondition.LookupFailed,
                    $"Looking up label {command.DedupeLabel} failed ({result.Error.Message}); the issue may exist, so nothing is posted until a lookup answers.",
                    notBefore: result.Error.RetryAfter) with { HttpStatus = result.Error.StatusCode };
        }

        if (result.Value.Count > 0)
        {
            recorder.DedupeLookup("found");
            var issue = result.Value[0];
            return new AttemptOutcome.Created(issue.Key, issue.Id, attempt.Context!.CloudId, FoundByLookup: true);
        }

        recorder.DedupeLookup("not-found");
        switch (command.RecordLookupMiss(attempt.Lease, Rules))
        {
            case LookupVerdict.LookAgain:
                return new AttemptOutcome.Uncertain(ReasonCodes.AwaitingSearchIndex,
                    $"Lookup {command.LookupsDone} of label {command.DedupeLabel} found nothing yet; Jira's search may still be catching up.");
            case LookupVerdict.AwaitOperator:
                return new AttemptOutcome.Uncertain(ReasonCodes.AwaitingOperator, $"Lookup {command.LookupsDone} of label {command.DedupeLabel} found nothing.");
            default:
                logger.LogInformation("Command {CommandId}: no issue with label {Label} after {Lookups} lookups; posting again", command.Id,
                    command.DedupeLabel, Rules.LookupSchedule.Count);
                return null;
        }
    }

    private async Task<AttemptOutcome> CreateAsync(Attempt attempt, CreateIssue request, JsonObject? description, CancellationToken cancellationToken)
    {
        var command = attempt.Command;
        var account = attempt.Connection!.AtlassianAccountId ?? $"connection:{attempt.Connection.Id:N}";
        var lookup = await metadata.GetAsync(attempt.Context!, account, request.ProjectKey, request.IssueType, refresh: false, cancellationToken);
        for (var pass = 0; ; pass++)
        {
            if (!lookup.IsFound)
            {
                var condition = FailurePolicy.Classify(lookup.Error);
                if (FailurePolicy.For(condition).Kind == DispositionKind.RefreshOnce && await RefreshAsync(attempt, cancellationToken))
                {
                    // The token was stale, not the metadata.
                    lookup = await metadata.GetAsync(attempt.Context!, account, request.ProjectKey, request.IssueType, refresh: false, cancellationToken);
                    continue;
                }

                return Classify(attempt, lookup.Error);
            }

            var build = IssueCreateRequestBuilder.Build(Draft(request, description, command.DedupeLabel!), lookup.Metadata);
            if (!build.IsValid)
            {
                if (!lookup.Fresh && pass == 0)
                {
                    // The project may have changed since its metadata was cached: look once more before failing.
                    lookup = await metadata.GetAsync(attempt.Context!, account, request.ProjectKey, request.IssueType, refresh: true, cancellationToken);
                    continue;
                }

                return Failed(FailureCondition.MetadataValidation, build.Problems.Select(p => new FieldError(p.Field, p.Message)).ToList());
            }

            // This replica's share of the site's create rate: a short wait here, a long one in the ledger.
            var slot = await pacing.TakeSlotAsync(attempt.Context!.CloudId, cancellationToken);
            if (!slot.Taken)
            {
                return FailurePolicy.Outcome(FailureCondition.SitePaced,
                    $"Pacing create requests to site {attempt.Context.CloudId}: the next slot is {slot.Wait.TotalSeconds:0.#} s away.", notBefore: slot.Wait);
            }

            if (slot.Wait > TimeSpan.Zero)
            {
                await Task.Delay(slot.Wait, cancellationToken);
            }

            // The token was checked before the metadata and the wait for pace: a token that came near its expiry
            // meanwhile is refreshed now, before the create request carries it.
            var token = await tokens.GetAsync(attempt.Connection!, null, cancellationToken);
            if (!token.IsReady)
            {
                return TokenOutcome(token, attempt.Connection!);
            }

            attempt.Context = attempt.Context with { AccessToken = token.AccessToken };
            await CheckpointAsync(attempt);
            var created = await PostAsync(attempt, build.Body);
            if (created.IsSuccess)
            {
                return new AttemptOutcome.Created(created.Value.Key, created.Value.Id, attempt.Context!.CloudId, FoundByLookup: false);
            }

            if (created.Error.Kind is JiraErrorKind.Validation && !lookup.Fresh && pass == 0)
            {
                // A field-level 400 creates nothing: refresh the cached metadata once and try again.
                lookup = await metadata.GetAsync(attempt.Context!, account, request.ProjectKey, request.IssueType, refresh: true, CancellationToken.None);
                continue;
            }

            return Classify(attempt, created.Error);
        }
    }

    /// <summary>
    /// The create request: the intent is written first (and the lease renewed for it), the request is never cancelled
    /// by shutdown, and an answer that proves nothing was created turns "may exist" into "rejected".
    /// </summary>
    private async Task<JiraResult<CreatedIssue>> PostAsync(Attempt attempt, JsonObject body)
    {
        for (var post = 0; ; post++)
        {
            attempt.Command.MarkPosting(attempt.Lease, attempt.Context!.CloudId, clock.UtcNow, Rules);
            await WriteHeldAsync(attempt);

            attempt.Posting = true;
            var created = await jira.CreateIssueAsync(attempt.Context, body, CancellationToken.None);
            if (created.IsSuccess || created.Error.Kind == JiraErrorKind.UnknownOutcome)
            {
                return created;
            }

            attempt.Command.CreateRejected(attempt.Lease);
            var condition = FailurePolicy.Classify(created.Error);
            if (post > 0 || FailurePolicy.For(condition).Kind != DispositionKind.RefreshOnce || !await RefreshAsync(attempt, CancellationToken.None))
            {
                return created;
            }
        }
    }

    private async Task<JiraResult<T>> WithRefreshAsync<T>(Attempt attempt, Func<CancellationToken, Task<JiraResult<T>>> call, CancellationToken cancellationToken)
        where T : class
    {
        var result = await call(cancellationToken);
        if (!result.IsSuccess && FailurePolicy.For(FailurePolicy.Classify(result.Error)).Kind == DispositionKind.RefreshOnce
            && await RefreshAsync(attempt, cancellationToken))
        {
            result = await call(cancellationToken);
        }

        return result;
    }

    // 401, or 403/404 that may really be an expired token: refresh once (under the connection's lock) and repeat once.
    private async Task<bool> RefreshAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Refreshed)
        {
            return false;
        }

        attempt.Refreshed = true;
        var token = await tokens.GetAsync(attempt.Connection!, attempt.Context!.AccessToken, cancellationToken);
        if (!token.IsReady)
        {
            return false;
        }

        attempt.Context = attempt.Context with { AccessToken = token.AccessToken };
        return true;
    }

    /// <summary>Clears the content-stage mark of a command that carries one (only commands abandoned before do).</summary>
    private async Task LeaveContentStageAsync(Attempt attempt)
    {
        if (!attempt.Command.InContentStage)
        {
            return;
        }

        attempt.Command.LeaveContentStage(attempt.Lease, clock.UtcNow);
        await WriteHeldAsync(attempt);
    }

    /// <summary>Renews the lease when a good part of it went by; a lease that was lost stops the attempt here.</summary>
    private async Task CheckpointAsync(Attempt attempt)
    {
        var now = clock.UtcNow;
        if (now - attempt.RenewedAt < Rules.LeaseDuration / 3)
        {
            return;
        }

        attempt.Command.Renew(attempt.Lease, now, Rules);
        await WriteHeldAsync(attempt);
        attempt.RenewedAt = now;
    }

    // The holder's own write, fenced and not cancellable; a write that was fenced out means another replica has the
    // command now, and the attempt stops here without writing anything else.
    private async Task WriteHeldAsync(Attempt attempt)
    {
        if (!await ledger.SaveAsync(attempt.Command, null, CancellationToken.None))
        {
            throw new LeaseLostException();
        }
    }

    private async Task<AttemptOutcome?> PauseAsync(string cloudId, CancellationToken cancellationToken)
    {
        if (await pacing.PauseForAsync(cloudId, cancellationToken) is not { } pause)
        {
            return null;
        }

        var condition = pause.Scope == PaceScope.App ? FailureCondition.AppPaused : FailureCondition.SitePaced;
        var who = pause.Scope == PaceScope.App ? "the whole app (Jira's points quota)" : $"site {cloudId}";
        return FailurePolicy.Outcome(condition, $"Jira asked {who} to slow down; waiting until {pause.Until:O}.", notBefore: pause.Until - clock.UtcNow);
    }

    private AttemptOutcome Classify(Attempt attempt, JiraError error)
    {
        var condition = FailurePolicy.Classify(error);
        if (condition is FailureCondition.JiraBurstLimit or FailureCondition.JiraQuotaGlobal or FailureCondition.JiraQuotaTenant or FailureCondition.JiraPerIssueLimit)
        {
            return RateLimited(attempt, error, condition);
        }

        var fieldErrors = error.FieldErrors.Select(f => new FieldError(f.Key, f.Value)).Concat(error.ErrorMessages.Select(m => new FieldError("", m))).ToList();
        var message = condition == FailureCondition.JiraNotFound
            ? $"Jira could not find the project or issue type, or the user may not see it: {error.Message}"
            : condition == FailureCondition.JiraUnauthorized && attempt.Refreshed ? $"Jira refused a freshly refreshed access token: {error.Message}" : error.Message;
        return FailurePolicy.Outcome(condition, message, fieldErrors, error.RetryAfter) with { HttpStatus = error.StatusCode, RetryAfter = error.RetryAfter };
    }

    private AttemptOutcome RateLimited(Attempt attempt, JiraError error, FailureCondition condition)
    {
        var now = clock.UtcNow;
        var wait = error.RetryAfter
            ?? (error.RateLimitResetAt is { } reset && reset.UtcDateTime > now ? reset.UtcDateTime - now : TimeSpan.FromSeconds(5));
        var disposition = FailurePolicy.For(condition);
        var outcome = FailurePolicy.Outcome(condition,
            $"Jira rate limit ({error.RateLimitReason ?? "no reason given"}); retrying after {wait.TotalSeconds:0.#} s.", notBefore: wait);
        return outcome with
        {
            HttpStatus = error.StatusCode,
            RetryAfter = error.RetryAfter,
            Pause = disposition.Pace == PaceScope.None ? null
                : new PacePause(disposition.Pace, attempt.Context?.CloudId, now + wait, error.RateLimitReason) { LimitPerSecond = error.RateLimitLimit },
        };
    }

    private static AttemptOutcome TokenOutcome(AccessTokenResult token, JiraConnection connection) => token.Status switch
    {
        AccessTokenStatus.ReauthorizationRequired => FailurePolicy.Outcome(FailureCondition.TokenInvalidGrant,
            $"Connection '{connection.Name}' must be authorized again: {token.Message}"),
        AccessTokenStatus.Busy => FailurePolicy.Outcome(FailureCondition.TokenRefreshBusy, token.Message ?? "Another replica is refreshing the token.",
            notBefore: token.RetryAfter),
        _ => FailurePolicy.Outcome(token.Condition ?? FailureCondition.TokenUnavailable, token.Message ?? "No access token is available.",
            notBefore: token.RetryAfter),
    };

    /// <summary>The cloud id a command goes to: the site it names, else the connection's; null with the reason when neither works.</summary>
    internal static string? ResolveSite(JiraConnection connection, string? requested, out string? error)
    {
        error = null;
        if (requested is null)
        {
            if (connection.CloudId is null)
            {
                error = $"Connection '{connection.Name}' has no Jira site chosen.";
            }

            return connection.CloudId;
        }

        var selection = AtlassianSiteSelector.Select(ConnectionSites.Read(connection), requested);
        error = selection.IsSuccess ? null : selection.Error;
        return selection.IsSuccess ? selection.Site.Id : null;
    }

    /// <summary>The ADF description of a command (converted from Markdown, or checked), or the failure that stops it.</summary>
    internal static (JsonObject? Document, AttemptOutcome? Failure) BuildDescription(CreateIssue request)
    {
        if (request.DescriptionMarkdown is { } markdown)
        {
            // Bounded: the source, the parser's work, nesting and time are capped; a refusal is a readable sentence.
            var converted = new MarkdownToAdfConverter().Convert(markdown);
            if (converted.IsSuccess)
            {
                return (converted.Document.ToJson(), null);
            }

            var condition = converted.Failure is AdfConversionFailure.TooLong or AdfConversionFailure.MarkdownTooLong
                ? FailureCondition.DescriptionTooLong
                : FailureCondition.DescriptionTooComplex;
            return (null, FailurePolicy.Outcome(condition, converted.Error!, [new FieldError("description", converted.Error!)]));
        }

        if (request.DescriptionAdf is { } adf)
        {
            var node = JsonNode.Parse(adf.GetRawText());
            var check = AdfValidator.Check(node);
            if (!check.Validation.IsValid)
            {
                var errors = check.Validation.Errors.Select(e => new FieldError("description", $"{e.Path}: {e.Message}")).ToList();
                return (null, FailurePolicy.Outcome(FailureCondition.DescriptionInvalid, check.Error!, errors));
            }

            if (check.IsTooLong)
            {
                return (null, FailurePolicy.Outcome(FailureCondition.DescriptionTooLong, check.Error!, [new FieldError("description", check.Error!)]));
            }

            return (node!.AsObject(), null);
        }

        return (null, null);
    }

    private static AttemptOutcome Failed(FailureCondition condition, IReadOnlyList<FieldError> problems) =>
        FailurePolicy.Outcome(condition, string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}")), problems);

    /// <summary>What the create request is built from: the command's fields, its description and its dedupe label.</summary>
    internal static IssueDraft Draft(CreateIssue request, JsonObject? description, string dedupeLabel) => new()
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

/// <summary>One attempt in flight: the held command and what the attempt has learnt so far.</summary>
public sealed class Attempt(IssueCommand command, Guid lease, DateTime startedAt)
{
    public IssueCommand Command { get; } = command;

    public Guid Lease { get; } = lease;

    public DateTime StartedAt { get; } = startedAt;

    public DateTime RenewedAt { get; set; } = startedAt;

    public JiraConnection? Connection { get; set; }

    public JiraRequestContext? Context { get; set; }

    /// <summary>The token was refreshed once in this attempt already.</summary>
    public bool Refreshed { get; set; }

    /// <summary>A create request has left: from here on nothing is cancelled.</summary>
    public bool Posting { get; set; }
}

/// <summary>Another replica took the command over; the attempt stops without writing anything.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
        : base("The lease on the command was lost to another replica.")
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
