using System.Text.Json;

namespace Tether.Host.Trust;

/// <summary>
/// The keys of <c>.claude/settings*.json</c> that run code or weaken approvals
/// (shared/reference/claude-code-headless.md §4 and §5), each judged on its own.
/// </summary>
internal static class SettingsRules
{
    // Script-path keys: Claude runs the value as a shell command. apiKeyHelper was seen running headless
    // even with ANTHROPIC_API_KEY set; the cloud helpers run once env switches Bedrock or Vertex on.
    private static readonly string[] HelperKeys =
        ["apiKeyHelper", "awsAuthRefresh", "awsCredentialExport", "gcpAuthRefresh", "proxyAuthHelper", "policyHelper", "otelHeadersHelper"];

    // Object-with-command keys that run in interactive sessions (not seen headless, but a user may later
    // open the same checkout in a terminal).
    private static readonly string[] InteractiveCommandKeys = ["statusLine", "fileSuggestion"];

    // Hook events whose answer can allow a tool call without (or ahead of) the device's approval.
    private static readonly string[] ApprovingEvents = ["PreToolUse", "PermissionRequest"];

    public static void Check(JsonElement root, FindingSink sink)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            sink.Add("$", "the settings are not a JSON object", TrustSeverity.High, "Claude may reject or reinterpret it; this scan cannot vouch for it");
            return;
        }

        foreach (var property in root.EnumerateObject())
        {
            var path = FindingSink.Member("$", property.Name);
            var value = property.Value;
            switch (property.Name)
            {
                case "hooks":
                    Hooks(value, path, sink);
                    break;
                case var helper when HelperKeys.Contains(helper):
                    sink.Add(path, $"runs {Text(value)} as a shell command", TrustSeverity.Critical,
                        "a helper script runs on the workstation with the user's rights, before any approval");
                    break;
                case var interactive when InteractiveCommandKeys.Contains(interactive):
                    sink.Add(path, $"runs {Text(Field(value, "command") ?? value)} in interactive sessions", TrustSeverity.High,
                        "runs code when this checkout is opened in a terminal Claude, outside Tether's approvals");
                    break;
                case "env":
                    Environment(value, path, sink);
                    break;
                case "permissions":
                    Permissions(value, path, sink);
                    break;
                case "mcpServers":
                    McpRules.Servers(value, path, sink);
                    break;
                case "enableAllProjectMcpServers" when value.ValueKind != JsonValueKind.False:
                    sink.Add(path, "starts every server in .mcp.json without asking", TrustSeverity.High, "each server is a program the repository chose");
                    break;
                case "enabledMcpjsonServers":
                    Each(value, path, sink, name => $"starts the .mcp.json server {name}", TrustSeverity.High, "a server is a program the repository chose");
                    break;
                case "enabledPlugins":
                    Each(value, path, sink, name => $"enables the plugin {name}", TrustSeverity.Critical, "plugins bring their own hooks and MCP servers, which run code");
                    break;
                case "extraKnownMarketplaces":
                    Each(value, path, sink, name => $"adds the plugin marketplace {name}", TrustSeverity.High, "plugins installed from it can bring hooks and MCP servers");
                    break;
                case "disableAllHooks" or "model" or "outputStyle" or "includeCoAuthoredBy" or "cleanupPeriodDays":
                    break;
                default:
                    sink.Add(path, $"sets {FindingSink.Quote(property.Name)}, a key this scan does not judge", TrustSeverity.Medium,
                        "Claude adds settings often; an unknown key may change behaviour");
                    break;
            }
        }
    }

    private static void Hooks(JsonElement hooks, string path, FindingSink sink)
    {
        const string Unreadable = "hooks run commands; an unreadable hook is assumed to run one";
        foreach (var (eventProperty, eventPath) in sink.Members(hooks, path, "hooks", TrustSeverity.Critical, Unreadable))
        {
            var approving = ApprovingEvents.Contains(eventProperty.Name);
            if (eventProperty.Value.ValueKind != JsonValueKind.Array)
            {
                sink.Add(eventPath, $"{eventProperty.Name} hooks in a shape this scan does not understand", TrustSeverity.Critical, Unreadable);
                continue;
            }

            var m = 0;
            foreach (var matcher in eventProperty.Value.EnumerateArray())
            {
                var matcherPath = $"{eventPath}[{m++}]";
                var on = Field(matcher, "matcher") is { ValueKind: JsonValueKind.String } pattern ? $" (matcher {FindingSink.Quote(pattern.GetString()!)})" : "";
                if (Field(matcher, "hooks") is not { ValueKind: JsonValueKind.Array } list)
                {
                    sink.Add(matcherPath, $"a {eventProperty.Name} hook entry in a shape this scan does not understand", TrustSeverity.Critical, Unreadable);
                    continue;
                }

                var h = 0;
                foreach (var hook in list.EnumerateArray())
                {
                    Hook(hook, $"{matcherPath}.hooks[{h++}]", eventProperty.Name + on, approving, sink);
                }
            }
        }
    }

    private static void Hook(JsonElement hook, string path, string when, bool approving, FindingSink sink)
    {
        var type = Field(hook, "type") is { ValueKind: JsonValueKind.String } t ? t.GetString() : null;
        var approvalNote = approving ? "; its answer can allow a tool call without the device's approval" : "";
        switch (type)
        {
            case "command":
                sink.Add(path, $"runs {Text(Field(hook, "command"))} on {when}", TrustSeverity.Critical,
                    "a hook command runs on the workstation with the user's rights" + approvalNote);
                break;
            case "http":
                sink.Add(path, $"POSTs session data to {Text(Field(hook, "url"))} on {when}", TrustSeverity.Critical,
                    "prompts and tool inputs leave the workstation" + approvalNote);
                break;
            default:
                sink.Add(path, $"a {FindingSink.Quote(type ?? "?")} hook on {when}", approving ? TrustSeverity.Critical : TrustSeverity.High,
                    "a hook Claude runs outside Tether's approvals" + approvalNote);
                break;
        }
    }

    private static void Environment(JsonElement env, string path, FindingSink sink)
    {
        foreach (var (variable, variablePath) in sink.Members(env, path, "env", TrustSeverity.High, "environment variables can move the API endpoint or load code"))
        {
            var (severity, reason) = EnvironmentRisk.Judge(variable.Name);
            sink.Add(variablePath, $"sets {FindingSink.Quote(variable.Name)} to {Text(variable.Value)} for Claude and its tools", severity, reason);
        }
    }

    private static void Permissions(JsonElement permissions, string path, FindingSink sink)
    {
        foreach (var (property, child) in sink.Members(permissions, path, "permissions", TrustSeverity.High, "permissions decide what runs without asking"))
        {
            switch (property.Name)
            {
                case "defaultMode":
                    var mode = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (mode is "bypassPermissions" or "acceptEdits" or "dontAsk" or "auto")
                    {
                        sink.Add(child, $"starts Claude in {FindingSink.Quote(mode)} mode", TrustSeverity.Critical,
                            "Claude honours it headless, and writes or commands then run without the device being asked");
                    }
                    else if (mode is not ("default" or "plan"))
                    {
                        sink.Add(child, $"sets the permission mode to {Text(property.Value)}", TrustSeverity.High, "an unknown mode may weaken approvals");
                    }

                    break;
                case "allow":
                    Each(property.Value, child, sink, rule => $"pre-approves {rule}", TrustSeverity.High,
                        "Claude runs matching calls without asking once it trusts the workspace");
                    break;
                case "additionalDirectories":
                    Each(property.Value, child, sink, dir => $"adds the working directory {dir}", TrustSeverity.High,
                        "widens where the agent reads and writes beyond the project");
                    break;
                case "deny" or "ask" or "disableBypassPermissionsMode":
                    // Only ever stricter.
                    break;
                default:
                    sink.Add(child, $"sets {FindingSink.Quote(property.Name)}, a permission this scan does not judge", TrustSeverity.Medium,
                        "an unknown permission key may weaken approvals");
                    break;
            }
        }
    }

    /// <summary>One finding per element of an array, or per key of an object (plugins are keyed by name).</summary>
    private static void Each(JsonElement value, string path, FindingSink sink, Func<string, string> effect, TrustSeverity severity, string reason)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    sink.Add($"{path}[{i++}]", effect(Text(item)), severity, reason);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    sink.Add(FindingSink.Member(path, property.Name), effect(FindingSink.Quote(property.Name)), severity, reason);
                }

                break;
            default:
                sink.Add(path, effect(Text(value)), severity, reason);
                break;
        }
    }

    internal static JsonElement? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A value quoted for a finding: strings as they are, anything else as its JSON.</summary>
    internal static string Text(JsonElement? value) => value switch
    {
        null => "(nothing)",
        { ValueKind: JsonValueKind.String } s => FindingSink.Quote(s.GetString()!),
        { } other => FindingSink.Quote(other.GetRawText()),
    };
}
