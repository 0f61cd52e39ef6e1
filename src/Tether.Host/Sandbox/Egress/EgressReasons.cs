namespace Tether.Host.Sandbox.Egress;

/// <summary>The reasons a connection is refused or ends, as written to the egress audit log and the reason header.</summary>
internal static class EgressReasons
{
    public const string ConnectOnly = "connect-only";
    public const string HttpsOnly = "https-only";
    public const string BadRequest = "bad-request";
    public const string HeadTooLarge = "head-too-large";
    public const string HeadTimeout = "head-timeout";
    public const string PortNotAllowed = "port-not-allowed";
    public const string BadHostName = "bad-host-name";
    public const string IpLiteral = "ip-literal";
    public const string NonAsciiName = "non-ascii-name";
    public const string DeniedByRule = "denied-by-rule";
    public const string NotOnAllowlist = "not-on-allowlist";
    public const string ResolveFailed = "resolve-failed";
    public const string ClientHelloTimeout = "client-hello-timeout";
    public const string ClientHelloMalformed = "client-hello-malformed";
    public const string NoSni = "no-sni";
    public const string EncryptedClientHello = "encrypted-client-hello";
    public const string SniMismatch = "sni-mismatch";
    public const string UpstreamUnreachable = "upstream-unreachable";
    public const string TooManyConnections = "too-many-connections";
    public const string Closed = "closed";
    public const string IdleTimeout = "idle-timeout";
}
