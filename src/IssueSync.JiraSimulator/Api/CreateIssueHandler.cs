using System.Text.Json;
using IssueSync.JiraSimulator.Api.Fields;
using IssueSync.JiraSimulator.Issues;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.State;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.JiraSimulator.Api;

/// <summary>
/// <c>POST /rest/api/3/issue</c>, validated like Jira with Jira's bodies (docs/atlassian-api.md §4). Project and issue type
/// come first and are answered alone; then every field sent is checked by the rules of its kind (<see cref="FieldValidators"/>)
/// and all field errors come back together. Structurally invalid ADF short-circuits everything.
/// </summary>
internal static class CreateIssueHandler
{
    public static SimResponse Handle(RequestContext ctx, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return SimResponse.Errors(400, ["Can not deserialize instance of com.atlassian.jira.rest.v2.issue.IssueUpdateBean out of START_ARRAY token"]);
        }

        var site = ctx.RequiredSite;
        var fieldsElement = body.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        var fields = fieldsElement.ValueKind == JsonValueKind.Object
            ? fieldsElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var updates = body.TryGetProperty("update", out var u) && u.ValueKind == JsonValueKind.Object
            ? u.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);

        // Project and issue type first: without them there is no screen to check against.
        if (ResolveProject(site, ctx.User, fields.GetValueOrDefault("project")) is not { } project)
        {
            return SimResponse.FieldError("project", "valid project is required");
        }

        if (!fields.TryGetValue("issuetype", out var issueTypeValue) || issueTypeValue.ValueKind == JsonValueKind.Null)
        {
            return SimResponse.FieldError("issuetype", "Specify an issue type");
        }

        if (ResolveIssueType(project, issueTypeValue) is not { } issueType)
        {
            return SimResponse.FieldError("issuetype", "The issue type selected is invalid.");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new List<string>();
        var submitted = fields.Where(kv => kv.Key is not ("project" or "issuetype")).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var access = site.AccessOf(project, ctx.User);
        if (!access.MayCreate)
        {
            // Jira answers a missing Create permission with "cannot be set" for every field sent (JRASERVER-44003).
            foreach (var name in submitted.Keys.Concat(updates.Keys).Distinct(StringComparer.Ordinal))
            {
                errors[name] = CannotBeSet(name);
            }

            return errors.Count > 0
                ? SimResponse.Errors(400, errors: errors)
                : SimResponse.Errors(400, ["You do not have permission to create issues in this project."]);
        }

        var screen = FieldDefinition.ScreenOf(site, issueType, access).ToDictionary(d => d.Id, StringComparer.Ordinal);
        ApplyUpdates(updates, screen, submitted, errors, messages);

        var representation = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in submitted)
        {
            if (!screen.TryGetValue(name, out var field))
            {
                errors[name] = CannotBeSet(name);
                continue;
            }

            if (IsAbsent(value))
            {
                continue;
            }

            switch (FieldValidators.For(field.Kind).Validate(new FieldContext(ctx, project, field), value))
            {
                case FieldOutcome.InvalidAdf:
                    return SimResponse.Errors(400, ["INVALID_INPUT"]);
                case FieldOutcome.Rejected rejected:
                    errors[name] = rejected.Message;
                    break;
                case FieldOutcome.Accepted accepted:
                    representation[name] = accepted.Representation;
                    break;
            }
        }

        foreach (var field in screen.Values.Where(d => d.Required && !d.HasDefaultValue && !errors.ContainsKey(d.Id)))
        {
            if (submitted.TryGetValue(field.Id, out var value) && !IsAbsent(value))
            {
                continue;
            }

            var missing = FieldValidators.For(field.Kind).WhenMissing(field);
            if (missing.TopLevel)
            {
                messages.Add(missing.Message);
            }
            else
            {
                errors[field.Id] = missing.Message;
            }
        }

        var properties = CreateIssueProperties.Read(body, messages);
        if (errors.Count > 0 || messages.Count > 0)
        {
            return SimResponse.Errors(400, messages, errors);
        }

        // The default priority applies whether or not this user's screen shows the field.
        if (issueType.Fields.Any(d => d.Id == "priority") && !representation.ContainsKey("priority") && site.DefaultPriority is { } def)
        {
            representation["priority"] = JiraShapes.Priority(ctx.ApiBase, def);
        }

        var issue = Store(ctx, project, issueType, representation, fieldsElement, properties);
        ctx.State.Stats.Increment(SimulatorStats.IssuesCreated);
        return SimResponse.JsonBody(201, new { id = issue.Id, key = issue.Key, self = $"{ctx.ApiBase}/issue/{issue.Id}" });
    }

    /// <summary>Turns each <c>update</c> entry into the value <c>fields</c> would carry (<see cref="UpdateOperations"/>).</summary>
    private static void ApplyUpdates(
        Dictionary<string, JsonElement> updates,
        Dictionary<string, FieldDefinition> screen,
        Dictionary<string, JsonElement> submitted,
        Dictionary<string, string> errors,
        List<string> messages)
    {
        foreach (var (name, operations) in updates)
        {
            if (submitted.ContainsKey(name))
            {
                errors[name] = $"Field '{name}' cannot be set in both 'fields' and 'update'.";
                continue;
            }

            if (!screen.TryGetValue(name, out var field))
            {
                errors[name] = CannotBeSet(name);
                continue;
            }

            var result = UpdateOperations.Apply(field, operations);
            if (result.GeneralMessage is { } general)
            {
                messages.Add(general);
            }
            else if (result.FieldMessage is { } message)
            {
                errors[name] = message;
            }
            else if (result.FieldValue is { } value)
            {
                submitted[name] = value;
            }
        }
    }

    private static SimulatedIssue Store(
        RequestContext ctx,
        SeedProject project,
        SeedIssueType issueType,
        Dictionary<string, object?> representation,
        JsonElement submittedFields,
        Dictionary<string, JsonElement> properties)
    {
        var site = ctx.RequiredSite;
        var summary = representation.GetValueOrDefault("summary") as string ?? "";
        var labels = representation.GetValueOrDefault("labels") as List<string> ?? [];
        return ctx.State.Issues.Create(site.CloudId, project.Key, (id, key, number) =>
        {
            var all = new Dictionary<string, object?>(representation, StringComparer.Ordinal)
            {
                ["project"] = JiraShapes.Project(ctx.ApiBase, project),
                ["issuetype"] = JiraShapes.IssueType(ctx.ApiBase, project, issueType),
                ["summary"] = summary,
                ["labels"] = labels,
                ["created"] = JiraShapes.Timestamp(ctx.Now),
                ["updated"] = JiraShapes.Timestamp(ctx.Now),
                ["status"] = new Dictionary<string, object> { ["name"] = "To Do", ["id"] = "10000" },
                ["creator"] = JiraShapes.User(ctx.ApiBase, ctx.User),
                ["reporter"] = representation.GetValueOrDefault("reporter") ?? JiraShapes.User(ctx.ApiBase, ctx.User),
            };
            return new SimulatedIssue
            {
                Id = id,
                Key = key,
                Number = number,
                CloudId = site.CloudId,
                ProjectId = project.Id,
                ProjectKey = project.Key,
                IssueTypeId = issueType.Id,
                Summary = summary,
                Labels = labels,
                Fields = JsonSerializer.SerializeToElement(all, SimResponse.Json),
                SubmittedFields = submittedFields.ValueKind == JsonValueKind.Object ? submittedFields.Clone() : JsonSerializer.SerializeToElement(new { }),
                Properties = properties,
                CreatedBy = ctx.User.AccountId,
                CreatedAt = ctx.Now,
                IndexedAt = ctx.Now + ctx.State.Settings.SearchIndexDelay,
            };
        });
    }

    private static SeedProject? ResolveProject(SiteModel site, SeedUser user, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var reference = value.TryGetProperty("id", out var id) ? JsonValues.Raw(id) : value.TryGetProperty("key", out var key) ? JsonValues.Raw(key) : null;
        return reference is null ? null : site.FindBrowsable(reference, user);
    }

    private static SeedIssueType? ResolveIssueType(SeedProject project, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (value.TryGetProperty("id", out var id))
        {
            return project.IssueTypes.FirstOrDefault(t => t.Id == JsonValues.Raw(id));
        }

        // By name: ambiguous in team-managed projects, as on Jira; the first match wins.
        return value.TryGetProperty("name", out var name)
            ? project.IssueTypes.FirstOrDefault(t => string.Equals(t.Name, JsonValues.Raw(name), StringComparison.OrdinalIgnoreCase))
            : null;
    }

    private static bool IsAbsent(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);

    private static string CannotBeSet(string field) => $"Field '{field}' cannot be set. It is not on the appropriate screen, or unknown.";
}
