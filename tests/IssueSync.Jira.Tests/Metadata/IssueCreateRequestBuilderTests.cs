using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;
using IssueSync.Jira.Metadata;
using static IssueSync.Jira.Tests.Metadata.MetadataFixture;

namespace IssueSync.Jira.Tests.Metadata;

public sealed class IssueCreateRequestBuilderTests
{
    private static JsonObject Fields(IssueDraft draft, CreateMetadata? metadata = null)
    {
        var result = IssueCreateRequestBuilder.Build(draft, metadata ?? CompanyManaged());
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Body["fields"]!.AsObject();
    }

    private static FieldProblem SingleProblem(IssueDraft draft, CreateMetadata? metadata = null)
    {
        var result = IssueCreateRequestBuilder.Build(draft, metadata ?? CompanyManaged());
        Assert.False(result.IsValid);
        Assert.Null(result.Body);
        return Assert.Single(result.Problems);
    }

    private static string Json(JsonNode? node) => node!.ToJsonString();

    [Fact]
    public void Build_minimal_draft_sets_project_issuetype_id_and_summary()
    {
        var fields = Fields(Draft());

        Assert.Equal("""{"key":"ED"}""", Json(fields["project"]));
        Assert.Equal("""{"id":"10001"}""", Json(fields["issuetype"]));
        Assert.Equal("Main order flow broken", (string?)fields["summary"]);
        Assert.Equal(3, fields.Count);
    }

    [Theory]
    [InlineData("bug", "10001")]
    [InlineData("TASK", "10002")]
    [InlineData("10002", "10002")]
    public void Build_resolves_the_issue_type_by_name_ignoring_case_or_by_id(string issueType, string id)
    {
        var fields = Fields(Draft() with { IssueType = issueType });

        Assert.Equal(id, (string?)fields["issuetype"]!["id"]);
    }

    [Fact]
    public void Build_unknown_issue_type_lists_the_available_types()
    {
        var problem = SingleProblem(Draft() with { IssueType = "Incident" });

        Assert.Equal("issuetype", problem.Field);
        Assert.Contains("'Incident' does not exist in project ED", problem.Message);
        Assert.Contains("Bug (id 10001), Task (id 10002)", problem.Message);
    }

    [Fact]
    public void Build_ambiguous_issue_type_name_is_a_problem_not_a_guess()
    {
        var metadata = CompanyManaged() with { IssueTypes = [Bug, new() { Id = "10099", Name = "bug" }] };

        var problem = SingleProblem(Draft(), metadata);

        Assert.Equal("issuetype", problem.Field);
        Assert.Contains("ambiguous", problem.Message);
        Assert.Contains("10099", problem.Message);
    }

    [Fact]
    public void Build_issue_type_whose_fields_were_not_loaded_is_a_problem()
    {
        var metadata = CompanyManaged() with { FieldsByIssueTypeId = new Dictionary<string, IReadOnlyList<CreateMetaField>>() };

        var problem = SingleProblem(Draft(), metadata);

        Assert.Equal("issuetype", problem.Field);
        Assert.Contains("were not loaded", problem.Message);
    }

    [Theory]
    [InlineData("", "Summary is required.")]
    [InlineData("   ", "Summary is required.")]
    [InlineData("two\nlines", "Summary must be a single line")]
    [InlineData("cr\rline", "Summary must be a single line")]
    public void Build_summary_rules(string summary, string message)
    {
        var problem = SingleProblem(Draft() with { Summary = summary });

        Assert.Equal("summary", problem.Field);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void Build_summary_over_255_characters_is_a_problem_and_255_is_fine()
    {
        var problem = SingleProblem(Draft() with { Summary = new string('s', 256) });
        var fields = Fields(Draft() with { Summary = new string('s', 255) });

        Assert.Equal("summary", problem.Field);
        Assert.Contains("256 characters; Jira allows at most 255", problem.Message);
        Assert.Equal(255, ((string?)fields["summary"])!.Length);
    }

    [Fact]
    public void Build_missing_required_field_without_default_names_it()
    {
        var metadata = CompanyManaged(Field("customfield_10060", "Customer", new("string", Custom: "x:textfield"), required: true));

        var problem = SingleProblem(Draft(), metadata);

        Assert.Equal("customfield_10060", problem.Field);
        Assert.Equal("Field 'Customer' (customfield_10060) is required in project ED for type Bug but was not supplied.", problem.Message);
    }

    [Fact]
    public void Build_required_field_with_default_and_reporter_need_not_be_supplied()
    {
        var metadata = CompanyManaged(Field("customfield_10061", "Team", new("string"), required: true, hasDefault: true));

        Assert.True(IssueCreateRequestBuilder.Build(Draft(), metadata).IsValid);
    }

    [Theory]
    [InlineData("high", """{"name":"High"}""")]
    [InlineData("Highest", """{"name":"Highest"}""")]
    [InlineData("3", """{"id":"3"}""")]
    public void Build_priority_by_name_or_id(string priority, string json)
    {
        Assert.Equal(json, Json(Fields(Draft() with { Priority = priority })["priority"]));
    }

    [Fact]
    public void Build_priority_not_allowed_lists_the_allowed_ones()
    {
        var problem = SingleProblem(Draft() with { Priority = "Urgent" });

        Assert.Equal("priority", problem.Field);
        Assert.Equal("Field 'Priority' (priority) does not allow 'Urgent' in project ED for type Bug (allowed: Highest, High, Medium).", problem.Message);
    }

    [Fact]
    public void Build_components_by_name_or_id()
    {
        var fields = Fields(Draft() with { Components = ["backend", "10001"] });

        Assert.Equal("""[{"name":"Backend"},{"id":"10001"}]""", Json(fields["components"]));
    }

    [Fact]
    public void Build_unknown_component_names_the_field()
    {
        var problem = SingleProblem(Draft() with { Components = ["Database"] });

        Assert.Equal("components", problem.Field);
        Assert.Contains("'Database'", problem.Message);
        Assert.Contains("Backend, Frontend", problem.Message);
    }

    [Fact]
    public void Build_components_in_a_team_managed_project_are_not_on_the_screen()
    {
        var problem = SingleProblem(Draft("TM") with { Components = ["Backend"] }, TeamManaged());

        Assert.Equal("components", problem.Field);
        Assert.Equal("Field 'components' cannot be set: it is not on the create screen of project TM / type Bug.", problem.Message);
    }

    [Fact]
    public void Build_field_not_on_the_screen_is_a_problem()
    {
        var problem = SingleProblem(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_99999"] = "x" } });

        Assert.Equal("customfield_99999", problem.Field);
        Assert.Equal("Field 'customfield_99999' cannot be set: it is not on the create screen of project ED / type Bug.", problem.Message);
    }

    [Fact]
    public void Build_labels_and_extra_labels_are_combined_without_duplicates()
    {
        var fields = Fields(Draft() with { Labels = ["checkout", "p1"], ExtraLabels = ["issuesync-0123", "p1"] });

        Assert.Equal("""["checkout","p1","issuesync-0123"]""", Json(fields["labels"]));
    }

    [Theory]
    [InlineData("Test Application")]
    [InlineData("tab\tlabel")]
    public void Build_label_with_whitespace_is_a_problem(string label)
    {
        var problem = SingleProblem(Draft() with { Labels = [label] });

        Assert.Equal("labels", problem.Field);
        Assert.Contains($"label '{label}' contains whitespace", problem.Message);
    }

    [Fact]
    public void Build_labels_when_the_labels_field_is_not_on_the_screen_is_a_problem()
    {
        var metadata = CompanyManaged() with
        {
            FieldsByIssueTypeId = new Dictionary<string, IReadOnlyList<CreateMetaField>> { [Bug.Id] = CompanyManagedFields().Where(f => f.FieldId != "labels").ToList() },
        };

        var problem = SingleProblem(Draft() with { ExtraLabels = ["issuesync-1"] }, metadata);

        Assert.Equal("labels", problem.Field);
        Assert.Contains("not on the create screen", problem.Message);
    }

    [Fact]
    public void Build_assignee_is_sent_as_account_id()
    {
        var fields = Fields(Draft() with { AssigneeAccountId = "5b109f2e9729b51b54dc274d" });

        Assert.Equal("""{"accountId":"5b109f2e9729b51b54dc274d"}""", Json(fields["assignee"]));
    }

    [Fact]
    public void Build_assignee_with_spaces_is_a_problem()
    {
        var problem = SingleProblem(Draft() with { AssigneeAccountId = "John Smith" });

        Assert.Equal("assignee", problem.Field);
        Assert.Contains("account id", problem.Message);
    }

    [Fact]
    public void Build_due_date_in_iso_form_is_kept()
    {
        Assert.Equal("2019-05-11", (string?)Fields(Draft() with { DueDate = IssueDraft.FormatDate(new DateOnly(2019, 5, 11)) })["duedate"]);
    }

    [Theory]
    [InlineData("2019-5-11")]
    [InlineData("11/05/2019")]
    [InlineData("2019-02-30")]
    [InlineData("2019-05-11T00:00:00")]
    public void Build_due_date_in_another_form_is_a_problem(string date)
    {
        var problem = SingleProblem(Draft() with { DueDate = date });

        Assert.Equal("duedate", problem.Field);
        Assert.Contains("yyyy-MM-dd", problem.Message);
    }

    [Fact]
    public void Build_parent_by_key_or_id()
    {
        Assert.Equal("""{"key":"ED-1"}""", Json(Fields(Draft() with { Parent = "ED-1" })["parent"]));
        Assert.Equal("""{"id":"10097"}""", Json(Fields(Draft() with { Parent = "10097" })["parent"]));
    }

    [Fact]
    public void Build_description_must_be_valid_adf()
    {
        var invalid = JsonNode.Parse("""{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}""")!.AsObject();

        var problem = SingleProblem(Draft() with { Description = invalid });

        Assert.Equal("description", problem.Field);
        Assert.Contains("content[0].content[0]: text node must not be empty", problem.Message);
    }

    [Fact]
    public void Build_description_over_the_limit_is_a_problem()
    {
        var big = AdfDocument.FromPlainText(new string('x', 40_000)).ToJson();

        var problem = SingleProblem(Draft() with { Description = big });

        Assert.Equal("description", problem.Field);
        Assert.Contains("Jira's limit is 32,767", problem.Message);
    }

    [Fact]
    public void Build_description_is_measured_as_Jira_measures_it_so_emoji_cost_two_characters_not_twelve()
    {
        // 2,900 emoji are 5,800 UTF-16 code units; escaped as \uXXXX\uXXXX they would be 34,800 characters.
        var emoji = AdfDocument.FromPlainText(string.Concat(Enumerable.Repeat("🚀", 2_900))).ToJson();

        var fields = Fields(Draft() with { Description = emoji });

        Assert.Equal(emoji.ToJsonString(), fields["description"]!.ToJsonString());
    }

    [Fact]
    public void Build_description_is_sent_as_adf()
    {
        var adf = MarkdownToAdfConverter.ToDocument("Hello **world**").ToJson();

        Assert.Equal(adf.ToJsonString(), Json(Fields(Draft() with { Description = adf })["description"]));
    }

    [Theory]
    [InlineData("\"Sev 1\"", """{"value":"Sev 1"}""")]
    [InlineData("\"sev 2\"", """{"value":"Sev 2"}""")]
    [InlineData("\"10112\"", """{"id":"10112"}""")]
    [InlineData("""{"value":"Sev 1"}""", """{"value":"Sev 1"}""")]
    [InlineData("""{"id":"10113"}""", """{"id":"10113"}""")]
    public void Build_select_custom_field_by_value_or_id(string value, string json)
    {
        var fields = Fields(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10050"] = JsonNode.Parse(value) } });

        Assert.Equal(json, Json(fields["customfield_10050"]));
    }

    [Fact]
    public void Build_select_custom_field_with_unknown_option_names_the_field()
    {
        var problem = SingleProblem(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10050"] = "Sev 9" } });

        Assert.Equal("customfield_10050", problem.Field);
        Assert.Equal("Field 'Severity' (customfield_10050) does not allow 'Sev 9' in project ED for type Bug (allowed: Sev 1, Sev 2).", problem.Message);
    }

    [Fact]
    public void Build_multiselect_custom_field_maps_each_value()
    {
        var fields = Fields(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10051"] = new JsonArray("chrome", "10201") } });

        Assert.Equal("""[{"value":"Chrome"},{"id":"10201"}]""", Json(fields["customfield_10051"]));
    }

    [Fact]
    public void Build_user_custom_fields_are_account_ids()
    {
        var fields = Fields(Draft() with
        {
            CustomFields = new Dictionary<string, JsonNode?>
            {
                ["customfield_10052"] = "acc-1",
                ["customfield_10057"] = new JsonArray("acc-1", "acc-2"),
            },
        });

        Assert.Equal("""{"accountId":"acc-1"}""", Json(fields["customfield_10052"]));
        Assert.Equal("""[{"accountId":"acc-1"},{"accountId":"acc-2"}]""", Json(fields["customfield_10057"]));
    }

    [Fact]
    public void Build_number_custom_field_accepts_numbers_and_numeric_strings()
    {
        Assert.Equal("42", Json(Fields(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10053"] = 42 } })["customfield_10053"]));
        Assert.Equal("2.5", Json(Fields(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10053"] = "2.5" } })["customfield_10053"]));
    }

    [Fact]
    public void Build_number_custom_field_rejects_text()
    {
        var problem = SingleProblem(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10053"] = "lots" } });

        Assert.Equal("customfield_10053", problem.Field);
        Assert.Contains("Story points", problem.Message);
        Assert.Contains("takes a number", problem.Message);
    }

    [Fact]
    public void Build_textarea_custom_field_turns_plain_text_into_adf()
    {
        var fields = Fields(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10054"] = "1. open\n2. click" } });

        var adf = fields["customfield_10054"]!;
        Assert.Equal("doc", (string?)adf["type"]);
        Assert.True(AdfValidator.Validate(adf).IsValid);
        Assert.Equal("hardBreak", (string?)adf["content"]![0]!["content"]![1]!["type"]);
    }

    [Fact]
    public void Build_textfield_custom_field_is_a_string_of_at_most_255()
    {
        Assert.Equal("\"1.2.3\"", Json(Fields(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10055"] = "1.2.3" } })["customfield_10055"]));

        var tooLong = SingleProblem(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10055"] = new string('b', 256) } });
        var notText = SingleProblem(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10055"] = new JsonObject() } });

        Assert.Equal("customfield_10055", tooLong.Field);
        Assert.Contains("at most 255", tooLong.Message);
        Assert.Contains("single line of text", notText.Message);
    }

    [Fact]
    public void Build_date_custom_field_is_strict()
    {
        Assert.Equal("\"2026-03-02\"", Json(Fields(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10056"] = "2026-03-02" } })["customfield_10056"]));

        var problem = SingleProblem(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10056"] = "March 2" } });

        Assert.Equal("customfield_10056", problem.Field);
        Assert.Contains("Found on", problem.Message);
    }

    [Fact]
    public void Build_system_field_given_as_custom_field_is_a_problem()
    {
        var problem = SingleProblem(Draft() with { CustomFields = new Dictionary<string, JsonNode?> { ["summary"] = "other" } });

        Assert.Equal("summary", problem.Field);
    }

    [Fact]
    public void Build_reports_every_problem_at_once()
    {
        var result = IssueCreateRequestBuilder.Build(
            Draft() with { Summary = "", Priority = "Urgent", Labels = ["a b"], DueDate = "soon" }, CompanyManaged());

        Assert.Equal(["summary", "priority", "labels", "duedate"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Build_properties_are_sent_as_key_value_pairs()
    {
        var result = IssueCreateRequestBuilder.Build(
            Draft() with { Properties = new Dictionary<string, JsonNode?> { ["issuesync.request"] = new JsonObject { ["id"] = "7f3c" } } }, CompanyManaged());

        Assert.Equal("""[{"key":"issuesync.request","value":{"id":"7f3c"}}]""", Json(result.Body!["properties"]));
    }

    [Fact]
    public void Build_full_draft_matches_jira_shapes()
    {
        var result = IssueCreateRequestBuilder.Build(Draft() with
        {
            Priority = "High",
            Components = ["Backend"],
            Labels = ["bugfix"],
            ExtraLabels = [DedupeLabel.For("cmd-1")],
            AssigneeAccountId = "acc-1",
            DueDate = "2019-05-11",
            CustomFields = new Dictionary<string, JsonNode?> { ["customfield_10050"] = "Sev 1" },
        }, CompanyManaged());

        Assert.True(result.IsValid);
        Assert.Equal(
            """{"fields":{"project":{"key":"ED"},"issuetype":{"id":"10001"},"summary":"Main order flow broken","priority":{"name":"High"},"components":[{"name":"Backend"}],"labels":["bugfix","LABEL"],"assignee":{"accountId":"acc-1"},"duedate":"2019-05-11","customfield_10050":{"value":"Sev 1"}}}""".Replace("LABEL", DedupeLabel.For("cmd-1"), StringComparison.Ordinal),
            result.Body.ToJsonString());
        Assert.Equal("Bug", result.IssueType!.Name);
    }
}
