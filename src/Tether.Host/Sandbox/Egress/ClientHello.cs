namespace Tether.Host.Sandbox.Egress;

/// <summary>What the proxy needs from a ClientHello.</summary>
/// <param name="ServerName">The first <c>host_name</c> of the server_name extension, or null when there is none.</param>
/// <param name="EncryptedClientHello">Whether the hello carries ECH, whose outer SNI is not the real destination.</param>
internal sealed record ClientHello(string? ServerName, bool EncryptedClientHello);
