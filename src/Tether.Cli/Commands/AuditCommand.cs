using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Tether.Client.Storage;
using Tether.Host.Audit;
using Tether.Host.Projects;

namespace Tether.Cli.Commands;

/// <summary><c>tether audit show | verify</c>: read a project's audit log, and check it was not tampered with.</summary>
internal static class AuditCommand
{
    /// <summary>Hex digits of a hash shown in the table.</summary>
    private const int ShortHashLength = 12;

    private static readonly Argument<DirectoryInfo?> Directory = new("dir")
    {
        Description = "The project: its git top-level, or this directory (default: the current directory).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<int?> Last = CreateLast();

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the records exactly as stored, one JSON object per line.",
    };

    public static Command Create()
    {
        var show = new Command("show", "Show the project's audit log: sessions started and ended, devices connecting, "
            + "every tool call that asked for approval and who allowed or denied it, and security events.")
        {
            Directory, Last, Json,
        };
        show.SetAction(Show);

        var verify = new Command("verify", "Check that nobody changed the project's audit log: no record edited, deleted, "
            + "moved or cut from the end. Prints what it finds; exits 0 when the log is intact, 1 otherwise.")
        {
            Directory,
        };
        verify.SetAction(parse => Run(parse, path => Report(AuditVerifier.Verify(path), Console.Out)));

        return new Command("audit", "Read and check the audit log: Tether records every approval request, every decision and "
            + "every security event of a project in a hash-chained file that only grows, so that changes to it can be detected.")
        {
            show, verify,
        };
    }

    /// <summary>Prints a verification's outcome; the exit code is 0 for an intact log (or none yet), 1 for any finding.</summary>
    internal static int Report(AuditVerification result, TextWriter output)
    {
        if (result.IsIntact)
        {
            output.WriteLine(result.LogExists
                ? string.Create(CultureInfo.InvariantCulture, $"The audit log {result.Path} is intact: {result.Records} records, seq 1 to {result.LastSeq}, and audit.head agrees with its end.")
                : $"There is no audit log for this project yet ({result.Path}); the host starts one when it first runs.");
            return 0;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The audit log {result.Path} is NOT intact: {result.Problems.Count} finding{(result.Problems.Count == 1 ? "" : "s")}."));
        foreach (var problem in result.Problems)
        {
            output.WriteLine($"  - {problem}");
        }

        output.WriteLine("Tether never rewrites the log to hide a finding. Keep a copy of the file as it is now if you want to look into it.");
        return 1;
    }

    private static Option<int?> CreateLast()
    {
        var last = new Option<int?>("--last", "-n") { Description = "Show only the last N records." };
        last.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--last needs a number of records, 1 or more.");
            }
        });
        return last;
    }

    private static int Show(ParseResult parse)
    {
        return Run(parse, path =>
        {
            var entries = AuditReader.ReadAll(path, out var skipped);
            if (parse.GetValue(Last) is { } last)
            {
                entries = [.. entries.TakeLast(last)];
            }

            if (parse.GetValue(Json))
            {
                foreach (var entry in entries)
                {
                    Console.WriteLine(entry.Json);
                }
            }
            else if (entries.Count == 0 && skipped == 0)
            {
                AnsiConsole.MarkupLineInterpolated($"No audit records for this project yet ({path}).");
            }
            else
            {
                ShowTable(entries);
            }

            if (skipped > 0)
            {
                Console.Error.WriteLine($"tether audit: {skipped} line(s) of {path} are not records and were left out; run tether audit verify to see why.");
            }

            return 0;
        });
    }

    private static void ShowTable(IReadOnlyList<AuditEntry> entries)
    {
        var table = new Table().AddColumns("seq", "time", "kind", "details");
        foreach (var entry in entries)
        {
            var details = string.Join("  ", entry.Fields.Select(f => $"{f.Key}={Brief(f.Key, f.Value)}"));
            table.AddRow(
                entry.Seq.ToString(CultureInfo.InvariantCulture),
                entry.Time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                entry.Kind == AuditKinds.Security ? $"[yellow]{Markup.Escape(entry.Kind)}[/]" : Markup.Escape(entry.Kind),
                Markup.Escape(details));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>A hash is shown by its first 12 hex digits (enough to match it by eye); --json has it whole.</summary>
    private static string Brief(string field, string value) =>
        field.EndsWith("sha256", StringComparison.Ordinal) && value.Length > ShortHashLength ? value[..ShortHashLength] + "…" : value;

    private static int Run(ParseResult parse, Func<string, int> action)
    {
        try
        {
            var project = ProjectLocator.Locate(parse.GetValue(Directory)?.FullName);
            return action(AuditLog.PathFor(ConfigRoot.ForCurrentUser(), project.Id));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"tether audit: {e.Message}");
            return 1;
        }
    }
}
