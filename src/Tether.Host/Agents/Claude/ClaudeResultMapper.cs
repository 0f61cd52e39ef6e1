using System.Text.Json;
using Tether.Protocol.Session;

namespace Tether.Host.Agents.Claude;

/// <summary>Turns Claude's <c>result</c> line, which ends every turn, into <c>turn.result</c>.</summary>
internal static class ClaudeResultMapper
{
    // An error text from Claude (an API error, say) is shown in a phone's turn footer; longer is noise.
    private const int MaxErrorChars = 500;

    /// <summary>
    /// <c>success</c> without <c>is_error</c> is done. After an interrupt the error result Claude sends
    /// (<c>error_during_execution</c>) is interrupted. Anything else is an error, named by its subtype
    /// (<c>error_max_turns</c>, …) or, for a failed success, by Claude's result text.
    /// </summary>
    public static TurnResultMessage Map(JsonElement line, ActiveTurn turn, TimeSpan elapsed)
    {
        var subtype = ClaudeEventMapper.Str(line, "subtype");
        var isError = line.TryGetProperty("is_error", out var flag) && flag.ValueKind == JsonValueKind.True;
        var succeeded = subtype == "success" && !isError;
        var outcome = succeeded ? "done" : turn.Interrupting ? "interrupted" : "error";
        string? error = null;
        if (outcome == "error")
        {
            error = subtype == "success" ? ClaudeEventMapper.Str(line, "result") ?? "Claude reported an error" : subtype ?? "unknown";
            if (error.Length > MaxErrorChars)
            {
                error = error[..MaxErrorChars] + "…";
            }
        }

        return new TurnResultMessage
        {
            Turn = turn.Number,
            Outcome = outcome,
            DurationMs = line.TryGetProperty("duration_ms", out var ms) && ms.ValueKind == JsonValueKind.Number && ms.TryGetInt64(out var duration) ? duration : (long)elapsed.TotalMilliseconds,
            CostUsd = line.TryGetProperty("total_cost_usd", out var cost) && cost.ValueKind == JsonValueKind.Number && cost.TryGetDecimal(out var usd) ? usd : null,
            Error = error,
        };
    }
}
