using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tether.Host.Agents;
using Tether.Protocol.Session;

namespace Tether.Host.Sandbox.Egress;

/// <summary>Turns egress denials into the <c>notice</c> the device shows.</summary>
public static class EgressNotices
{
    /// <summary>A warning naming the host, port and reason.</summary>
    public static NoticeMessage For(EgressDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return new NoticeMessage
        {
            Level = "warning",
            Text = $"The sandbox blocked a connection to {denial.Host}:{denial.Port} ({denial.Reason}).",
        };
    }

    /// <summary>
    /// A callback for <see cref="EgressProxyOptions.OnDenied"/> that queues the notice on the session's output,
    /// once per host and reason per minute (<see cref="DenialThrottle"/>). It does not wait: the proxy must not
    /// stall on the device; a failed send is logged.
    /// </summary>
    public static Action<EgressDenial> SendTo(ISessionOutput output, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var log = logger ?? NullLogger.Instance;
        var throttle = new DenialThrottle(time ?? TimeProvider.System);
        return denial =>
        {
            if (throttle.ShouldSend(denial))
            {
                Send(output, denial, log);
            }
        };
    }

    private static void Send(ISessionOutput output, EgressDenial denial, ILogger log) =>
        _ = output.SendAsync(For(denial), CancellationToken.None).ContinueWith(
            t => EgressLog.NoticeFailed(log, t.Exception!),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
}
