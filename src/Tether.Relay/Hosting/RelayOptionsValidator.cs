namespace Tether.Relay.Hosting;

/// <summary>Checks <see cref="RelayOptions"/> before anything starts, collecting every error.</summary>
internal static class RelayOptionsValidator
{
    public static IReadOnlyList<string> Validate(RelayOptions options)
    {
        var errors = new List<string>();
        if (options.Urls.Count == 0)
        {
            errors.Add("At least one URL to listen on.");
        }

        if (options.TokenKeys is null || options.TokenKeys.Count == 0)
        {
            errors.Add("At least one token key.");
        }
        else if (options.TokenKeys.Select(k => k.Id).Distinct().Count() != options.TokenKeys.Count)
        {
            errors.Add("Token key ids must be distinct.");
        }

        var l = options.Limits;
        Positive(errors, nameof(l.AuthTimeout), l.AuthTimeout);
        Positive(errors, nameof(l.SlowConsumerTimeout), l.SlowConsumerTimeout);
        Positive(errors, nameof(l.PairingSlotLifetime), l.PairingSlotLifetime);
        Positive(errors, nameof(l.PairingConnectionLifetime), l.PairingConnectionLifetime);
        Positive(errors, nameof(l.CloseTimeout), l.CloseTimeout);
        Positive(errors, nameof(l.SweepInterval), l.SweepInterval);
        AtLeastOne(errors, nameof(l.QueueFrames), l.QueueFrames);
        AtLeastOne(errors, nameof(l.ConnectionsPerAddress), l.ConnectionsPerAddress);
        AtLeastOne(errors, nameof(l.ConnectBurst), l.ConnectBurst);
        AtLeastOne(errors, nameof(l.DevicesPerChannel), l.DevicesPerChannel);
        AtLeastOne(errors, nameof(l.PairingPerChannel), l.PairingPerChannel);
        AtLeastOne(errors, nameof(l.PairingSlotsPerChannel), l.PairingSlotsPerChannel);
        if (!(l.ConnectsPerSecond > 0))
        {
            errors.Add($"{nameof(l.ConnectsPerSecond)} must be positive.");
        }

        if (l.RefreshInterval < TimeSpan.Zero || l.KeepAliveInterval < TimeSpan.Zero || l.KeepAliveTimeout < TimeSpan.Zero || l.RestartSpread < TimeSpan.Zero
            || l.RestartSpread.TotalMilliseconds > int.MaxValue)
        {
            errors.Add("RefreshInterval, KeepAliveInterval, KeepAliveTimeout and RestartSpread must not be negative (RestartSpread under 24 days).");
        }

        return errors;
    }

    private static void Positive(List<string> errors, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive.");
        }
    }

    private static void AtLeastOne(List<string> errors, string name, int value)
    {
        if (value < 1)
        {
            errors.Add($"{name} must be at least 1.");
        }
    }
}
