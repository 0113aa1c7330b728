using System.Text.Json;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>
/// ADF checked as strictly as Jira, docs/atlassian-api.md §6: against the official ADF schema plus the simulator's short list
/// of extra rules; invalid documents get INVALID_INPUT.
/// </summary>
public sealed class AdfValidationTests : IAsyncLifetime
{
    private TestSimulator _sim = null!;
    private Tokens _tokens = null!;

    public async ValueTask InitializeAsync()
    {
        _sim = await TestSimulator.StartAsync();
        _tokens = await _sim.ConnectAsync();
    }

    public async ValueTask DisposeAsync() => await _sim.DisposeAsync();

    private async Task<HttpResponseMessage> CreateWithDescriptionAsync(string descriptionJson)
    {
        var fields = TestSimulator.OpsTask();
        fields["description"] = JsonDocument.Parse(descriptionJson).RootElement.Clone();
        return await _sim.CreateIssueAsync(_tokens.AccessToken, fields);
    }

    public static TheoryData<string> Invalid => new()
    {
        """{"type":"doc","content":[]}""",
        """{"version":2,"type":"doc","content":[]}""",
        """{"version":1,"type":"doc"}""",
        """{"version":1,"type":"doc","content":[],"extra":true}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"blink","content":[]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"sparkle"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"strong"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"textColor","attrs":{"color":"red"}}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"heading","content":[{"type":"text","text":"Title"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"heading","attrs":{"level":7},"content":[{"type":"text","text":"Title"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"codeBlock","content":[{"type":"text","text":"x","marks":[{"type":"strong"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","colour":"blue","content":[{"type":"text","text":"x"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","bold":true}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"bulletList","content":[]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"bulletList","content":[{"type":"paragraph"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"text","text":"top-level text"}]}""",
        """{"version":1,"type":"doc","content":[{"type":"panel","attrs":{"panelType":"danger"},"content":[{"type":"paragraph"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"mention","attrs":{}}]}]}""",

        // Rules of the official schema the hand-written validator did not have.
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"status","attrs":{"text":"","color":"green"}}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"hardBreak","attrs":{"text":"x"}}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"table","attrs":{"layout":"sideways"},"content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"paragraph"}]}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","marks":[{"type":"strong"}],"content":[{"type":"text","text":"x"}]}]}""",
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Structurally_invalid_ADF_is_INVALID_INPUT(string description)
    {
        using var response = await CreateWithDescriptionAsync(description);
        await response.AssertBodyAsync(400, """{"errorMessages":["INVALID_INPUT"],"errors":{}}""");
        Assert.Equal(0, _sim.Host.State.Issues.Count);
    }

    /// <summary>Valid by the official schema, refused by the simulator's extra rules (<c>JiraAdfRules</c>).</summary>
    public static TheoryData<string> RefusedBeyondTheSchema => new()
    {
        // Beyond the schema: node and mark types outside what Jira fields render.
        """{"version":1,"type":"doc","content":[{"type":"expand","attrs":{"title":"More"},"content":[{"type":"paragraph"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"taskList","attrs":{"localId":"t"},"content":[{"type":"taskItem","attrs":{"localId":"i","state":"TODO"},"content":[{"type":"text","text":"do"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"annotation","attrs":{"id":"a","annotationType":"inlineComment"}}]}]}]}""",

        // Beyond the schema: unsafe or relative link targets, and a mark twice.
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"data:text/html,<script>alert(1)</script>"}}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"VBScript:msgbox"}}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"/browse/OPS-1"}}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"inlineCard","attrs":{"url":"javascript:void(0)"}}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"strong"},{"type":"strong"}]}]}]}""",
    };

    [Theory]
    [MemberData(nameof(RefusedBeyondTheSchema))]
    public async Task Schema_valid_documents_outside_Jira_s_rules_are_INVALID_INPUT(string description)
    {
        using var document = JsonDocument.Parse(description);
        Assert.True(IssueSync.JiraSimulator.Adf.AdfSchema.Accepts(document.RootElement), "the official schema should accept it: the case tests the extra rules");
        using var response = await CreateWithDescriptionAsync(description);
        await response.AssertBodyAsync(400, """{"errorMessages":["INVALID_INPUT"],"errors":{}}""");
    }

    public static TheoryData<string> Valid => new()
    {
        """{"version":1,"type":"doc","content":[]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph"}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"code"},{"type":"link","attrs":{"href":"https://example.com"}}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"b","marks":[{"type":"strong"},{"type":"em"},{"type":"textColor","attrs":{"color":"#ff0000"}}]},{"type":"hardBreak"},{"type":"mention","attrs":{"id":"5b10ac8d82e05b22cc7d4ef5","text":"@Demo"}}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Title"}]},{"type":"rule"}]}""",
        """{"version":1,"type":"doc","content":[{"type":"codeBlock","attrs":{"language":"csharp"},"content":[{"type":"text","text":"var x = 1;\nvar y = 2;"}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"one"}]},{"type":"orderedList","attrs":{"order":3},"content":[{"type":"listItem","content":[{"type":"paragraph"}]}]}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"q"}]}]},{"type":"panel","attrs":{"panelType":"warning"},"content":[{"type":"paragraph","content":[{"type":"text","text":"p"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"h"}]}]},{"type":"tableCell","attrs":{"colspan":1},"content":[{"type":"paragraph"}]}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"mail","marks":[{"type":"link","attrs":{"href":"mailto:ops@example.com"}}]},{"type":"inlineCard","attrs":{"url":"https://acme.atlassian.net/browse/OPS-1"}},{"type":"status","attrs":{"text":"DONE","color":"#00ff00"}},{"type":"emoji","attrs":{"shortName":":rocket:","text":"🚀"}},{"type":"date","attrs":{"timestamp":"1767225600000"}}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","marks":[{"type":"alignment","attrs":{"align":"center"}}],"content":[{"type":"text","text":"centred","marks":[{"type":"subsup","attrs":{"type":"sup"}},{"type":"backgroundColor","attrs":{"color":"#ffee00"}},{"type":"underline"},{"type":"strike"}]}]},{"type":"heading","attrs":{"level":6},"marks":[{"type":"indentation","attrs":{"level":2}}],"content":[{"type":"text","text":"h6"}]}]}""",
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task Valid_ADF_is_accepted(string description)
    {
        using var response = await CreateWithDescriptionAsync(description);
        await response.AssertStatusAsync(201);
    }

    /// <summary>More schema-level cases: nodes outside Jira's set, nesting, and tuple-shaped content.</summary>
    public static TheoryData<string> SchemaOnly => new()
    {
        """{"version":1,"type":"doc","content":[{"type":"mediaSingle","attrs":{"layout":"center"},"content":[{"type":"media","attrs":{"type":"file","id":"f1","collection":"c"}}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"mediaSingle","attrs":{"layout":"center"},"content":[{"type":"media","attrs":{"type":"file","id":"f1","collection":"c"}},{"type":"caption","content":[{"type":"text","text":"cap"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"mediaSingle","attrs":{"layout":"center"},"content":[{"type":"caption","content":[{"type":"text","text":"cap"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"layoutSection","content":[{"type":"layoutColumn","attrs":{"width":50},"content":[{"type":"paragraph"}]},{"type":"layoutColumn","attrs":{"width":50},"content":[{"type":"paragraph"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"deep","marks":[{"type":"em"}]}]}]}]}]}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"table","content":[{"type":"tableRow","content":[{"type":"tableCell","content":[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":""}]}]}]}]}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"expand","attrs":{"title":"t"},"content":[{"type":"expand","attrs":{"title":"nested"},"content":[{"type":"paragraph"}]}]}]}""",
        """{"version":1,"type":"doc","content":[{"type":"decisionList","attrs":{"localId":"d"},"content":[{"type":"decisionItem","attrs":{"localId":"i","state":"DECIDED"},"content":[{"type":"text","text":"yes"}]}]}]}""",
        """[1,2,3]""",
        """{"version":1,"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":1}}]}]}]}""",
    };

    [Fact]
    public void Node_by_node_evaluation_agrees_with_the_whole_schema()
    {
        var corpus = Invalid.Concat(RefusedBeyondTheSchema).Concat(Valid).Concat(SchemaOnly).Select(row => row.Data).ToList();
        var verdicts = new HashSet<bool>();
        foreach (var json in corpus)
        {
            using var document = JsonDocument.Parse(json);
            var whole = IssueSync.JiraSimulator.Adf.AdfSchema.AcceptsWhole(document.RootElement);
            Assert.True(whole == IssueSync.JiraSimulator.Adf.AdfSchema.Accepts(document.RootElement), $"The whole schema says {whole} for {json}");
            verdicts.Add(whole);
        }

        Assert.Equal(2, verdicts.Count);
    }

    [Fact]
    public void Node_by_node_evaluation_gives_the_same_verdicts_from_many_threads()
    {
        var corpus = Invalid.Concat(RefusedBeyondTheSchema).Concat(Valid).Select(row => row.Data).ToList();
        var expected = corpus.Select(json => IssueSync.JiraSimulator.Adf.AdfSchema.Accepts(JsonDocument.Parse(json).RootElement)).ToList();
        var mismatches = 0;
        Parallel.For(0, corpus.Count * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var document = JsonDocument.Parse(corpus[i % corpus.Count]);
            if (IssueSync.JiraSimulator.Adf.AdfSchema.Accepts(document.RootElement) != expected[i % corpus.Count])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
        Assert.Contains(true, expected);
        Assert.Contains(false, expected);
    }
}
