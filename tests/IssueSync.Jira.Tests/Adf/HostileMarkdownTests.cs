using System.Text.Json.Nodes;
using IssueSync.Jira.Adf;
using IssueSync.Jira.Tests.Adf.Support;
using Microsoft.Extensions.Time.Testing;

namespace IssueSync.Jira.Tests.Adf;

/// <summary>Descriptions built to hurt: none may crash the process, escape as an exception or burn the CPU.</summary>
public sealed class HostileMarkdownTests
{
    // CPU time of the converting thread, not wall time. Generous for a loaded 2-core CI machine: on the development
    // machine the most expensive input the caps let through took 0.2 to 0.6 s, and refusals take milliseconds.
    private static readonly TimeSpan CpuBudget = TimeSpan.FromSeconds(2);

    private static readonly AdfConversionOptions Truncating = new() { TruncateToLimit = true };

    // The CPU tests measure the work, so the wall-clock deadline (a guard for production) must not decide them on
    // a busy machine: these tests run beside others and other processes.
    private static readonly AdfConversionOptions TruncatingWithoutDeadline = Truncating with { TimeBudget = TimeSpan.FromMinutes(2) };

    // Each unit repeated to the Markdown cap; before the caps each took from 1.3 s ("[a](b (") to 9 s ("_www.")
    // of Markdig's time at 64 KB, or overflowed or threw.
    public static TheoryData<string, AdfConversionFailure> Pathological() => new()
    {
        { "[a](", AdfConversionFailure.TooComplex },
        { "[](", AdfConversionFailure.TooComplex },
        { "![a](", AdfConversionFailure.TooComplex },
        { "[a](b (", AdfConversionFailure.TooComplex },
        { "[a](b (\\)", AdfConversionFailure.TooComplex },
        { "(http://", AdfConversionFailure.TooComplex },
        { "*http://", AdfConversionFailure.TooComplex },
        { "(www.", AdfConversionFailure.TooComplex },
        { "_www.", AdfConversionFailure.TooComplex },
        { "www.a.com ", AdfConversionFailure.TooComplex },
        { "**a ", AdfConversionFailure.TooComplex },
        { "*a* ", AdfConversionFailure.TooComplex },
        { "a* ", AdfConversionFailure.TooComplex },
        { "~~a ", AdfConversionFailure.TooComplex },
        { "***a*** ", AdfConversionFailure.TooComplex },
        { "[a][", AdfConversionFailure.TooComplex },
        { "[a]: b\n", AdfConversionFailure.TooComplex },
        { "|**a**|*b*|\n", AdfConversionFailure.TooComplex },
        { ":|", AdfConversionFailure.TooComplex },
        { ">", AdfConversionFailure.TooDeeplyNested },
        { "1. ", AdfConversionFailure.TooDeeplyNested },
        { "- > ", AdfConversionFailure.TooDeeplyNested },
    };

    [Fact]
    public async Task Emphasis_nested_14000_deep_converts_or_is_refused_without_crashing_the_process()
    {
        var outcome = await ChildProcess.RunAsync("markdown-emphasis-14000");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal("converted: a, marked strong", outcome.Output);
    }

    [Fact]
    public void Convert_deeply_nested_emphasis_gives_flat_marks()
    {
        // 301 stars: 150 nested bold levels and one italic; ADF marks are a set.
        var markdown = new string('*', 301) + "a" + new string('*', 301);

        var text = Assert.Single(AdfTree.Texts(MarkdownToAdfConverter.ToDocument(markdown).ToJson()));

        Assert.Equal("a", (string?)text["text"]);
        Assert.Equal(["em", "strong"], AdfTree.MarkTypes(text).Order());
    }

    [Fact]
    public void Unclosed_links_filling_the_message_limit_are_refused_before_parsing()
    {
        AdfConversionResult? result = null;

        var cpu = ThreadCpuTime.Measure(() => result = new MarkdownToAdfConverter().Convert(HostileInputs.UnclosedLinks));

        Assert.True(cpu < CpuBudget, $"{cpu.TotalSeconds:F2} s of CPU");
        Assert.Equal(AdfConversionFailure.MarkdownTooLong, result!.Failure);
        Assert.Equal("Description is 256,000 characters of Markdown; IssueSync converts at most 65,534 (Markdown grows as ADF, so a longer description cannot fit Jira's 32,767). Shorten it.", result.Error);
    }

    [Fact]
    public void Unclosed_links_filling_the_message_limit_with_truncation_are_cut_then_refused_as_too_costly()
    {
        AdfConversionResult? result = null;

        var cpu = ThreadCpuTime.Measure(() => result = new MarkdownToAdfConverter(TruncatingWithoutDeadline).Convert(HostileInputs.UnclosedLinks));

        Assert.True(cpu < CpuBudget, $"{cpu.TotalSeconds:F2} s of CPU");
        Assert.Equal(AdfConversionFailure.TooComplex, result!.Failure);
        Assert.StartsWith("Description is too costly to parse as Markdown: too many inline links left unclosed ('](' followed by long unbroken text) (about ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Pathological_markdown_at_the_cap_is_refused_within_the_cpu_budget(string unit, AdfConversionFailure expected)
    {
        var markdown = HostileInputs.Repeat(unit, AdfConversionOptions.DefaultMaxMarkdownLength);
        AdfConversionResult? result = null;

        var cpu = ThreadCpuTime.Measure(() => result = new MarkdownToAdfConverter(TruncatingWithoutDeadline).Convert(markdown));

        Assert.True(cpu < CpuBudget, $"{cpu.TotalSeconds:F2} s of CPU");
        Assert.Equal(expected, result!.Failure);
    }

    // Each took Markdig (or an earlier estimate itself) 0.2 to 3.4 s at this size while an earlier estimate let it through.
    [Theory]
    [InlineData("a link inside a link leaves the outer one unmade", "[[a](b)](", "*http://x", ")", AdfConversionFailure.TooComplex)]
    [InlineData("an escaped ! makes the inner image a link", "[\\![a](b)](", "*http://x", ")", AdfConversionFailure.TooComplex)]
    [InlineData("links around pipes after many pipes", "", "||||||[|](a)", "", AdfConversionFailure.TooComplex)]
    [InlineData("lazy '=' lines go on a quoted paragraph", "> ", "=\n", "", AdfConversionFailure.TooComplex)]
    [InlineData("lazy '=' lines go on a list item's paragraph", "- a\n", "=\n", "", AdfConversionFailure.TooComplex)]
    [InlineData("a line of list markers that is no thematic break", "", "- ", "\\", AdfConversionFailure.TooDeeplyNested)]
    [InlineData("a code span hides the '[' of what looks like a link", "`[`](", "*http://x", ")", AdfConversionFailure.TooComplex)]
    [InlineData("a code span ends inside what looks like a link", "`[a](x`", "*http://x", ")", AdfConversionFailure.TooComplex)]
    [InlineData("code spans hide every ']', so every '[' stays open", "", "[`]`", "", AdfConversionFailure.TooComplex)]
    [InlineData("an HTML comment hides a ']'", "", "[<!--](<-->a](", "", AdfConversionFailure.TooComplex)]
    public void Markdown_that_fools_a_naive_estimate_is_refused_within_the_cpu_budget(string why, string prefix, string unit, string suffix, AdfConversionFailure expected)
    {
        var markdown = prefix + HostileInputs.Repeat(unit, AdfConversionOptions.DefaultMaxMarkdownLength - prefix.Length - suffix.Length) + suffix;
        AdfConversionResult? result = null;

        var cpu = ThreadCpuTime.Measure(() => result = new MarkdownToAdfConverter(TruncatingWithoutDeadline).Convert(markdown));

        Assert.True(cpu < CpuBudget, $"{why}: {cpu.TotalSeconds:F2} s of CPU");
        Assert.True(result!.Failure == expected, $"{why}: {result.Failure} {result.Error}");
    }

    // The estimate's edge: the longest repetition it still accepts is the most expensive Markdown that gets parsed.
    [Theory]
    [InlineData("_a_ ")]
    [InlineData("*a* ")]
    [InlineData("**a ")]
    [InlineData("[a](")]
    [InlineData("[](")]
    [InlineData("*http://")]
    [InlineData("(www.")]
    [InlineData("[a]: b\n")]
    [InlineData(":|")]
    public void The_most_expensive_markdown_the_caps_accept_converts_within_the_cpu_budget(string unit)
    {
        var markdown = HostileInputs.LongestAccepted(unit);
        AdfConversionResult? result = null;

        var cpu = ThreadCpuTime.Measure(() => result = new MarkdownToAdfConverter(TruncatingWithoutDeadline).Convert(markdown));

        Assert.True(cpu < CpuBudget, $"{cpu.TotalSeconds:F2} s of CPU for {markdown.Length:N0} characters");
        Assert.True(result!.IsSuccess, result.Error);
        Assert.True(HostileInputs.EstimatedSteps(markdown + unit) > MarkdigCost.Budget, "one more unit should be refused");
    }

    // The costliest accepted input found: 32,767 one-character lines, half of them setext underlines, which makes
    // 16,384 blocks (about 0.6 s of CPU on the development machine, most of it Markdig's and the garbage collector's).
    [Theory]
    [InlineData("=\n")]
    [InlineData("# a\n")]
    [InlineData("- a\n")]
    [InlineData("> a\n")]
    [InlineData("a\n\n")]
    [InlineData("| a | b |\n")]
    public void Markdown_of_many_small_blocks_at_the_cap_converts_within_the_cpu_budget(string unit)
    {
        var markdown = HostileInputs.Repeat(unit, AdfConversionOptions.DefaultMaxMarkdownLength);
        AdfConversionResult? result = null;

        var cpu = ThreadCpuTime.Measure(() => result = new MarkdownToAdfConverter(TruncatingWithoutDeadline).Convert(markdown));

        Assert.True(cpu < CpuBudget, $"{cpu.TotalSeconds:F2} s of CPU");
        Assert.True(result!.IsSuccess, result.Error);
        Assert.True(result.Truncated);
    }

    [Theory]
    [InlineData("[a](b (", "too many inline links left unclosed")]
    [InlineData("(www.", "too many web addresses (http://, www.) inside long unbroken text")]
    [InlineData("*a* ", "too many emphasis markers (*, _, ~~) and brackets left open in one paragraph")]
    [InlineData("[a]: b\n", "too many link reference definitions ('[label]: url' lines) in one paragraph")]
    [InlineData(":|", "too many table pipes ('|') inside links or after colons in one paragraph")]
    [InlineData("> a\n=\n=\n=\n=\n", "too many '===' or '---' lines inside one paragraph")]
    public void Too_costly_markdown_is_refused_with_a_sentence_naming_the_cause(string unit, string cause)
    {
        var result = new MarkdownToAdfConverter().Convert(HostileInputs.Repeat(unit, 60_000));

        Assert.Equal(AdfConversionFailure.TooComplex, result.Failure);
        Assert.Matches($"^Description is too costly to parse as Markdown: {System.Text.RegularExpressions.Regex.Escape(cause)}.* \\(about [0-9,]+ parser steps; the limit is 20,000,000\\)\\. No ordinary description does this; check what produced it, or send it as ADF\\.$", result.Error);
    }

    [Theory]
    [InlineData("\\*")]
    [InlineData("\\_a")]
    [InlineData("[x] done\n")]
    [InlineData("[INFO] started\n")]
    [InlineData("a_b ")]
    [InlineData("a * b ")]
    [InlineData("[a](https://e.com/a) ")]
    [InlineData("[a](https://e.com/a)")]
    [InlineData("[a](<https://e.com/a> \"t\") ")]
    [InlineData("[![b](https://e.com/b.svg)](https://e.com/a)")]
    [InlineData("[|](a)")]
    [InlineData("| a | b |\n")]
    [InlineData("a\n===\n")]
    [InlineData("=\n")]
    [InlineData("---\n")]
    public void Markdown_that_only_looks_costly_is_not_refused(string unit)
    {
        var result = new MarkdownToAdfConverter(Truncating).Convert(HostileInputs.Repeat(unit, AdfConversionOptions.DefaultMaxMarkdownLength));

        Assert.True(result.IsSuccess, result.Error);
    }

    [Theory]
    [InlineData(">", 5_000)]
    [InlineData("- ", 5_000)]
    public void Markdown_nested_5000_deep_is_refused_with_a_readable_reason(string marker, int depth)
    {
        var markdown = string.Concat(Enumerable.Repeat(marker, depth)) + "a";

        var result = new MarkdownToAdfConverter().Convert(markdown);

        Assert.False(result.IsSuccess);
        Assert.Equal(AdfConversionFailure.TooDeeplyNested, result.Failure);
        Assert.Equal("Description has block quotes or lists nested more than 128 levels deep, more than the Markdown parser (Markdig) accepts. Flatten the nesting.", result.Error);
    }

    [Fact]
    public void Markdown_nested_over_markdigs_limit_across_lines_is_refused_too()
    {
        // 65 lists inside each other by indentation: 130 blocks, which Markdig refuses after parsing them.
        var markdown = string.Concat(Enumerable.Range(0, 65).Select(i => new string(' ', 2 * i) + "- a\n"));

        var result = new MarkdownToAdfConverter().Convert(markdown);

        Assert.Equal(AdfConversionFailure.TooDeeplyNested, result.Failure);
    }

    // Not checked against the published schema here: NJsonSchema's anyOf search grows exponentially with list
    // nesting (it ran out of memory at 13 levels); the strict validator checks the same node rules.
    [Fact]
    public void Lists_nested_deeper_than_adf_allows_are_flattened_keeping_every_item()
    {
        var markdown = string.Concat(Enumerable.Range(0, 20).Select(i => new string(' ', 2 * i) + $"- item {i}\n"));

        var result = new MarkdownToAdfConverter().Convert(markdown);

        Assert.True(result.IsSuccess, result.Error);
        var json = result.Document.ToJson();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"item {i}"), AdfTree.Texts(json).Select(t => (string?)t["text"]));
        Assert.Equal(13, ListNesting(json));
        Assert.InRange(result.Document.Depth, 1, AdfJson.MaxDepth);
        Assert.True(AdfValidator.Validate(json).IsValid, AdfValidator.Validate(json).ToString());

        // What the Jira client sends: the document inside {"fields":{"description":…}}, with default options.
        var body = new JsonObject { ["fields"] = new JsonObject { ["description"] = json } };
        Assert.Contains("item 19", body.ToJsonString(AdfJson.SerializerOptions), StringComparison.Ordinal);
    }

    [Fact]
    public void Conversion_past_its_time_budget_is_refused()
    {
        // Every clock read moves the clock a second: the budget runs out after a few paragraphs.
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        var converter = new MarkdownToAdfConverter(new AdfConversionOptions { TimeProvider = clock, TimeBudget = TimeSpan.FromSeconds(3) });

        var result = converter.Convert(string.Join("\n\n", Enumerable.Range(0, 10).Select(i => $"paragraph {i}")));

        Assert.Equal(AdfConversionFailure.TimedOut, result.Failure);
        Assert.Equal("Converting the description took longer than its 3 s budget, so it was stopped. Simplify the description or send it as ADF.", result.Error);
    }

    [Fact]
    public void An_unexpected_exception_inside_the_parser_becomes_a_readable_error()
    {
        var converter = new MarkdownToAdfConverter(new AdfConversionOptions { TimeProvider = new FailingClock() });

        var result = converter.Convert("a paragraph");

        Assert.Equal(AdfConversionFailure.Unexpected, result.Failure);
        Assert.Equal("Description could not be converted: parsing the Markdown failed (InvalidOperationException: the clock broke).", result.Error);
    }

    [Fact]
    public void Markdown_exactly_at_the_cap_is_converted_and_one_more_character_is_refused()
    {
        var converter = new MarkdownToAdfConverter(new AdfConversionOptions { MaxLength = 200_000 });
        var atCap = HostileInputs.Repeat("word ", AdfConversionOptions.DefaultMaxMarkdownLength - 4) + "last";

        Assert.Equal(AdfConversionOptions.DefaultMaxMarkdownLength, atCap.Length);
        Assert.True(converter.Convert(atCap).IsSuccess);
        Assert.Equal(AdfConversionFailure.MarkdownTooLong, converter.Convert(atCap + "!").Failure);
    }

    [Fact]
    public void ToDocument_refuses_costly_markdown_with_the_same_sentence()
    {
        var ex = Assert.Throws<ArgumentException>(() => MarkdownToAdfConverter.ToDocument(HostileInputs.Repeat("[a](", 60_000)));

        Assert.StartsWith("Description is too costly to parse as Markdown", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(AdfConversionOptions.MaxMarkdownLengthCeiling + 1)]
    public void Converter_rejects_a_markdown_cap_out_of_range(int cap)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkdownToAdfConverter(new AdfConversionOptions { MaxMarkdownLength = cap }));
    }

    // The deepest chain of bullet lists inside each other.
    private static int ListNesting(JsonNode node) =>
        (node["type"]?.GetValue<string>() == "bulletList" ? 1 : 0)
        + (node["content"] is JsonArray content && content.Count > 0 ? content.Max(child => ListNesting(child!)) : 0);

    // Starts the conversion, then fails on the next read, which happens inside Markdig's parse.
    private sealed class FailingClock : TimeProvider
    {
        private bool _started;

        public override long GetTimestamp() => _started ? throw new InvalidOperationException("the clock broke") : Started();

        private long Started()
        {
            _started = true;
            return 0;
        }
    }
}
