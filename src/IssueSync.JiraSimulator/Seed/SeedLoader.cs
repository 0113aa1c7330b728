using System.Text.Json;
using System.Text.Json.Serialization;

namespace IssueSync.JiraSimulator.Seed;

/// <summary>Reads seeds from JSON: the embedded default, a file, or a string.</summary>
public static class SeedLoader
{
    private const string DefaultResource = "IssueSync.JiraSimulator.seed.default.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The embedded default seed (the same as <c>seed.default.json</c>).</summary>
    public static SimulatorSeed LoadDefault()
    {
        using var stream = typeof(SeedLoader).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultResource} is missing.");
        return JsonSerializer.Deserialize<SimulatorSeed>(stream, Json)
            ?? throw new InvalidOperationException("The default seed is empty.");
    }

    public static SimulatorSeed LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<SimulatorSeed>(stream, Json)
            ?? throw new InvalidOperationException($"Seed file '{path}' is empty.");
    }

    public static SimulatorSeed Parse(string json) =>
        JsonSerializer.Deserialize<SimulatorSeed>(json, Json) ?? throw new InvalidOperationException("The seed is empty.");

    public static string ToJson(SimulatorSeed seed) => JsonSerializer.Serialize(seed, Json);
}
