using System.Security.Cryptography;
using Tether.Protocol.Relay;

namespace Tether.Client.Relay;

/// <summary>A pairing peer's credential: the one-time access code (HELLO kind 4). The client sends it once.</summary>
internal sealed class PairingCredential : RelayCredential
{
    private readonly byte[] _accessCode;

    public PairingCredential(RelayId channel, ReadOnlySpan<byte> accessCode)
        : base(RelayRole.Pairing, channel)
    {
        if (accessCode.Length != PairingAccessCode.Length)
        {
            throw new ArgumentException($"A pairing access code is {PairingAccessCode.Length} bytes.", nameof(accessCode));
        }

        _accessCode = GC.AllocateArray<byte>(PairingAccessCode.Length, pinned: true);
        accessCode.CopyTo(_accessCode);
    }

    internal override byte[] CreateHello(ReadOnlySpan<byte> nonce)
    {
        var hello = RelayFrames.Hello(RelayRole.Pairing, HelloKind.PairingAccess, _accessCode);
        // The code works once (§7.4); forget it as soon as it has been used.
        CryptographicOperations.ZeroMemory(_accessCode);
        return hello;
    }
}
