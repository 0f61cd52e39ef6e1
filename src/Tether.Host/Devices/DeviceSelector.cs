using System.Globalization;

namespace Tether.Host.Devices;

/// <summary>
/// Picks the device a user means by what they typed: its name (any case), its id, or a prefix of its
/// fingerprint with or without the spaces. Only devices that are not revoked can be picked.
/// </summary>
internal static class DeviceSelector
{
    /// <summary>One fingerprint group: shorter prefixes match too easily to be what someone meant.</summary>
    public const int MinPrefixLength = 4;

    public static PairedDevice Select(IReadOnlyList<PairedDevice> devices, string selector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        var active = devices.Where(d => !d.IsRevoked).ToList();
        var typed = selector.Trim();

        var byName = active.Where(d => string.Equals(d.Name, typed, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byName.Count == 1)
        {
            return byName[0];
        }

        var hex = typed.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var byPrefix = hex.Length >= MinPrefixLength && hex.All(char.IsAsciiHexDigit)
            ? active.Where(d => d.Id.StartsWith(hex, StringComparison.Ordinal)).ToList()
            : [];
        return byPrefix.Count switch
        {
            1 => byPrefix[0],
            0 => throw new DeviceNotFoundException(NotFound(active, typed)),
            _ => throw new AmbiguousDeviceException(Ambiguous(byPrefix, typed)),
        };
    }

    private static string NotFound(List<PairedDevice> active, string typed) =>
        active.Count == 0
            ? $"No device matches '{typed}': this project has no paired devices."
            : $"No device matches '{typed}' by name or fingerprint (at least {MinPrefixLength} hex digits). Paired devices:{List(active)}";

    private static string Ambiguous(List<PairedDevice> candidates, string typed) =>
        string.Create(CultureInfo.InvariantCulture, $"'{typed}' matches {candidates.Count} devices; type more of the fingerprint or the name:{List(candidates)}");

    private static string List(IEnumerable<PairedDevice> devices) =>
        string.Concat(devices.Select(d => $"{Environment.NewLine}  {d.Fingerprint}  {d.Name}"));
}
