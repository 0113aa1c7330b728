using IssueSync.Jira.Adf;

namespace IssueSync.Jira.Tests.Adf;

/// <summary>Descriptions as users write them, converted and checked against Atlassian's published ADF schema.</summary>
public sealed class AdfCorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Adf", "Corpus");

    public static TheoryData<string> CorpusFiles() => new(Directory.GetFiles(CorpusDirectory, "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void Corpus_is_present()
    {
        Assert.True(Directory.GetFiles(CorpusDirectory, "*.md").Length >= 10, $"expected the corpus in {CorpusDirectory}");
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Convert_corpus_file_is_valid_against_the_atlassian_schema(string file)
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, file), TestContext.Current.CancellationToken);

        var result = new MarkdownToAdfConverter(new AdfConversionOptions { TruncateToLimit = true }).Convert(markdown);

        Assert.True(result.IsSuccess, result.Error);
        var json = result.Document.ToJsonString();
        Assert.True(json.Length <= AdfJson.MaxLength, $"{json.Length} characters");
        Assert.Empty(await AdfSchema.ValidateAsync(json));
        var strict = AdfValidator.Validate(result.Document.ToJson());
        Assert.True(strict.IsValid, strict.ToString());
        AdfTree.AssertInvariants(result.Document.ToJson());
    }

    [Fact]
    public void Convert_very_long_corpus_file_without_truncation_is_refused_before_parsing()
    {
        var markdown = File.ReadAllText(Path.Combine(CorpusDirectory, "10-very-long.md"));

        var result = new MarkdownToAdfConverter().Convert(markdown);

        Assert.False(result.IsSuccess);
        Assert.Equal(AdfConversionFailure.MarkdownTooLong, result.Failure);
        Assert.Matches(@"^Description is \d{2,3},\d{3} characters of Markdown; IssueSync converts at most 65,534 ", result.Error);
    }

    [Fact]
    public void Convert_very_long_corpus_file_under_a_raised_markdown_cap_reports_the_adf_size()
    {
        var markdown = File.ReadAllText(Path.Combine(CorpusDirectory, "10-very-long.md"));

        var result = new MarkdownToAdfConverter(new AdfConversionOptions { MaxMarkdownLength = 100_000 }).Convert(markdown);

        Assert.Equal(AdfConversionFailure.TooLong, result.Failure);
        Assert.Matches(@"^Description is \d{2,3},\d{3} characters as ADF; Jira's limit is 32,767\.$", result.Error);
    }
}
