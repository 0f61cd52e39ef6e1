using System.Diagnostics.CodeAnalysis;

namespace Tether.Protocol.Rekey;

/// <summary>
/// The rekey budget of docs/protocol.md §5: a sending key is replaced after <see cref="MaxRecords"/>
/// records or <see cref="MaxAgeSeconds"/> seconds, whichever comes first. Values outside the allowed
/// ranges are refused when the options are made (each <c>init</c> checks its own value), so an
/// instance is always valid. Use <see cref="TryCreate"/> to validate configuration and get every
/// error at once.
/// </summary>
public sealed record RekeyOptions
{
    /// <summary>Default for <see cref="MaxRecords"/>: 10,000 records per key.</summary>
    public const int DefaultMaxRecords = 10_000;

    /// <summary>At least one record per key, or no record could ever be sent.</summary>
    public const int MinMaxRecords = 1;

    /// <summary>At most 1,000,000 records per key, so a long session still rekeys regularly.</summary>
    public const int MaxMaxRecords = 1_000_000;

    /// <summary>Default for <see cref="MaxAgeSeconds"/>: 600 seconds (10 minutes).</summary>
    public const int DefaultMaxAgeSeconds = 600;

    /// <summary>Ages are whole seconds, so 1 second is the shortest budget.</summary>
    public const int MinMaxAgeSeconds = 1;

    /// <summary>At most an hour, so a key captured from memory exposes at most an hour of an idle session.</summary>
    public const int MaxMaxAgeSeconds = 3_600;

    private readonly int _maxRecords = DefaultMaxRecords;
    private readonly int _maxAgeSeconds = DefaultMaxAgeSeconds;

    /// <summary>The defaults of §5.</summary>
    public static RekeyOptions Default { get; } = new();

    /// <summary>Records encrypted under one sending key, 1 … 1,000,000; default 10,000.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the allowed range.</exception>
    public int MaxRecords
    {
        get => _maxRecords;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinMaxRecords);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxMaxRecords);
            _maxRecords = value;
        }
    }

    /// <summary>Whole seconds one sending key is used, 1 … 3,600; default 600.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside the allowed range.</exception>
    public int MaxAgeSeconds
    {
        get => _maxAgeSeconds;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinMaxAgeSeconds);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxMaxAgeSeconds);
            _maxAgeSeconds = value;
        }
    }

    /// <summary>Validates configured values, collecting every error rather than stopping at the first.</summary>
    /// <param name="maxRecords">The configured <see cref="MaxRecords"/>.</param>
    /// <param name="maxAgeSeconds">The configured <see cref="MaxAgeSeconds"/>.</param>
    /// <param name="options">The options, when both values are allowed.</param>
    /// <param name="errors">One message per refused value; empty on success.</param>
    /// <returns>Whether both values are allowed.</returns>
    public static bool TryCreate(
        int maxRecords, int maxAgeSeconds, [NotNullWhen(true)] out RekeyOptions? options, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        if (maxRecords is < MinMaxRecords or > MaxMaxRecords)
        {
            found.Add($"maxRecords must be {MinMaxRecords}..{MaxMaxRecords}, got {maxRecords}.");
        }

        if (maxAgeSeconds is < MinMaxAgeSeconds or > MaxMaxAgeSeconds)
        {
            found.Add($"maxAgeSeconds must be {MinMaxAgeSeconds}..{MaxMaxAgeSeconds}, got {maxAgeSeconds}.");
        }

        errors = found;
        options = found.Count == 0 ? new RekeyOptions { MaxRecords = maxRecords, MaxAgeSeconds = maxAgeSeconds } : null;
        return options is not null;
    }
}
