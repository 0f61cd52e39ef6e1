namespace Tether.Host.Trust;

/// <summary>Whether a scan may run the agent.</summary>
public enum TrustState
{
    /// <summary>Nothing in the workspace needs trust.</summary>
    NothingToTrust,

    /// <summary>The user accepted exactly these files.</summary>
    Trusted,

    /// <summary>There are findings and the user never accepted any (or revoked).</summary>
    NotTrusted,

    /// <summary>The user accepted an earlier state; a scanned file was changed, added or removed since.</summary>
    ChangedSinceTrust,
}
