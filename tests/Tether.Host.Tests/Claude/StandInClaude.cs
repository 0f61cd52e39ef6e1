using Tether.Host.Agents.Claude;
using Tether.Host.Tests.Support;

namespace Tether.Host.Tests.Claude;

/// <summary>
/// A scripted stand-in PROCESS for the <c>claude</c> executable, used only by the driver's unit tests to
/// pin its parsing, its control protocol and its process handling: it prints stream-json lines recorded
/// in shared/reference/claude-code-headless.md, logs every line it reads (and its argv and environment)
/// to a file, and behaves per scenario (<c>STANDIN_SCENARIO</c>). It is not Claude Code: the end-to-end
/// tests run the real, pinned binary against a fake Anthropic API.
/// </summary>
internal sealed class StandInClaude : IDisposable
{
    /// <summary>The reference's can_use_tool request id (§2).</summary>
    public const string PermissionRequestId = "cb631d8a-ba1d-4304-8d6f-5fe5988885bd";

    public const string SessionId = "5a3c1e9e-7d1b-4c57-9d55-3f1f0c2b8e01";

    private const string Script = $$"""
        #!/usr/bin/env node
        // Stand-in for claude (tests only). See StandInClaude.cs.
        const fs = require('fs');
        const readline = require('readline');
        const { spawn } = require('child_process');
        const env = process.env;
        const log = (s) => { if (env.STANDIN_LOG) fs.appendFileSync(env.STANDIN_LOG, s + '\n'); };
        const out = (o) => process.stdout.write((typeof o === 'string' ? o : JSON.stringify(o)) + '\n');
        const args = process.argv.slice(2);
        if (args[0] === '--version') { out(env.STANDIN_VERSION || '2.1.197 (Claude Code)'); process.exit(0); }
        log('PID ' + process.pid);
        log('ARGV ' + JSON.stringify(args));
        log('ENV ' + JSON.stringify({ entrypoint: env.CLAUDE_CODE_ENTRYPOINT || null, claudecode: env.CLAUDECODE || null, extra: env.STANDIN_EXTRA || null, cwd: process.cwd() }));
        const scenario = env.STANDIN_SCENARIO || 'tool';
        const session = env.STANDIN_SESSION || 'standin-session';
        const waiting = new Map();
        const ask = (id) => new Promise((resolve) => waiting.set(id, resolve));
        const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
        let onInterrupt = () => {};
        const init = () => out({ type: 'system', subtype: 'init', cwd: process.cwd(), session_id: session, tools: ['Bash', 'Read', 'Write'], model: 'claude-standin', permissionMode: 'default' });
        const delta = (text) => out({ type: 'stream_event', uuid: 'u', session_id: session, event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, parent_tool_use_id: null });
        const result = (subtype, extra) => out(Object.assign({ type: 'result', subtype, is_error: subtype !== 'success', duration_ms: 1234, num_turns: 1, result: 'ok', session_id: session, total_cost_usd: 0.0123, permission_denials: [] }, extra || {}));
        const canUse = (id, tool, input) => out({ type: 'control_request', request_id: id, request: { subtype: 'can_use_tool', tool_name: tool, display_name: tool, input, description: 'write file', permission_suggestions: [], blocked_path: process.cwd() + '/bash_out.txt', decision_reason_type: 'workingDir', tool_use_id: 'toolu_2' } });
        const scenarios = {
          async tool() {
            init();
            out('this line is not JSON');
            out('');
            out({ type: 'keep_alive' });
            delta('Hel'); delta('lo');
            out({ type: 'stream_event', session_id: session, event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'sub-agent words' } }, parent_tool_use_id: 'toolu_9' });
            const input = { command: 'echo hi > ' + process.cwd() + '/bash_out.txt', description: 'write file' };
            out({ type: 'assistant', message: { id: 'msg_1', role: 'assistant', content: [{ type: 'text', text: 'Hello' }, { type: 'tool_use', id: 'toolu_2', name: 'Bash', input }] }, parent_tool_use_id: null, session_id: session });
            canUse('{{PermissionRequestId}}', 'Bash', input);
            const answer = await ask('{{PermissionRequestId}}');
            const allowed = answer.response && answer.response.behavior === 'allow';
            out({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content: allowed ? 'ran: ' + answer.response.updatedInput.command : answer.response.message, is_error: !allowed }] }, parent_tool_use_id: null, session_id: session });
            result('success');
          },
          async cancel() {
            init();
            canUse('perm-cancel', 'Bash', { command: 'touch x' });
            await sleep(300);
            out({ type: 'control_cancel_request', request_id: 'perm-cancel' });
            await sleep(500);
            result('success');
          },
          async interrupt() {
            init();
            delta('working');
            canUse('perm-int', 'Write', { file_path: process.cwd() + '/a.txt', content: 'x' });
            onInterrupt = () => { out({ type: 'control_cancel_request', request_id: 'perm-int' }); result('error_during_execution'); };
          },
          async hook() {
            init();
            out({ type: 'control_request', request_id: 'hook-req-1', request: { subtype: 'hook_callback', callback_id: 'hook_0', input: {} } });
            const answer = await ask('hook-req-1');
            result(answer.subtype === 'error' ? 'success' : 'error_during_execution');
          },
          async crash() {
            process.stderr.write('loading settings\nError: the stand-in crashed on purpose\n');
            process.exit(1);
          },
          async stubborn() { init(); },
          async quiet() { init(); result('success'); },
        };
        if (scenario === 'stubborn') {
          const child = spawn('sleep', ['600'], { stdio: 'ignore' });
          log('CHILD ' + child.pid);
          process.on('SIGTERM', () => {});
          setInterval(() => {}, 1000);
        }
        const rl = readline.createInterface({ input: process.stdin });
        rl.on('line', (line) => {
          log('IN ' + line);
          let msg;
          try { msg = JSON.parse(line); } catch (e) { process.stderr.write('Error parsing streaming input line: ' + line + '\n'); process.exit(1); }
          if (msg.type === 'control_response') { const r = waiting.get(msg.response.request_id); if (r) { waiting.delete(msg.response.request_id); r(msg.response); } return; }
          if (msg.type === 'control_request' && msg.request.subtype === 'interrupt') { out({ type: 'control_response', response: { subtype: 'success', request_id: msg.request_id } }); onInterrupt(); return; }
          if (msg.type === 'user') { scenarios[scenario](msg); }
        });
        rl.on('close', () => { log('EOF'); if (scenario !== 'stubborn') process.exit(0); });
        """;

    private readonly TestDirectory _directory = new();

    public StandInClaude()
    {
        Executable = System.IO.Path.Combine(_directory.Path, "claude");
        File.WriteAllText(Executable, Script);
        File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Project = _directory.Directory("project");
        StateDirectory = System.IO.Path.Combine(_directory.Path, "state");
        LogPath = System.IO.Path.Combine(_directory.Path, "standin.log");
    }

    public string Executable { get; }

    public string Project { get; }

    public string StateDirectory { get; }

    public string LogPath { get; }

    /// <summary>Everything the stand-ins of this test logged, in order.</summary>
    public IReadOnlyList<string> Log => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    /// <summary>The lines the stand-ins read from stdin.</summary>
    public IReadOnlyList<string> Stdin => [.. Log.Where(l => l.StartsWith("IN ", StringComparison.Ordinal)).Select(l => l[3..])];

    /// <summary>The argv of each session launch (not the version check).</summary>
    public IReadOnlyList<string> Launches => [.. Log.Where(l => l.StartsWith("ARGV ", StringComparison.Ordinal)).Select(l => l[5..])];

    public IReadOnlyList<int> Pids(string prefix) =>
        [.. Log.Where(l => l.StartsWith(prefix + " ", StringComparison.Ordinal)).Select(l => int.Parse(l[(prefix.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))];

    public ClaudeAgentOptions Options(
        string scenario,
        Func<ToolPermissionRequest, CancellationToken, Task<ToolPermissionDecision>>? approve = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var variables = new Dictionary<string, string>
        {
            ["STANDIN_SCENARIO"] = scenario,
            ["STANDIN_LOG"] = LogPath,
            ["STANDIN_SESSION"] = SessionId,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return new ClaudeAgentOptions
        {
            ProjectPath = Project,
            Executable = Executable,
            StateDirectory = StateDirectory,
            Environment = variables,
            Approve = approve ?? ((_, _) => Task.FromResult(ToolPermissionDecision.Allowed())),
            Logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        };
    }

    /// <summary>Whether <paramref name="pid"/> still runs (a zombie waiting to be reaped counts as gone).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose() => _directory.Dispose();
}
