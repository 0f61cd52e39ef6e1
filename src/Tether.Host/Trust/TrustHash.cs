using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tether.Host.Trust;

/// <summary>
/// The pin of a trust decision: SHA-256 over every scanned entry in path order, each as
/// kind, length-prefixed path, length and content hash. Length prefixes keep two different
/// sets of files from ever encoding to the same bytes.
/// </summary>
internal static class TrustHash
{
    public static string Compute(IReadOnlyList<ScannedEntry> entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        foreach (var entry in entries.OrderBy(e => e.RelativePath, StringComparer.Ordinal))
        {
            var path = Encoding.UTF8.GetBytes(entry.RelativePath);
            hash.AppendData([(byte)entry.Kind]);
            BinaryPrimitives.WriteInt64BigEndian(number, path.Length);
            hash.AppendData(number);
            hash.AppendData(path);
            BinaryPrimitives.WriteInt64BigEndian(number, entry.Length);
            hash.AppendData(number);
            hash.AppendData(entry.ContentSha256);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
