using System.Globalization;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Syntax;

namespace IssueSync.Jira.Adf;

/// <summary>
/// Markdown (CommonMark plus pipe tables, <c>~~strike~~</c> and bare-URL autolinks) to ADF that Jira accepts.
/// Links keep only http, https and mailto targets (<see cref="AdfUrl"/>); raw HTML stays literal text; images become
/// links. Blocks ADF does not allow where they stand (a heading in a list item, a table in a quote) are flattened, and
/// so are lists and quotes nested deeper than <see cref="AdfJson.MaxDepth"/> allows.
/// <para>
/// Any input gives a result, never an exception or a crash: Markdown longer than
/// <see cref="AdfConversionOptions.MaxMarkdownLength"/>, built to make the parser slow (<see cref="MarkdigCost"/>),
/// nested deeper than the parser accepts, or still converting after <see cref="AdfConversionOptions.TimeBudget"/> is
/// refused with a sentence saying why (<see cref="AdfConversionResult.Error"/>, <see cref="AdfConversionResult.Failure"/>).
/// </para>
/// </summary>
public sealed class MarkdownToAdfConverter
{
    private const string MarkdigDepthMessage = "too deeply nested";

    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private readonly AdfConversionOptions _options;

    /// <summary>A converter with the given options (default: error when over 32,767 characters).</summary>
    public MarkdownToAdfConverter(AdfConversionOptions? options = null)
    {
        _options = options ?? new AdfConversionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLength, 200, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxMarkdownLength, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxMarkdownLength, AdfConversionOptions.MaxMarkdownLengthCeiling, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.TimeBudget, TimeSpan.Zero, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
    }

    /// <summary>Converts Markdown and applies the size limits; refusals are results, not exceptions.</summary>
    public AdfConversionResult Convert(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var source = markdown;
        if (markdown.Length > _options.MaxMarkdownLength)
        {
            if (!_options.TruncateToLimit)
            {
                return AdfConversionResult.Refused(AdfConversionFailure.MarkdownTooLong, MarkdownTooLongMessage(markdown.Length, _options.MaxMarkdownLength));
            }

            source = CutSource(markdown, _options.MaxMarkdownLength);
        }

        AdfDocument document;
        try
        {
            document = Build(source, _options);
        }
        catch (AdfConversionRefusedException refused)
        {
            return AdfConversionResult.Refused(refused.Failure, refused.Message);
        }

        var cutBeforeParsing = markdown.Length - source.Length;
        var length = document.SerializedLength;
        if (cutBeforeParsing == 0 && length <= _options.MaxLength)
        {
            return AdfConversionResult.Converted(document);
        }

        if (!_options.TruncateToLimit)
        {
            return AdfConversionResult.Refused(AdfConversionFailure.TooLong, TooLongMessage(length, _options.MaxLength), length);
        }

        var (truncated, omitted) = AdfTruncator.Truncate(document, _options.MaxLength, cutBeforeParsing);
        return AdfConversionResult.TruncatedTo(truncated, omitted);
    }

    /// <summary>The error text for a document over the limit.</summary>
    public static string TooLongMessage(int length, int limit = AdfJson.MaxLength) => string.Create(
        CultureInfo.InvariantCulture, $"Description is {length:N0} characters as ADF; Jira's limit is {limit:N0}.");

    /// <summary>
    /// Converts Markdown without the ADF size limit. The default Markdown caps still apply (length, parsing cost,
    /// nesting, time); input they refuse throws <see cref="ArgumentException"/> with the reason.
    /// </summary>
    public static AdfDocument ToDocument(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var options = new AdfConversionOptions();
        if (markdown.Length > options.MaxMarkdownLength)
        {
            throw new ArgumentException(MarkdownTooLongMessage(markdown.Length, options.MaxMarkdownLength), nameof(markdown));
        }

        try
        {
            return Build(markdown, options);
        }
        catch (AdfConversionRefusedException refused)
        {
            throw new ArgumentException(refused.Message, nameof(markdown), refused);
        }
    }

    private static string MarkdownTooLongMessage(int length, int limit) => string.Create(CultureInfo.InvariantCulture,
        $"Description is {length:N0} characters of Markdown; IssueSync converts at most {limit:N0} (Markdown grows as ADF, so a longer description cannot fit Jira's {AdfJson.MaxLength:N0}). Shorten it.");

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
            .UseAutoLinks();

        // Last, so that it sees the block parsers the other extensions add.
        builder.Extensions.Add(new MarkdigGuard.Extension());
        return builder.Build();
    }

    // Keeps whole lines where it can and never splits a surrogate pair.
    private static string CutSource(string markdown, int limit)
    {
        var newline = markdown.LastIndexOf('\n', limit - 1);
        var end = newline >= limit / 2 ? newline : limit;
        if (char.IsHighSurrogate(markdown[end - 1]))
        {
            end--;
        }

        return markdown[..end];
    }

    private static AdfDocument Build(string markdown, AdfConversionOptions options)
    {
        var deadline = new ConversionDeadline(options.TimeProvider, options.TimeBudget);
        var source = MarkdigCost.Source(markdown);
        if (source.LineNesting > MarkdigCost.MaxBlockNesting)
        {
            throw TooDeeplyNested();
        }

        if (source.Total > MarkdigCost.Budget)
        {
            throw new AdfConversionRefusedException(AdfConversionFailure.TooComplex, MarkdigGuard.TooComplexMessage(
                source.ReferenceDefinitions >= source.Underlines
                    ? "too many link reference definitions ('[label]: url' lines) in one paragraph"
                    : "too many '===' or '---' lines inside one paragraph",
                source.Total));
        }

        MarkdownDocument parsed;
        try
        {
            parsed = Markdown.Parse(markdown, Pipeline, new MarkdigGuard(deadline, source.Total));
        }
        catch (ArgumentException ex) when (ex.Message.Contains(MarkdigDepthMessage, StringComparison.Ordinal))
        {
            throw TooDeeplyNested();
        }
        catch (Exception ex) when (ex is not (AdfConversionRefusedException or OutOfMemoryException))
        {
            throw Unexpected("parsing the Markdown", ex);
        }

        deadline.Check();
        try
        {
            return new AdfDocument(new AdfRenderer(deadline).Render(parsed));
        }
        catch (InsufficientExecutionStackException)
        {
            throw TooDeeplyNested();
        }
        catch (Exception ex) when (ex is not (AdfConversionRefusedException or OutOfMemoryException))
        {
            throw Unexpected("building the ADF", ex);
        }
    }

    private static AdfConversionRefusedException TooDeeplyNested() => new(AdfConversionFailure.TooDeeplyNested,
        string.Create(CultureInfo.InvariantCulture,
        $"Description has block quotes or lists nested more than {MarkdigCost.MaxBlockNesting} levels deep, more than the Markdown parser (Markdig) accepts. Flatten the nesting."));

    private static AdfConversionRefusedException Unexpected(string step, Exception ex) => new(AdfConversionFailure.Unexpected,
        $"Description could not be converted: {step} failed ({ex.GetType().Name}: {ex.Message}).");
}
