namespace Tether.Host.Sandbox.Egress;

/// <summary>
/// Decides which denials reach the device: an agent retrying in a loop would otherwise bury the phone in
/// identical warnings. The same host and reason is reported once per <see cref="RepeatWindow"/>; the audit
/// log still gets every attempt.
/// </summary>
internal sealed class DenialThrottle(TimeProvider time)
{
    /// <summary>A person reads one warning per host and reason; a minute later a retry is news again.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);

    /// <summary>Distinct host-and-reason pairs remembered; past this the memory is dropped, not grown (a scan of many names).</summary>
    private const int MaxTracked = 256;

    private readonly Dictionary<(string Host, string Reason), DateTimeOffset> _lastSent = [];
    private readonly Lock _gate = new();

    /// <summary>Whether <paramref name="denial"/> should be sent now (and remembers that it was).</summary>
    public bool ShouldSend(EgressDenial denial)
    {
        var now = time.GetUtcNow();
        var key = (denial.Host, denial.Reason);
        lock (_gate)
        {
            if (_lastSent.TryGetValue(key, out var last) && now - last < RepeatWindow)
            {
                return false;
            }

            if (_lastSent.Count >= MaxTracked)
            {
                _lastSent.Clear();
            }

            _lastSent[key] = now;
            return true;
        }
    }
}
