using System.Text.Json;

namespace Tether.Host.Trust;

/// <summary>MCP server definitions, in <c>.mcp.json</c> or a settings file's <c>mcpServers</c>: each one is a program or an endpoint.</summary>
internal static class McpRules
{
    public static void File(JsonElement root, FindingSink sink)
    {
        if (SettingsRules.Field(root, "mcpServers") is { } servers)
        {
            Servers(servers, "$.mcpServers", sink);
        }

        foreach (var (other, otherPath) in sink.Members(root, "$", "the file", TrustSeverity.High, "Claude may reinterpret it; this scan cannot vouch for it"))
        {
            if (other.Name != "mcpServers")
            {
                sink.Add(otherPath, $"sets {FindingSink.Quote(other.Name)}, a key this scan does not judge", TrustSeverity.Medium,
                    "an unknown key may change what Claude starts");
            }
        }
    }

    public static void Servers(JsonElement servers, string path, FindingSink sink)
    {
        foreach (var (server, serverPath) in sink.Members(servers, path, "MCP servers", TrustSeverity.Critical, "a server definition starts a program; an unreadable one is assumed to"))
        {
            var name = FindingSink.Quote(server.Name);
            if (SettingsRules.Field(server.Value, "command") is { } command)
            {
                var args = SettingsRules.Field(server.Value, "args") is { ValueKind: JsonValueKind.Array } list
                    ? " " + string.Join(' ', list.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText()))
                    : "";
                var line = command.ValueKind == JsonValueKind.String ? command.GetString() + args : command.GetRawText() + args;
                sink.Add(serverPath, $"starts the MCP server {name}: {FindingSink.Quote(line)}", TrustSeverity.Critical,
                    "Claude spawns it at startup, even without enableAllProjectMcpServers, with the user's rights");
            }
            else if (SettingsRules.Field(server.Value, "url") is { } url)
            {
                sink.Add(serverPath, $"connects to the MCP server {name} at {SettingsRules.Text(url)}", TrustSeverity.High,
                    "a remote server the repository chose supplies tools and sees their inputs");
            }
            else
            {
                sink.Add(serverPath, $"defines the MCP server {name} in a shape this scan does not understand", TrustSeverity.Critical,
                    "a server definition starts a program; an unreadable one is assumed to");
            }
        }
    }
}
