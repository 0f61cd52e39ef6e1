using System.Buffers.Binary;

namespace Tether.Host.Sandbox.Egress;

/// <summary>Big-endian reads over untrusted bytes: each read checks the length first and returns false when short.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _rest = data;

    public readonly int Remaining => _rest.Length;

    public bool Skip(int count)
    {
        if (_rest.Length < count)
        {
            return false;
        }

        _rest = _rest[count..];
        return true;
    }

    public bool Byte(out byte value)
    {
        value = _rest.Length > 0 ? _rest[0] : (byte)0;
        return Skip(1);
    }

    public bool UInt16(out ushort value)
    {
        value = _rest.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(_rest) : (ushort)0;
        return Skip(2);
    }

    /// <summary>A TLS vector: a <paramref name="lengthBytes"/>-byte length (1 or 2), then that many bytes.</summary>
    public bool Vector(int lengthBytes, out ReadOnlySpan<byte> value)
    {
        value = default;
        int length;
        if (lengthBytes == 1)
        {
            if (!Byte(out var b))
            {
                return false;
            }

            length = b;
        }
        else
        {
            if (!UInt16(out var u))
            {
                return false;
            }

            length = u;
        }

        if (_rest.Length < length)
        {
            return false;
        }

        value = _rest[..length];
        _rest = _rest[length..];
        return true;
    }
}
