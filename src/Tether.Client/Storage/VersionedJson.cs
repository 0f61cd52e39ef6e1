using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tether.Client.Storage;

/// <summary>
/// Key store documents: a JSON object with a <c>version</c> number, read and written through a source
/// generated <see cref="JsonTypeInfo{T}"/> on top of <see cref="SecureFile"/>. The version is read
/// first, so that a file from a newer Tether is reported as such rather than as garbage.
/// </summary>
public static class VersionedJson
{
    private const string VersionProperty = "version";

    /// <summary>
    /// Reads a document, or null if the file does not exist. Anything else that is not a well-formed
    /// document of <paramref name="version"/> throws; nothing is ever replaced.
    /// </summary>
    /// <exception cref="KeyStoreCorruptException">The file cannot be read, is not JSON, has another version or misses fields.</exception>
    /// <exception cref="InsecurePermissionsException">The file or a directory above it is too open, a link, or another user's.</exception>
    public static T? ReadIfExists<T>(string root, string path, int version, JsonTypeInfo<T> typeInfo, string removalCost)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var bytes = SecureFile.ReadIfExists(root, path, removalCost);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return Parse(bytes, path, version, typeInfo, removalCost);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Serializes <paramref name="document"/> and replaces the file atomically (<see cref="SecureFile.WriteAtomic"/>).</summary>
    /// <exception cref="KeyStoreWriteException">Writing failed; the old file is intact.</exception>
    public static void Write<T>(string root, string path, T document, JsonTypeInfo<T> typeInfo)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, typeInfo);
        try
        {
            SecureFile.WriteAtomic(root, path, bytes);
        }
        finally
        {
            // The document may hold private keys in base64.
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static T Parse<T>(byte[] bytes, string path, int version, JsonTypeInfo<T> typeInfo, string removalCost)
    {
        int found;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(VersionProperty, out var element)
                || !element.TryGetInt32(out found))
            {
                throw StorageErrors.Corrupt(path, "it has no version number", removalCost);
            }
        }
        catch (JsonException e)
        {
            throw StorageErrors.Corrupt(path, "it is not valid JSON (" + Where(e) + ")", removalCost);
        }

        if (found != version)
        {
            throw StorageErrors.Corrupt(path, found > version
                ? $"it has version {found}, and this Tether knows only version {version} (was it written by a newer Tether? Upgrade this one)"
                : $"it has version {found}, which this Tether does not read", removalCost);
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, typeInfo) ?? throw StorageErrors.Corrupt(path, "it holds null", removalCost);
        }
        catch (JsonException e)
        {
            throw StorageErrors.Corrupt(path, "a field is missing or malformed (" + Where(e) + ")", removalCost);
        }
    }

    // Only the position, and the JsonException is not kept as the inner exception: its message can quote
    // the offending text, which may be key material.
    private static string Where(JsonException e) =>
        FormattableString.Invariant($"at {e.Path ?? "$"}, line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
}
