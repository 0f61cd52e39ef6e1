namespace Tether.Host.Trust;

/// <summary>How much a finding could do, ordered so that a larger value is worse.</summary>
public enum TrustSeverity
{
    /// <summary>Prompt-level influence only: text the agent reads and may follow.</summary>
    Info,

    /// <summary>Changes the agent's behaviour or environment, without running code by itself.</summary>
    Medium,

    /// <summary>Runs code or sends data in some configurations, or hides content from this scan.</summary>
    High,

    /// <summary>Runs code, moves the API endpoint or bypasses approvals as soon as Claude loads it.</summary>
    Critical,
}
