namespace Tether.Host.Approvals;

/// <summary>
/// The modes a remote session may run in. Bypass modes are not among them: a session driven from a
/// phone never runs tools without asking (architecture, approval semantics).
/// </summary>
public enum PermissionMode
{
    /// <summary>Writes, edits and commands are asked.</summary>
    Default,

    /// <summary>Claude Code itself lets edits inside the project through; commands are still asked.</summary>
    AcceptEdits,

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
                mode = PermissionMode.AcceptEdits;
                return true;
            case "plan":
                mode = PermissionMode.Plan;
                return true;
            case "bypassPermissions" or "dontAsk" or "dangerously-skip-permissions":
                mode = default;
                error = $"'{text}' is refused for remote sessions: every write and command must be approved on a paired device. Use default, acceptEdits or plan.";
                return false;
            default:
                mode = default;
                error = $"unknown permission mode '{text}': use default, acceptEdits or plan.";
                return false;
        }
    }

    /// <summary>The name Claude Code's <c>--permission-mode</c> takes.</summary>
    public static string ToFlag(this PermissionMode mode) => mode switch
    {
        PermissionMode.AcceptEdits => "acceptEdits",
        PermissionMode.Plan => "plan",
        _ => "default",
    };
}
