using System.Buffers;
using System.Globalization;
using Markdig;
using Markdig.Parsers;
using Markdig.Syntax;

namespace IssueSync.Jira.Adf;

/// <summary>
/// Keeps Markdig's inline parsing within <see cref="MarkdigCost.Budget"/>. Markdig parses all blocks first and all
/// inlines after; as each paragraph or heading closes, its text is estimated, and once the conversion's total is over
/// the budget the parse is abandoned, before any inline parsing has started.
/// </summary>
internal sealed class MarkdigGuard(ConversionDeadline deadline, long spent) : MarkdownParserContext
{
    private InlineCost _inline;

    /// <summary>Registers the check on every block parser of a pipeline (added last, after the other extensions).</summary>
    public sealed class Extension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
            foreach (var parser in pipeline.BlockParsers)
            {
                parser.Closed += OnClosed;
            }
        }

        public void Setup(MarkdownPipeline pipeline, Markdig.Renderers.IMarkdownRenderer renderer)
        {
        }
    }

    private static void OnClosed(BlockProcessor processor, Block block)
    {
        if (processor.Context is MarkdigGuard guard && block is LeafBlock { ProcessInlines: true } leaf)
        {
            guard.Charge(leaf);
        }
    }

    private void Charge(LeafBlock leaf)
    {
        deadline.Check();
        var lines = leaf.Lines;
        var length = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            length += lines.Lines[i].Slice.Length + 1;
        }

        // The text exactly as the inline parser will see it: the lines joined by \n.
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, length));
        try
        {
            var at = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    buffer[at++] = '\n';
                }

                var slice = lines.Lines[i].Slice;
                slice.AsSpan().CopyTo(buffer.AsSpan(at));
                at += slice.Length;
            }

            _inline += MarkdigCost.Inline(buffer.AsSpan(0, at));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        if (spent + _inline.Total > MarkdigCost.Budget)
        {
            throw new AdfConversionRefusedException(AdfConversionFailure.TooComplex, TooComplexMessage(Cause(_inline), spent + _inline.Total));
        }
    }

    /// <summary>The refusal for Markdown estimated at <paramref name="steps"/>, naming what makes it expensive.</summary>
    public static string TooComplexMessage(string cause, long steps) => string.Create(CultureInfo.InvariantCulture,
        $"Description is too costly to parse as Markdown: {cause} (about {steps:N0} parser steps; the limit is {MarkdigCost.Budget:N0}). No ordinary description does this; check what produced it, or send it as ADF.");

    // The construct that costs the most.
    private static string Cause(InlineCost cost)
    {
        var largest = Math.Max(Math.Max(cost.NestingWalks, cost.LinkTails), Math.Max(cost.Autolinks, cost.PipeTables));
        return largest == cost.LinkTails ? "too many inline links left unclosed ('](' followed by long unbroken text)"
            : largest == cost.Autolinks ? "too many web addresses (http://, www.) inside long unbroken text"
            : largest == cost.PipeTables ? "too many table pipes ('|') inside links or after colons in one paragraph"
            : "too many emphasis markers (*, _, ~~) and brackets left open in one paragraph";
    }
}
