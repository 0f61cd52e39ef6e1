namespace Tether.Host.Agents.Claude;

/// <summary>Checks <see cref="ClaudeAgentOptions"/> before anything runs, and reports every problem at once.</summary>
internal static class ClaudeAgentOptionsValidator
{
    /// <exception cref="ClaudeSetupException">Anything is wrong; the message lists all of it.</exception>
    public static void Validate(ClaudeAgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ProjectPath) || !Directory.Exists(options.ProjectPath))
        {
            errors.Add($"the project directory {options.ProjectPath} does not exist");
        }

        if (ClaudePermissionModes.IsBypass(options.PermissionMode))
        {
            errors.Add(ClaudeErrors.BypassRefused(options.PermissionMode));
        }
        else if (!ClaudePermissionModes.Allowed.Contains(options.PermissionMode, StringComparer.Ordinal))
        {
            errors.Add($"permission mode \"{options.PermissionMode}\" is not supported; use one of {string.Join(", ", ClaudePermissionModes.Allowed)}");
        }

        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add("no state directory was given for the Claude session id");
        }

        if (options.Model is { } model && (model.Length == 0 || model.Any(char.IsControl)))
        {
            errors.Add("the model name is empty or holds control characters");
        }

        foreach (var name in options.Environment.Keys)
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add($"\"{name}\" is not a valid environment variable name");
            }
        }

        if (errors.Count > 0)
        {
            throw new ClaudeSetupException("Claude Code cannot be driven as configured: " + string.Join("; ", errors) + ".");
        }
    }
}
