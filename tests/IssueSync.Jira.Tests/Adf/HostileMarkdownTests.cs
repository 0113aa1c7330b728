using IssueSync.Jira.Adf;
using IssueSync.Jira.Tests.Adf.Support;

namespace IssueSync.Jira.Tests.Adf;

/// <summary>Descriptions built to hurt: none may crash the process, escape as an exception or burn the CPU.</summary>
public sealed class HostileMarkdownTests
{
    // Generous for a loaded 2-core CI machine; the worst input measured about 0.3 s on the development machine.
    private static readonly TimeSpan CpuBudget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Emphasis_nested_14000_deep_converts_or_is_refused_without_crashing_the_process()
    {
        var outcome = await ChildProcess.RunAsync("markdown-emphasis-14000");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Matches("^(converted|refused): ", outcome.Output);
    }

    [Fact]
    public void Unclosed_links_filling_the_message_limit_finish_within_the_cpu_budget()
    {
        AdfConversionResult? result = null;

        var cpu = ThreadCpuTime.Measure(() => result = new MarkdownToAdfConverter().Convert(HostileInputs.UnclosedLinks));

        Assert.True(cpu < CpuBudget, $"{cpu.TotalSeconds:F2} s of CPU");
        Assert.NotNull(result);
        Assert.False(result.IsSuccess);
    }

    [Theory]
    [InlineData(">", 5_000)]
    [InlineData("- ", 5_000)]
    public void Markdown_nested_5000_deep_is_refused_with_a_readable_reason(string marker, int depth)
    {
        var markdown = string.Concat(Enumerable.Repeat(marker, depth)) + "a";

        var result = new MarkdownToAdfConverter().Convert(markdown);

        Assert.False(result.IsSuccess);
        Assert.Contains("nested", result.Error, StringComparison.Ordinal);
        Assert.Contains("128", result.Error, StringComparison.Ordinal);
    }
}
