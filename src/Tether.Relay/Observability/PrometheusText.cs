using System.Globalization;
using System.Text;
using Tether.Protocol.Relay;
using Tether.Relay.Auth;
using Tether.Relay.Limits;

namespace Tether.Relay.Observability;

/// <summary>Renders <see cref="RelayMetrics"/> in the Prometheus text exposition format (version 0.0.4).</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] ConnectionLabels = ["unauthenticated", "host", "device", "pairing"];

    public static string Render(RelayMetrics m)
    {
        var w = new StringBuilder(4096);
        Header(w, "tether_relay_connections", "gauge", "Open WebSocket connections, by role.");
        for (var i = 0; i < ConnectionLabels.Length; i++)
        {
            Line(w, "tether_relay_connections", $"role=\"{ConnectionLabels[i]}\"", m.Connections(i));
        }

        Header(w, "tether_relay_channels", "gauge", "Channels with at least one connection on this node.");
        Line(w, "tether_relay_channels", null, m.Channels);

        Header(w, "tether_relay_connections_accepted_total", "counter", "WebSocket connections accepted.");
        Line(w, "tether_relay_connections_accepted_total", null, m.Accepts);

        Header(w, "tether_relay_frames_total", "counter", "Frames, by direction (in: from clients; out: to clients).");
        Line(w, "tether_relay_frames_total", "direction=\"in\"", m.FramesIn);
        Line(w, "tether_relay_frames_total", "direction=\"out\"", m.FramesOut);

        Header(w, "tether_relay_bytes_total", "counter", "Frame bytes, by direction.");
        Line(w, "tether_relay_bytes_total", "direction=\"in\"", m.BytesIn);
        Line(w, "tether_relay_bytes_total", "direction=\"out\"", m.BytesOut);

        Header(w, "tether_relay_disconnects_total", "counter", "Closed connections, by close reason (docs/protocol.md 7.5).");
        for (var r = RelayCloseReason.Normal; r <= RelayCloseReason.Lost; r++)
        {
            Line(w, "tether_relay_disconnects_total", $"reason=\"{r.ToName()}\"", m.Disconnects(r));
        }

        Header(w, "tether_relay_auth_failures_total", "counter", "Refused HELLOs, by reason.");
        for (var f = (AuthFailure)0; (int)f < AuthFailures.Count; f++)
        {
            Line(w, "tether_relay_auth_failures_total", $"reason=\"{f.ToName()}\"", m.AuthFailureCount(f));
        }

        Header(w, "tether_relay_refused_total", "counter", "Requests refused before the WebSocket upgrade, by reason.");
        for (var r = (Refusal)0; (int)r < Refusals.Count; r++)
        {
            Line(w, "tether_relay_refused_total", $"reason=\"{r.ToName()}\"", m.RefusalCount(r));
        }

        Header(w, "tether_relay_dropped_frames_total", "counter", "DATA frames dropped, by reason (no-peer: the addressee is not connected).");
        Line(w, "tether_relay_dropped_frames_total", "reason=\"no-peer\"", m.DroppedNoPeerCount);

        Header(w, "tether_relay_refresh_ignored_total", "counter", "REFRESH frames ignored for coming too soon.");
        Line(w, "tether_relay_refresh_ignored_total", null, m.RefreshIgnoredCount);

        Histogram(w, m.QueueDelay);
        return w.ToString();
    }

    private static void Histogram(StringBuilder w, QueueDelayHistogram h)
    {
        const string Name = "tether_relay_queue_delay_seconds";
        Header(w, Name, "histogram", "Time frames wait in a connection's send queue.");
        var buckets = h.Buckets();
        long cumulative = 0;
        for (var i = 0; i < QueueDelayHistogram.Bounds.Length; i++)
        {
            cumulative += buckets[i];
            Line(w, Name + "_bucket", $"le=\"{QueueDelayHistogram.Bounds[i].ToString(CultureInfo.InvariantCulture)}\"", cumulative);
        }

        cumulative += buckets[^1];
        Line(w, Name + "_bucket", "le=\"+Inf\"", cumulative);
        w.Append(CultureInfo.InvariantCulture, $"{Name}_sum {h.SumSeconds.ToString("R", CultureInfo.InvariantCulture)}\n");
        Line(w, Name + "_count", null, h.Count);
    }

    private static void Header(StringBuilder w, string name, string type, string help) =>
        w.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static void Line(StringBuilder w, string name, string? labels, long value)
    {
        if (labels is null)
        {
            w.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
        }
        else
        {
            w.Append(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value}\n");
        }
    }
}
