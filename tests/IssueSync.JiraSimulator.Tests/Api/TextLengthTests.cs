using System.Text.Json;
using IssueSync.JiraSimulator.Api;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>
/// Jira's 32,767-character limit on ADF fields (docs/atlassian-api.md §4.3): UTF-16 code units of compact, unescaped JSON.
/// </summary>
public sealed class TextLengthTests : IAsyncLifetime
{
    private const string TooLong = """{"errorMessages":[],"errors":{"description":"The entered text is too long. It exceeds the allowed limit of 32,767 characters."}}""";

    /// <summary>Length of <c>{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}</c>.</summary>
    private static readonly int Wrapper = """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}""".Length;

    private TestSimulator _sim = null!;
    private Tokens _tokens = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _tokens = await _sim.ConnectAsync();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private static object Doc(string text) =>
        new { version = 1, type = "doc", content = new[] { new { type = "paragraph", content = new[] { new { type = "text", text } } } } };

    private async Task<HttpResponseMessage> CreateAsync(string field, string text)
    {
        var fields = field == DefaultSeed.RootCause
            ? new Dictionary<string, object?> { ["project"] = new { key = "OPS" }, ["issuetype"] = new { id = DefaultSeed.Bug }, ["summary"] = "x", [DefaultSeed.Severity] = new { value = "Sev1" } }
            : TestSimulator.OpsTask();
        fields[field] = Doc(text);
        return await _sim.CreateIssueAsync(_tokens.AccessToken, fields);
    }

    /// <summary><paramref name="unit"/> repeated, then ASCII filler, to exactly <paramref name="codeUnits"/> UTF-16 code units of text.</summary>
    private static string Text(string unit, int codeUnits)
    {
        var repeats = codeUnits / unit.Length;
        return string.Concat(Enumerable.Repeat(unit, repeats)) + new string('a', codeUnits - (repeats * unit.Length));
    }

    public static TheoryData<string, string> Units => new()
    {
        { "emoji (a surrogate pair: 2)", "😀" },
        { "CJK (1 each)", "漢字" },
        { "combining marks (base + U+0301: 2)", "e\u0301" },
        { "quote and newline (1 each, not their escapes)", "\"\n" },
        { "ASCII", "x" },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public async Task A_document_of_exactly_32767_passes_and_32768_fails(string what, string unit)
    {
        Assert.NotNull(what);
        var atLimit = Text(unit, JiraTextLength.Limit - Wrapper);
        Assert.Equal(JiraTextLength.Limit, JiraTextLength.Of(JsonSerializer.SerializeToElement(Doc(atLimit))));
        using (var accepted = await CreateAsync("description", atLimit))
        {
            await accepted.AssertStatusAsync(201);
        }

        using var refused = await CreateAsync("description", atLimit + "a");
        await refused.AssertBodyAsync(400, TooLong);
    }

    [Fact]
    public async Task Thousands_of_emoji_fit_where_their_escapes_would_not()
    {
        // 16,000 emoji are 32,000 code units (but 192,000 characters as \uXXXX escapes).
        var text = string.Concat(Enumerable.Repeat("🚀", 16_000));
        using var response = await CreateAsync("description", text);
        await response.AssertStatusAsync(201);
    }

    [Fact]
    public async Task The_limit_applies_to_textarea_custom_fields_too()
    {
        using var response = await CreateAsync(DefaultSeed.RootCause, Text("😀", JiraTextLength.Limit - Wrapper + 2));
        await response.AssertBodyAsync(400, TooLong.Replace("description", DefaultSeed.RootCause, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("null", 4)]
    [InlineData("true", 4)]
    [InlineData("false", 5)]
    [InlineData("1.50", 4)]
    [InlineData("-2e+10", 6)]
    [InlineData("\"\"", 2)]
    [InlineData("\"a\\\"b\\n\"", 6)]
    [InlineData("\"\\ud83d\\ude00\"", 4)]
    [InlineData("[]", 2)]
    [InlineData("[1, 2 ,3]", 7)]
    [InlineData("{}", 2)]
    [InlineData("{ \"a\" : [1.50, true, false, null, \"x\\\"y\"] }", 34)]
    [InlineData("{\"k\\u00e9y\":1,\"b\":{}}", 16)]
    public void The_measure_follows_the_definition(string json, long expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, JiraTextLength.Of(document.RootElement));
    }
}
