using System.Text;
using QRCoder;

namespace Tether.Cli.Terminal;

/// <summary>
/// A QR code drawn with half-block characters: two module rows per text line, so a pairing link
/// (version 8 or 9 with its quiet zone: 57 to 61 columns) fits an 80-column terminal. Colours are set
/// explicitly (black on white), so the code scans on dark and light terminal themes alike.
/// </summary>
internal static class QrText
{
    private const string DarkOnLight = "\u001b[30;107m";
    private const string Reset = "\u001b[0m";

    /// <summary>The lines of the code for <paramref name="text"/>, each wrapped in its colour codes.</summary>
    public static IReadOnlyList<string> Render(string text)
    {
        // Level L: the code is read off a screen a hand's width away, where damage is not the risk and a
        // smaller code is easier to fit and to focus on.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
        var rows = data.ModuleMatrix;
        var lines = new List<string>((rows.Count + 1) / 2);
        for (var y = 0; y < rows.Count; y += 2)
        {
            var line = new StringBuilder(DarkOnLight, rows[y].Length + 16);
            for (var x = 0; x < rows[y].Length; x++)
            {
                var top = rows[y][x];
                var bottom = y + 1 < rows.Count && rows[y + 1][x];
                line.Append((top, bottom) switch
                {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    _ => ' ',
                });
            }

            lines.Add(line.Append(Reset).ToString());
        }

        return lines;
    }

    /// <summary>Width in columns of the code for <paramref name="text"/>.</summary>
    public static int Width(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.L);
        return data.ModuleMatrix.Count;
    }
}
