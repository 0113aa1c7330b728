using System.Text.Json;
using IssueSync.Admin.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace IssueSync.Cli.Commands;

/// <summary>
/// The base of every admin API command: resolves <c>--url</c> and <c>--api-key-file</c> (or their environment
/// variables), builds the <see cref="AdminApiClient"/>, and turns API and network failures into one readable line
/// on standard error and an exit code (<see cref="ExitCodes"/>).
/// </summary>
public abstract class ApiCommand<TSettings>(CliServices services) : AsyncCommand<TSettings>
    where TSettings : ApiSettings
{
    /// <summary>The console, streams, clock and HTTP of this run.</summary>
    protected CliServices Services { get; } = services;

    /// <summary>Tables and messages.</summary>
    protected IAnsiConsole Console => Services.Console;

    /// <summary>Now, from <see cref="CliServices.Time"/>.</summary>
    protected DateTimeOffset Now => Services.Time.GetUtcNow();

    /// <inheritdoc />
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var url = settings.Url ?? NonEmpty(Services.GetEnvironmentVariable(ApiSettings.UrlVariable)) ?? ApiSettings.DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            return Error(ExitCodes.Usage, $"'{url}' is not an http:// or https:// URL (--url or {ApiSettings.UrlVariable}).");
        }

        if (settings.ApiKeyOnCommandLine is not null)
        {
            return Error(ExitCodes.Usage, $"--api-key is not accepted: a key on the command line shows in ps and the shell history. Set {ApiSettings.ApiKeyVariable}, or use --api-key-file PATH (- reads standard input).");
        }

        string? apiKey;
        try
        {
            apiKey = settings.ApiKeyFile is { } file ? ReadApiKey(file) : NonEmpty(Services.GetEnvironmentVariable(ApiSettings.ApiKeyVariable));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Error(ExitCodes.Usage, $"the API key file '{settings.ApiKeyFile}' cannot be read ({ex.Message}).");
        }

        if (apiKey is not null && apiKey.Any(char.IsControl))
        {
            return Error(ExitCodes.Usage, $"the API key contains control characters (--api-key-file or {ApiSettings.ApiKeyVariable}).");
        }

        using var http = new HttpClient(Services.CreateHttpHandler(), disposeHandler: true) { Timeout = Services.HttpTimeout };
        var api = new AdminApiClient(http, baseUrl, apiKey);
        try
        {
            return await ExecuteAsync(api, settings, cancellationToken);
        }
        catch (Exception ex) when (ex is AdminApiException or HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ErrorReport.Write(Services.Io.Error, ex, api.BaseUrl, apiKey);
        }
    }

    // The key is the first line of the file (or of standard input for "-"), without the line break an editor adds.
    private string? ReadApiKey(string file)
    {
        var line = file is "-" or CliApp.StdinArgument ? Services.Io.In.ReadLine() : File.ReadLines(file).FirstOrDefault();
        return NonEmpty(line?.Trim());
    }

    /// <summary>Runs the command against the admin API.</summary>
    protected abstract Task<int> ExecuteAsync(AdminApiClient api, TSettings settings, CancellationToken cancellationToken);

    /// <summary>Writes the server's JSON (or any JSON) unwrapped to standard output.</summary>
    protected void WriteJson(string json)
    {
        var writer = Console.Profile.Out.Writer;
        writer.WriteLine(json.Trim());
        writer.Flush();
    }

    /// <summary>Serializes <paramref name="value"/> with the API's options and writes it.</summary>
    protected void WriteJson<T>(T value) => WriteJson(JsonSerializer.Serialize(value, OutputJsonOptions));

    // What the CLI itself prints is read by people and scripts, not embedded in HTML: no \u0027 for quotes.
    private static readonly JsonSerializerOptions OutputJsonOptions = new(AdminApiClient.JsonOptions)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes text unwrapped (URLs must survive copy and paste).</summary>
    protected void WritePlain(string text)
    {
        var writer = Console.Profile.Out.Writer;
        writer.WriteLine(text);
        writer.Flush();
    }

    /// <summary>A next-step line: <paramref name="label"/> and the command to run, unwrapped so it can be copied.</summary>
    protected void WriteHint(string label, string command) => WritePlain($"{label} {command}");

    /// <summary>Writes <c>issuesync: message</c> to standard error and returns <paramref name="exitCode"/>.</summary>
    protected int Error(int exitCode, string message)
    {
        Services.Io.Error.WriteLine($"issuesync: {message}");
        return exitCode;
    }

    /// <summary>
    /// Asks <paramref name="question"/> unless <paramref name="yes"/>. Returns null to go on, or the exit code to
    /// stop with: declined (1), or no terminal to ask on (2, use --yes).
    /// </summary>
    protected async Task<int?> ConfirmAsync(string question, bool yes, CancellationToken cancellationToken)
    {
        if (yes)
        {
            return null;
        }

        if (!Console.Profile.Capabilities.Interactive)
        {
            return Error(ExitCodes.Usage, $"{question.TrimEnd('?')}: this needs confirmation and input is not a terminal; pass --yes.");
        }

        var prompt = new ConfirmationPrompt(Markup.Escape(question)) { DefaultValue = false };
        if (await prompt.ShowAsync(Console, cancellationToken))
        {
            return null;
        }

        return Error(ExitCodes.InvalidInput, "cancelled; nothing was changed.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
