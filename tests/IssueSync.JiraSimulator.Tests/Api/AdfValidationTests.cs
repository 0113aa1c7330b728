using System.Text.Json;
using IssueSync.JiraSimulator.Tests.Support;

namespace IssueSync.JiraSimulator.Tests.Api;

/// <summary>ADF checked as strictly as Jira, atlassian-api.md §6: structurally invalid documents get INVALID_INPUT.</summary>
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
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Structurally_invalid_ADF_is_INVALID_INPUT(string description)
    {
        using var response = await CreateWithDescriptionAsync(description);
        await response.AssertBodyAsync(400, """{"errorMessages":["INVALID_INPUT"],"errors":{}}""");
        Assert.Equal(0, _sim.Host.State.Issues.Count);
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
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task Valid_ADF_is_accepted(string description)
    {
        using var response = await CreateWithDescriptionAsync(description);
        await response.AssertStatusAsync(201);
    }
}
