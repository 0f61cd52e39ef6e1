using System.Text.Json;

namespace Tether.Host.Agents.Claude;

/// <summary>The approver's answer to a <see cref="ToolPermissionRequest"/>.</summary>
public sealed record ToolPermissionDecision
{
    /// <summary>What the model reads when a deny carries no message of its own (Claude requires one).</summary>
    public const string DefaultDenyMessage = "Denied by remote approver";

    /// <summary>True to run the call.</summary>
    public required bool Allow { get; init; }

    /// <summary>With a deny: why, in words the model can act on.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// With an allow: the input to run instead of the original (a JSON object). Null runs the original
    /// input, which is what the person approved.
    /// </summary>
    public JsonElement? UpdatedInput { get; init; }

    /// <summary>Run the call as asked.</summary>
    public static ToolPermissionDecision Allowed() => new() { Allow = true };

    /// <summary>Do not run it; the model reads <paramref name="message"/>.</summary>
    public static ToolPermissionDecision Denied(string message) => new() { Allow = false, Message = message };
}
