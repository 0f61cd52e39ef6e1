using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Tether.Host.Sandbox.Credentials;

/// <summary>
/// The real API key, held by the host only. It never prints (<see cref="ToString"/> names the type), is read
/// from an environment variable named in configuration (never from argv), and is zeroed on dispose.
/// </summary>
[DebuggerDisplay("ApiKey (hidden)")]
public sealed class ApiKey : IDisposable
{
    private readonly byte[] _utf8;
    private bool _disposed;

    private ApiKey(byte[] utf8) => _utf8 = utf8;

    /// <summary>Reads the key from the environment variable <paramref name="variableName"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable is unset or empty (the message names the variable, not a value).</exception>
    public static ApiKey FromEnvironment(string variableName)
    {
        var value = Environment.GetEnvironmentVariable(variableName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"The environment variable {variableName} holds no API key; the credential injector needs it.");
        }

        return new ApiKey(Encoding.UTF8.GetBytes(value.Trim()));
    }

    /// <summary>The key as the header value, made only at the moment a request is forwarded.</summary>
    internal string Reveal()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Encoding.UTF8.GetString(_utf8);
    }

    /// <summary>Zeroes the key's bytes.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_utf8);
        _disposed = true;
    }

    /// <summary>The type name only: a key must never reach a log line or an exception message.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => nameof(ApiKey);
}
