using System.Text;

namespace Tether.Cli.Attach;

/// <summary>
/// Reads lines from input that may be hostile: a line longer than the limit is skipped to its end
/// without being held in memory, and reported as <see cref="TooLong"/> instead of its text.
/// </summary>
internal sealed class BoundedLineReader(TextReader input, int maxChars)
{
    /// <summary>What <see cref="ReadLineAsync"/> returns for a line over the limit.</summary>
    public const string TooLong = "\0too-long";

    private readonly char[] _buffer = new char[4096];
    private readonly StringBuilder _line = new();
    private int _start;
    private int _end;

    /// <summary>The next line without its end-of-line, <see cref="TooLong"/>, or null at the end of input.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var overflow = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await input.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    return overflow ? TooLong : _line.Length > 0 ? _line.ToString() : null;
                }
            }

            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            var stop = newline < 0 ? _end : newline;
            if (!overflow)
            {
                if (_line.Length + (stop - _start) > maxChars)
                {
                    overflow = true;
                    _line.Clear();
                }
                else
                {
                    _line.Append(_buffer, _start, stop - _start);
                }
            }

            if (newline >= 0)
            {
                _start = newline + 1;
                if (overflow)
                {
                    return TooLong;
                }

                if (_line.Length > 0 && _line[^1] == '\r')
                {
                    _line.Length--;
                }

                return _line.ToString();
            }

            _start = _end;
        }
    }
}
