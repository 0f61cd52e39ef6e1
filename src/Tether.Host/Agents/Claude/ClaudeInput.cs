using System.Text.Json;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// The lines Tether writes to Claude's stdin, member for member as the reference captured them
/// (shared/reference/claude-code-headless.md §2).
/// </summary>
internal static class ClaudeInput
{
    /// <summary><c>{"type":"user","session_id":"","message":{"role":"user","content":…},"parent_tool_use_id":null}</c>; Claude ignores the session id sent.</summary>
    public static Action<Utf8JsonWriter> Prompt(string text) => json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "user");
        json.WriteString("session_id", string.Empty);
        json.WriteStartObject("message");
        json.WriteString("role", "user");
        json.WriteString("content", text);
        json.WriteEndObject();
        json.WriteNull("parent_tool_use_id");
        json.WriteEndObject();
    };

    /// <summary>Allow: <c>updatedInput</c> is required (without it Claude turns the answer into a deny, pitfall 2).</summary>
    public static Action<Utf8JsonWriter> Allow(string requestId, JsonElement updatedInput) => Success(requestId, json =>
    {
        json.WriteStartObject("response");
        json.WriteString("behavior", "allow");
        json.WritePropertyName("updatedInput");
        updatedInput.WriteTo(json);
        json.WriteEndObject();
    });

    /// <summary>Deny: <c>message</c> is required; the model reads it as the tool's error result.</summary>
    public static Action<Utf8JsonWriter> Deny(string requestId, string message) => Success(requestId, json =>
    {
        json.WriteStartObject("response");
        json.WriteString("behavior", "deny");
        json.WriteString("message", message);
        json.WriteEndObject();
    });

    /// <summary>Refuses a control request Tether does not serve, so nothing in Claude waits for it.</summary>
    public static Action<Utf8JsonWriter> Error(string requestId, string error) => json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "control_response");
        json.WriteStartObject("response");
        json.WriteString("subtype", "error");
        json.WriteString("request_id", requestId);
        json.WriteString("error", error);
        json.WriteEndObject();
        json.WriteEndObject();
    };

    /// <summary>Stops the running turn; Claude withdraws pending approvals with control_cancel_request.</summary>
    public static Action<Utf8JsonWriter> Interrupt(string requestId) => json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "control_request");
        json.WriteString("request_id", requestId);
        json.WriteStartObject("request");
        json.WriteString("subtype", "interrupt");
        json.WriteEndObject();
        json.WriteEndObject();
    };

    private static Action<Utf8JsonWriter> Success(string requestId, Action<Utf8JsonWriter> response) => json =>
    {
        json.WriteStartObject();
        json.WriteString("type", "control_response");
        json.WriteStartObject("response");
        json.WriteString("subtype", "success");
        json.WriteString("request_id", requestId);
        response(json);
        json.WriteEndObject();
        json.WriteEndObject();
    };
}
