namespace Tether.Protocol.Noise;

/// <summary>The cipher functions of spec section 12 that this implementation provides.</summary>
internal enum CipherKind
{
    AesGcm,
    ChaChaPoly,
}
