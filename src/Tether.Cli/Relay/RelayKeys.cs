using System.Globalization;
using Tether.Protocol.Relay;

namespace Tether.Cli.Relay;

/// <summary>
/// The relay's token keys from a keys file or <c>TETHER_RELAY_KEYS</c>: one key a line,
/// <c>id base64secret</c>, the first line the current (signing) key. Blank lines and lines starting
/// with <c>#</c> are skipped. Every node of a deployment reads the same keys (docs/operations.md).
/// </summary>
internal static class RelayKeys
{
    public const string EnvironmentVariable = "TETHER_RELAY_KEYS";

    /// <summary>Reads a keys file, refusing one that others than its owner may read.</summary>
    /// <exception cref="RelayKeysException">The file is missing, too open, or has a bad line.</exception>
    public static IReadOnlyList<RelayTokenKey> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new RelayKeysException($"The keys file {path} does not exist.");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & Others) != 0)
            {
                throw new RelayKeysException($"The keys file {path} can be read or changed by other users; the keys are secrets. Fix it with: chmod 600 {path}");
            }
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses keys from text; lines may also be separated by ';' (handy in an environment variable).</summary>
    /// <exception cref="RelayKeysException">A line is malformed, an id repeats, or there is no key.</exception>
    public static IReadOnlyList<RelayTokenKey> Parse(string text, string source)
    {
        var keys = new List<RelayTokenKey>();
        var lines = text.Split(['\n', ';']);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var key = ParseLine(line, source, i + 1);
            if (keys.Any(k => k.Id == key.Id))
            {
                throw new RelayKeysException($"{source}, line {i + 1}: key id {key.Id} appears twice.");
            }

            keys.Add(key);
        }

        return keys.Count > 0 ? keys : throw new RelayKeysException($"{source} holds no key.");
    }

    private static RelayTokenKey ParseLine(string line, string source, int number)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new RelayKeysException($"{source}, line {number}: expected \"<id 0-255> <base64 secret>\".");
        }

        var secret = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], secret, out var length))
        {
            throw new RelayKeysException($"{source}, line {number}: the secret is not base64.");
        }

        if (length < RelayTokenKey.MinSecretLength)
        {
            throw new RelayKeysException($"{source}, line {number}: the secret is {length} bytes; at least {RelayTokenKey.MinSecretLength} are needed (openssl rand -base64 32).");
        }

        try
        {
            return new RelayTokenKey(id, secret.AsSpan(0, length));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }
}
