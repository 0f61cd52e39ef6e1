namespace Tether.Client.Relay;

/// <summary>A pairing slot the host opened (PAIR_OPEN, docs/protocol.md §7.4), remembered so it is opened again after a reconnect.</summary>
/// <param name="Verifier">SHA-256 of the access code (32 bytes).</param>
/// <param name="Expires">The link's expiry, Unix seconds.</param>
internal sealed record PairingSlot(byte[] Verifier, ulong Expires);
