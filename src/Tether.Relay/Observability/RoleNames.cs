using Tether.Protocol.Relay;

namespace Tether.Relay.Observability;

/// <summary>How roles appear in logs and metric labels.</summary>
internal static class RoleNames
{
    public static string ToLabel(this RelayRole? role) => role switch
    {
        RelayRole.Host => "host",
        RelayRole.Device => "device",
        RelayRole.Pairing => "pairing",
        _ => "unauthenticated",
    };
}
