using Microsoft.Extensions.Options;

namespace IssueSync.JiraSimulator;

/// <summary>Checks <see cref="SimulatorOptions"/> at start.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = new List<string>();
        if (options.PublicBaseUrl is { IsAbsoluteUri: false })
        {
            errors.Add("Simulator:PublicBaseUrl must be an absolute URL.");
        }

        if (options.SeedPath is { Length: > 0 } path && options.Seed is null && !File.Exists(path))
        {
            errors.Add($"Simulator:SeedPath '{path}' does not exist.");
        }

        errors.AddRange(SimulatorSettings.FromOptions(options).Validate());
        errors.AddRange(options.Faults.Validate());
        if (options.RefreshTokenInactivityLifetime <= TimeSpan.Zero || options.RefreshTokenAbsoluteLifetime <= TimeSpan.Zero)
        {
            errors.Add("Simulator refresh-token lifetimes must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
