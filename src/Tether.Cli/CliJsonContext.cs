using System.Text.Json.Serialization;
using Tether.Host.Ipc;

namespace Tether.Cli;

/// <summary>What the command line prints as JSON (source-generated: no reflection).</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(HostStatus))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
