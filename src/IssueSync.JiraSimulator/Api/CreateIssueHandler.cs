using System.Globalization;
using System.Text;
using System.Text.Json;
using IssueSync.JiraSimulator.Issues;
using IssueSync.JiraSimulator.Seed;
using IssueSync.JiraSimulator.Stats;

namespace IssueSync.JiraSimulator.Api;

/// <summary><c>POST /rest/api/3/issue</c>, validated like Jira with Jira's bodies (atlassian-api.md §4).</summary>
internal static class CreateIssueHandler
{
    private const string NotAnAdfDocument = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
    private const string TextTooLong = "The entered text is too long. It exceeds the allowed limit of 32,767 characters.";

    public static SimResponse Handle(RequestContext ctx, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return SimResponse.Errors(400, ["Can not deserialize instance of com.atlassian.jira.rest.v2.issue.IssueUpdateBean out of START_ARRAY token"]);
        }

        var site = ctx.RequiredSite;
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (body.TryGetProperty("fields", out var fieldsElement) && fieldsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in fieldsElement.EnumerateObject())
            {
                fields[p.Name] = p.Value;
            }
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new List<string>();
        MergeUpdate(body, fields, errors);

        // Project and issue type first: without them there is no screen to check against.
        var project = ResolveProject(site, ctx.User, fields.GetValueOrDefault("project"));
        if (project is null)
        {
            return SimResponse.FieldError("project", "valid project is required");
        }

        if (!fields.TryGetValue("issuetype", out var issueTypeValue) || issueTypeValue.ValueKind == JsonValueKind.Null)
        {
            return SimResponse.FieldError("issuetype", "Specify an issue type");
        }

        var issueType = ResolveIssueType(project, issueTypeValue);
        if (issueType is null)
        {
            return SimResponse.FieldError("issuetype", "The issue type selected is invalid.");
        }

        var submitted = fields.Where(kv => kv.Key is not ("project" or "issuetype")).ToList();
        var access = site.AccessOf(project, ctx.User);
        if (!access.MayCreate)
        {
            // Jira answers a missing Create permission with "cannot be set" for every field sent (JRASERVER-44003).
            foreach (var (name, _) in submitted)
            {
                errors[name] = CannotBeSet(name);
            }

            return errors.Count > 0
                ? SimResponse.Errors(400, errors: errors)
                : SimResponse.Errors(400, ["You do not have permission to create issues in this project."]);
        }

        var screen = FieldDefinition.ScreenOf(site, issueType, access).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var representation = new Dictionary<string, object?>(StringComparer.Ordinal);
        var labels = new List<string>();
        var summary = "";
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

            var outcome = Check(ctx, project, field, value, representation, labels, ref summary);
            if (outcome == Outcome.InvalidAdf)
            {
                return SimResponse.Errors(400, ["INVALID_INPUT"]);
            }

            if (outcome is Outcome.Error(var message))
            {
                errors[name] = message;
            }
        }

        foreach (var field in screen.Values.Where(f => f.Required && !errors.ContainsKey(f.Id)))
        {
            if (fields.TryGetValue(field.Id, out var value) && !IsAbsent(value))
            {
                continue;
            }

            if (field.Kind == FieldKind.Summary)
            {
                errors["summary"] = "You must specify a summary of the issue.";
            }
            else if (field.Kind == FieldKind.Components)
            {
                messages.Add("Please provide Component");
            }
            else if (!field.HasDefaultValue)
            {
                errors[field.Id] = $"{field.Name} is required.";
            }
        }

        var properties = ReadProperties(body, messages);
        if (errors.Count > 0 || messages.Count > 0)
        {
            return SimResponse.Errors(400, messages, errors);
        }

        // The default priority applies whether or not this user's screen shows the field.
        if (issueType.Fields.Any(f => f.Id == "priority") && !representation.ContainsKey("priority") && site.DefaultPriority is { } def)
        {
            representation["priority"] = JiraShapes.Priority(ctx.ApiBase, def);
        }

        var issue = ctx.State.Issues.Create(site.CloudId, project.Key, (id, key, number) =>
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
                SubmittedFields = fieldsElement.ValueKind == JsonValueKind.Object ? fieldsElement.Clone() : JsonSerializer.SerializeToElement(new { }),
                Properties = properties,
                CreatedBy = ctx.User.AccountId,
                CreatedAt = ctx.Now,
                IndexedAt = ctx.Now + ctx.State.Settings.SearchIndexDelay,
            };
        });
        ctx.State.Stats.Increment(SimulatorStats.IssuesCreated);
        return SimResponse.JsonBody(201, new { id = issue.Id, key = issue.Key, self = $"{ctx.ApiBase}/issue/{issue.Id}" });
    }

    private static Outcome Check(RequestContext ctx, SeedProject project, FieldDefinition field, JsonElement value, Dictionary<string, object?> representation, List<string> labels, ref string summary)
    {
        var site = ctx.RequiredSite;
        switch (field.Kind)
        {
            case FieldKind.Summary:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return new Outcome.Error("Operation value must be a string");
                }

                var text = value.GetString()!;
                if (string.IsNullOrWhiteSpace(text))
                {
                    return new Outcome.Error("You must specify a summary of the issue.");
                }

                if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
                {
                    return new Outcome.Error("The summary is invalid because it contains newline characters.");
                }

                if (text.Length > 255)
                {
                    return new Outcome.Error("Summary must be less than 255 characters.");
                }

                summary = text;
                return Outcome.Ok;

            case FieldKind.Adf:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return new Outcome.Error(NotAnAdfDocument);
                }

                if (!AdfValidator.IsValid(value))
                {
                    return Outcome.InvalidAdf;
                }

                if (JiraTextLength.Of(value) > JiraTextLength.Limit)
                {
                    return new Outcome.Error(TextTooLong);
                }

                representation[field.Id] = value.Clone();
                return Outcome.Ok;

            case FieldKind.Priority:
                var priority = ById(value, site.Seed.Priorities, p => p.Id, p => p.Name);
                if (priority is null)
                {
                    return new Outcome.Error("The priority selected is invalid.");
                }

                representation["priority"] = JiraShapes.Priority(ctx.ApiBase, priority);
                return Outcome.Ok;

            case FieldKind.Components:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return new Outcome.Error("data was not an array");
                }

                var components = new List<object>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        return new Outcome.Error("expected Object");
                    }

                    var component = ById(item, project.Components, c => c.Id, c => c.Name);
                    if (component is null)
                    {
                        return item.TryGetProperty("id", out var cid)
                            ? new Outcome.Error($"Component with id '{Raw(cid)}' does not exist.")
                            : new Outcome.Error($"Component name '{(item.TryGetProperty("name", out var cn) ? Raw(cn) : "")}' is not valid");
                    }

                    components.Add(JiraShapes.Component(ctx.ApiBase, component));
                }

                representation["components"] = components;
                return Outcome.Ok;

            case FieldKind.Labels:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return new Outcome.Error("data was not an array");
                }

                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return new Outcome.Error("Operation value must be a string");
                    }

                    var label = item.GetString()!;
                    if (label.Any(char.IsWhiteSpace))
                    {
                        return new Outcome.Error($"The label '{label}' contains spaces which is invalid.");
                    }

                    if (label.Length > 255)
                    {
                        return new Outcome.Error($"The label '{label}' exceeds the maximum length for a single label of 255 characters.");
                    }

                    if (label.Length > 0 && !labels.Contains(label, StringComparer.Ordinal))
                    {
                        labels.Add(label);
                    }
                }

                return Outcome.Ok;

            case FieldKind.Date:
                if (value.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return new Outcome.Error($"Error parsing date string: {Raw(value)}");
                }

                representation[field.Id] = value.GetString();
                return Outcome.Ok;

            case FieldKind.User:
                var accountId = value.ValueKind == JsonValueKind.Object
                    ? (value.TryGetProperty("accountId", out var a) ? a : value.TryGetProperty("id", out var i) ? i : default)
                    : default;
                var user = accountId.ValueKind == JsonValueKind.String && ctx.State.Directory.Users.TryGetValue(accountId.GetString()!, out var u)
                    && ctx.State.Directory.UserHasSite(u, site.CloudId) ? u : null;
                if (user is null)
                {
                    return new Outcome.Error("Specified user does not exist or you do not have required permissions");
                }

                representation[field.Id] = JiraShapes.User(ctx.ApiBase, user);
                return Outcome.Ok;

            case FieldKind.Select:
                var option = Option(value, field.Custom!, out var optionError);
                if (option is null)
                {
                    return new Outcome.Error(optionError);
                }

                representation[field.Id] = JiraShapes.Option(ctx.ApiBase, option);
                return Outcome.Ok;

            case FieldKind.MultiSelect:
                if (value.ValueKind != JsonValueKind.Array)
                {
                    return new Outcome.Error("data was not an array");
                }

                var options = new List<object>();
                foreach (var item in value.EnumerateArray())
                {
                    var o = Option(item, field.Custom!, out var error);
                    if (o is null)
                    {
                        return new Outcome.Error(error);
                    }

                    options.Add(JiraShapes.Option(ctx.ApiBase, o));
                }

                representation[field.Id] = options;
                return Outcome.Ok;

            case FieldKind.TextField:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return new Outcome.Error("Operation value must be a string");
                }

                if (value.GetString()!.Length > 255)
                {
                    return new Outcome.Error("The entered text is too long. It exceeds the allowed limit of 255 characters.");
                }

                representation[field.Id] = value.GetString();
                return Outcome.Ok;

            case FieldKind.Number:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return new Outcome.Error("Operation value must be a number");
                }

                representation[field.Id] = value.GetDouble();
                return Outcome.Ok;

            default:
                return Outcome.Ok;
        }
    }

    private static SeedOption? Option(JsonElement value, SeedCustomField field, out string error)
    {
        error = "";
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("id", out var id))
        {
            var option = field.Options.FirstOrDefault(o => o.Id == Raw(id));
            error = $"Option id '{Raw(id)}' is not valid";
            return option;
        }

        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("value", out var v))
        {
            var option = field.Options.FirstOrDefault(o => string.Equals(o.Value, Raw(v), StringComparison.Ordinal));
            error = $"Option value '{Raw(v)}' is not valid";
            return option;
        }

        error = "Could not find valid 'id' or 'value' in the Parent Option object.";
        return null;
    }

    private static SeedProject? ResolveProject(State.SiteModel site, SeedUser user, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var reference = value.TryGetProperty("id", out var id) ? Raw(id) : value.TryGetProperty("key", out var key) ? Raw(key) : null;
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
            return project.IssueTypes.FirstOrDefault(t => t.Id == Raw(id));
        }

        // By name: ambiguous in team-managed projects, as on Jira; the first match wins.
        return value.TryGetProperty("name", out var name)
            ? project.IssueTypes.FirstOrDefault(t => string.Equals(t.Name, Raw(name), StringComparison.OrdinalIgnoreCase))
            : null;
    }

    private static T? ById<T>(JsonElement value, IEnumerable<T> items, Func<T, string> id, Func<T, string> name)
        where T : class
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (value.TryGetProperty("id", out var i))
        {
            return items.FirstOrDefault(x => id(x) == Raw(i));
        }

        return value.TryGetProperty("name", out var n)
            ? items.FirstOrDefault(x => string.Equals(name(x), Raw(n), StringComparison.Ordinal))
            : null;
    }

    /// <summary>Merges <c>update</c> entries holding a single <c>set</c> operation into the fields.</summary>
    private static void MergeUpdate(JsonElement body, Dictionary<string, JsonElement> fields, Dictionary<string, string> errors)
    {
        if (!body.TryGetProperty("update", out var update) || update.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var entry in update.EnumerateObject())
        {
            if (fields.ContainsKey(entry.Name))
            {
                errors[entry.Name] = $"Field '{entry.Name}' cannot be set in both 'fields' and 'update'.";
                continue;
            }

            if (entry.Value.ValueKind == JsonValueKind.Array && entry.Value.GetArrayLength() == 1
                && entry.Value[0].ValueKind == JsonValueKind.Object && entry.Value[0].TryGetProperty("set", out var set))
            {
                fields[entry.Name] = set;
            }
            else if (entry.Value.ValueKind == JsonValueKind.Array && entry.Value.GetArrayLength() > 0)
            {
                errors[entry.Name] = $"The simulator supports only a single 'set' operation for '{entry.Name}' in 'update'.";
            }
        }
    }

    private static Dictionary<string, JsonElement> ReadProperties(JsonElement body, List<string> messages)
    {
        var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!body.TryGetProperty("properties", out var properties) || properties.ValueKind == JsonValueKind.Null)
        {
            return result;
        }

        if (properties.ValueKind != JsonValueKind.Array)
        {
            messages.Add("The 'properties' value must be an array of {key, value} objects.");
            return result;
        }

        foreach (var property in properties.EnumerateArray())
        {
            if (property.ValueKind != JsonValueKind.Object || !property.TryGetProperty("key", out var key)
                || key.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(key.GetString()))
            {
                messages.Add("The property key cannot be empty.");
                continue;
            }

            var name = key.GetString()!;
            if (name.Length > 255)
            {
                messages.Add("The property key cannot be longer than 255 characters.");
                continue;
            }

            var value = property.TryGetProperty("value", out var v) ? v.Clone() : JsonSerializer.SerializeToElement<object?>(null);
            if (Encoding.UTF8.GetByteCount(value.GetRawText()) > 32_768)
            {
                messages.Add($"The property '{name}' has a value longer than 32768 bytes.");
                continue;
            }

            result[name] = value;
        }

        return result;
    }

    private static bool IsAbsent(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);

    private static string CannotBeSet(string field) => $"Field '{field}' cannot be set. It is not on the appropriate screen, or unknown.";

    private static string Raw(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private abstract record Outcome
    {
        public static readonly Outcome Ok = new Success();
        public static readonly Outcome InvalidAdf = new Adf();

        public sealed record Success : Outcome;

        public sealed record Adf : Outcome;

        public sealed record Error(string Message) : Outcome;
    }
}
