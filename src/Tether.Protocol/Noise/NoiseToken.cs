namespace Tether.Protocol.Noise;

/// <summary>The tokens of Noise message patterns (spec section 7.1, and "psk" from section 9.2).</summary>
internal enum NoiseToken
{
    E,
    S,
    EE,
    ES,
    SE,
    SS,
    Psk,
}
