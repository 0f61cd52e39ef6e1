using Spectre.Console;
using Tether.Cli.Terminal;
using Tether.Host.Pairing;
using Tether.Protocol.Pairing;

namespace Tether.Cli.Pairing;

/// <summary>
/// The workstation's side of pairing in a terminal: shows the QR code and the link once the relay
/// holds its slot, then asks for the 8 digits the device shows and for the device's name.
/// </summary>
internal sealed class ConsolePairingPrompt(string link) : IPairingPrompt
{
    public void LinkReady()
    {
        AnsiConsole.WriteLine();
        if (!Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null)
        {
            foreach (var line in QrText.Render(link))
            {
                Console.WriteLine(line);
            }
        }

        AnsiConsole.MarkupLine("Scan the code with your phone, or open this link on the device ([bold]tether attach <link>[/] in a terminal).");
        AnsiConsole.MarkupLine("[yellow]The link is a one-time credential: it works once, for 10 minutes. Do not share it.[/]");
        Console.WriteLine($"pairing link: {link}");
        AnsiConsole.WriteLine();
    }

    public async Task<string> AskCodeAsync(int attemptsLeft, CancellationToken cancellationToken)
    {
        var tries = attemptsLeft == 1 ? "last attempt" : $"{attemptsLeft} attempts left";
        Console.WriteLine($"Type the 8 digits shown on the device ({tries}):");
        return await ReadLineAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> AskNameAsync(string suggested, CancellationToken cancellationToken)
    {
        Console.WriteLine($"The codes match. Name this device [{TerminalText.Safe(suggested)}]:");
        return (await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Trim();
    }

    public void Status(string message) => AnsiConsole.MarkupLineInterpolated($"[dim]{message}[/]");

    /// <summary>A line from the terminal; a closed input is an empty answer, which the pairing treats as wrong.</summary>
    private static async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        // Console reads cannot be cancelled; the abandoned read ends with the process.
        var line = await Task.Run(Console.In.ReadLine, CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        return line ?? string.Empty;
    }
}
