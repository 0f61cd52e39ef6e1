using Tether.Protocol.Noise;
using Tether.Protocol.Pairing;
using Tether.Protocol.Relay;

namespace Tether.Client.Pairing;

/// <summary>
/// Checks <c>pair.accepted</c> (docs/protocol.md §8.3) before anything is stored: the channel is a
/// channel id, the relay URL follows §2.2, the certificate verifies under its channel key, is for
/// that channel and for this device's access key and has not lapsed, and the host name is a name.
/// </summary>
internal static class PairingAcceptance
{
    public static PairingGrant Verify(PairingMessage accepted, NoisePublicKey hostKey, DeviceAccessKey accessKey, DateTimeOffset now)
    {
        if (!RelayId.TryParse(accepted.Channel, out var channel))
        {
            throw Refused("its channel is not 32 lowercase hex characters");
        }

        if (!RelayUrlGrammar.IsValid(accepted.Relay))
        {
            throw Refused("its relay URL is not valid");
        }

        var bytes = PairingBase64Url.TryDecode(accepted.Certificate!);
        if (bytes is null || !DeviceCertificate.TryParse(bytes, out var certificate) || certificate is null)
        {
            throw Refused("its certificate does not verify");
        }

        if (certificate.ChannelId != channel)
        {
            throw Refused("its certificate is for another channel");
        }

        if (!certificate.AccessPublicKey.SequenceEqual(accessKey.PublicKey))
        {
            throw Refused("its certificate names another device's key");
        }

        if (certificate.IsExpired(now, TimeSpan.Zero))
        {
            throw Refused("its certificate has lapsed");
        }

        if (!PairingName.IsValid(accepted.HostName))
        {
            throw Refused("its host name is not valid");
        }

        return new PairingGrant(hostKey, channel, accepted.Relay!, certificate, accepted.HostName!);
    }

    private static PairingProtocolException Refused(string why) => new($"The workstation's acceptance was refused: {why}.");
}
