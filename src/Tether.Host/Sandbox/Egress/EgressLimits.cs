namespace Tether.Host.Sandbox.Egress;

/// <summary>Every bound the egress proxy enforces, with the reason for its size.</summary>
internal static class EgressLimits
{
    /// <summary>
    /// The only port a CONNECT may name. The agent needs HTTPS to the API and to package registries; ssh (22),
    /// plain HTTP (80) and anything else would carry traffic the SNI check cannot see.
    /// </summary>
    public const int AllowedPort = 443;

    /// <summary>
    /// A CONNECT line and the few headers clients add (Host, User-Agent, Proxy-Connection) take a few hundred
    /// bytes; 8 KiB is nginx's default large header buffer and keeps a hostile client from making us hold more.
    /// </summary>
    public const int MaxRequestHeadBytes = 8 * 1024;

    /// <summary>A local client writes its CONNECT head at once; one that dribbles is holding a slot, not browsing.</summary>
    public static readonly TimeSpan RequestHeadDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A ClientHello with post-quantum key shares (X25519MLKEM768, about 1.2 KB) and a full extension list is
    /// under 4 KiB; 32 KiB leaves room for large session tickets and still bounds what we buffer per connection.
    /// </summary>
    public const int MaxClientHelloBytes = 32 * 1024;

    /// <summary>The ClientHello follows the 200 immediately; ten seconds covers a loaded machine.</summary>
    public static readonly TimeSpan ClientHelloDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Dialling a vetted address: long enough for a slow path, short enough that the agent sees an error.</summary>
    public static readonly TimeSpan UpstreamConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// A tunnel with no bytes either way for this long is closed. The API's SSE streams send a ping every few
    /// seconds while the model thinks, and registries answer promptly, so five quiet minutes means a leak.
    /// </summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>One agent runs a handful of parallel fetches (npm opens up to 16 sockets); 64 bounds a runaway loop.</summary>
    public const int MaxConcurrentConnections = 64;

    /// <summary>Per-direction copy buffer: one TLS record (16 KiB plaintext plus overhead) fits.</summary>
    public const int SpliceBufferBytes = 17 * 1024;

    /// <summary>DNS names are at most 253 characters (RFC 1035 section 2.3.4, without the trailing dot).</summary>
    public const int MaxHostNameLength = 253;

    /// <summary>RFC 1035 section 2.3.4: a label is at most 63 octets.</summary>
    public const int MaxLabelLength = 63;
}
