using System.Text.Json;

namespace Tether.FakeAnthropic;

/// <summary>
/// Tells the CLI's side requests from conversation turns, so that side requests never consume the script.
/// </summary>
/// <remarks>
/// The rule: a request that offers no tools (<c>tools</c> absent or empty) is a side request.
/// Why it holds for claude 2.1.197: its side queries all go through one helper (<c>tO</c>/<c>ASt</c> in the
/// bundle) that sends <c>tools: []</c>, one user message and <c>thinking: {"type":"disabled"}</c>, e.g.
/// <c>tool_use_summary_generation</c> (observed, with <c>CLAUDE_CODE_EMIT_TOOL_USE_SUMMARIES=1</c>),
/// <c>generate_session_title</c>, and the interactive-only quota probe (<c>"quota"</c>, <c>max_tokens: 1</c>,
/// not streamed). Conversation turns, the main loop's and sub-agents', always carry the tool list, and so
/// does <c>/compact</c>'s summary request (it keeps the tools for the prompt cache), which therefore takes a
/// scripted reply.
/// The model is no help: with an API key the side queries observed used the main model (claude-opus-4-8),
/// and both kinds begin their system prompt with the same identity block.
/// A run started with <c>--tools ""</c> would offer no tools in its turns either; scripts cannot drive it.
/// </remarks>
internal static class SideRequests
{
    public static bool IsSide(JsonElement body) =>
        !body.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0;
}
