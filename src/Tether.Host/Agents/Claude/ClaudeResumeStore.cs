using Tether.Client.Storage;

namespace Tether.Host.Agents.Claude;

/// <summary>
/// The Claude session id of a project, in <c>claude-session.json</c> (0600, in a 0700 directory, written
/// atomically through <see cref="VersionedJson"/>). The next process passes it as <c>--resume=</c>.
/// </summary>
internal sealed class ClaudeResumeStore
{
    public const string FileName = "claude-session.json";

    // Claude's ids are UUIDs; this is the alphabet and length they could ever need. Anything else in the
    // file did not come from Claude and is not passed on to its command line.
    private const int MaxSessionIdChars = 128;

    private const string RemovalCost = "removing it starts a fresh Claude conversation (the old one stays in Claude's own history)";

    private readonly string _directory;
    private readonly Lock _lock = new();
    private string? _cached;
    private bool _loaded;

    public ClaudeResumeStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
    }

    public string FilePath => Path.Join(_directory, FileName);

    /// <summary>Whether <paramref name="id"/> is something Claude could have given as a session id.</summary>
    public static bool IsValidSessionId(string id) =>
        id.Length is > 0 and <= MaxSessionIdChars && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The stored id, or null when there is none.</summary>
    /// <exception cref="KeyStoreCorruptException">The file is not a resume document.</exception>
    /// <exception cref="InsecurePermissionsException">The file or its directory is not private.</exception>
    public string? Load()
    {
        lock (_lock)
        {
            if (!_loaded)
            {
                var state = VersionedJson.ReadIfExists(_directory, FilePath, ClaudeResumeState.CurrentVersion, ClaudeJsonContext.Default.ClaudeResumeState, RemovalCost);
                _cached = state?.SessionId is { } id && IsValidSessionId(id) ? id : null;
                _loaded = true;
            }

            return _cached;
        }
    }

    /// <summary>Stores <paramref name="sessionId"/>; false when it was already the stored one.</summary>
    /// <exception cref="ArgumentException">It is not a session id.</exception>
    /// <exception cref="KeyStoreWriteException">Writing failed; the old file is intact.</exception>
    /// <exception cref="InsecurePermissionsException">The directory is not private.</exception>
    public bool Save(string sessionId)
    {
        if (!IsValidSessionId(sessionId))
        {
            throw new ArgumentException("not a Claude session id", nameof(sessionId));
        }

        lock (_lock)
        {
            if (_loaded && _cached == sessionId)
            {
                return false;
            }

            VersionedJson.Write(_directory, FilePath, new ClaudeResumeState { SessionId = sessionId }, ClaudeJsonContext.Default.ClaudeResumeState);
            _cached = sessionId;
            _loaded = true;
            return true;
        }
    }
}
