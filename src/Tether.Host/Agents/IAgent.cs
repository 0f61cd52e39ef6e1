using Tether.Protocol.Session;

namespace Tether.Host.Agents;

/// <summary>The agent a host session drives: the echo stand-in now, Claude Code with issue 5.</summary>
public interface IAgent : IAsyncDisposable
{
    /// <summary>How devices see it named (<c>echo</c>, <c>claude</c>).</summary>
    string Name { get; }

    /// <summary><c>idle</c>, <c>running</c> or <c>waiting_approval</c>.</summary>
    string State { get; }

    /// <summary>Acts on one message from the device: a prompt, an interrupt, an approval answer.</summary>
    Task HandleAsync(SessionMessage message, CancellationToken cancellationToken);
}
