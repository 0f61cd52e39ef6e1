using System.Runtime.CompilerServices;
using Tether.Relay.Connections;

namespace Tether.Relay.Tests.Support;

/// <summary>Every relay in these tests poisons the frame buffers it gives back (see <see cref="Poisoning"/>).</summary>
internal static class PoisonedPools
{
    [ModuleInitializer]
    internal static void Enable() => Poisoning.Enabled = true;
}
