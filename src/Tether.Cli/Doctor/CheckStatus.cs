namespace Tether.Cli.Doctor;

/// <summary>The outcome of one doctor check; any <see cref="Fail"/> makes <c>tether doctor</c> exit non-zero.</summary>
internal enum CheckStatus
{
    Ok,
    Warn,
    Fail,
}
