namespace Tether.Host.Approvals;

/// <summary>
/// The modes a remote session may run in. Bypass modes and <c>acceptEdits</c> are not among them: a
/// session driven from a phone never runs a write or a command without asking (invariant 4).
/// </summary>
public enum PermissionMode
{
    /// <summary>Writes, edits and commands are asked.</summary>
    Default,

    /// <summary>Read and plan only: the engine denies every write, edit and command, whatever the device says.</summary>
    Plan,
}

/// <summary>Parsing of <see cref="PermissionMode"/> with the reasons for refusing the others.</summary>
public static class PermissionModes
{
    /// <summary>The mode named <paramref name="text"/> as Claude Code spells it; false with a reason for anything else.</summary>
    public static bool TryParse(string text, out PermissionMode mode, out string error)
    {
        error = string.Empty;
        switch (text)
        {
            case "default":
                mode = PermissionMode.Default;
                return true;
            case "acceptEdits":
                mode = default;
                error = "'acceptEdits' is refused for remote sessions: Claude Code would edit files without asking, and every write must be approved on a paired device (or allowed by a session rule the device granted). Use default or plan.";
                return false;
            case "plan":
                mode = PermissionMode.Plan;
                return true;
            case "bypassPermissions" or "dontAsk" or "dangerously-skip-permissions":
                mode = default;
                error = $"'{text}' is refused for remote sessions: every write and command must be approved on a paired device. Use default or plan.";
                return false;
            default:
                mode = default;
                error = $"unknown permission mode '{text}': use default or plan.";
                return false;
        }
    }

    /// <summary>The name Claude Code's <c>--permission-mode</c> takes.</summary>
    public static string ToFlag(this PermissionMode mode) => mode switch
    {
        PermissionMode.Plan => "plan",
        _ => "default",
    };
}
