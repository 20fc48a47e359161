using System.Buffers;
using System.Text.RegularExpressions;

namespace Steward.Core.Storage;

/// <summary>
/// Private keys in PEM or PGP armour (RFC 7468, RFC 4880): a "BEGIN … PRIVATE KEY" line followed by the key's base64, on
/// the same line (a key pasted into JSON with <c>\n</c>) or on the next lines, after any armour headers
/// (<c>Proc-Type:</c>, <c>Version:</c>) and a blank line. A header with no base64 after it is documentation or code that
/// reads keys, not a key.
/// </summary>
internal sealed partial class PrivateKeys
{
    /// <summary>Base64 enough to be a key's first line: PEM wraps at 64 characters; no key is shorter than this.</summary>
    private const int ShortestBody = 16;

    /// <summary>Armour headers and a blank line may come between the header and the base64; more than this, and it is not a key.</summary>
    private const int MostLinesBeforeBody = 6;

    private int _awaiting; // lines left to see the base64 of a header seen; 0 when none

    public bool Awaiting => _awaiting > 0;

    public int Count(ReadOnlySpan<char> line)
    {
        if (_awaiting > 0)
        {
            _awaiting--;
            var trimmed = line.Trim();
            if (Base64Run(trimmed) >= ShortestBody && Base64Run(trimmed) == trimmed.TrimEnd('=').Length) { _awaiting = 0; return 1; }
            if (!(trimmed.IsEmpty || trimmed.Contains(": ", StringComparison.Ordinal))) _awaiting = 0;
        }
        if (!line.Contains("PRIVATE KEY", StringComparison.Ordinal)) return 0;
        var found = 0;
        foreach (var m in Header().EnumerateMatches(line))
        {
            var rest = line[(m.Index + m.Length)..].TrimStart(EscapedBreaks);
            if (rest.IsEmpty || rest.Trim("\"'`,").IsEmpty) _awaiting = MostLinesBeforeBody;
            else if (Base64Run(rest) >= ShortestBody) found++;
        }
        return found;
    }

    private static readonly SearchValues<char> Base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    /// <summary>Spaces and line breaks written as text ("\n", "\r\n" in JSON), between a header and its base64 on one line.</summary>
    private static readonly string EscapedBreaks = " \t\\nr";

    private static int Base64Run(ReadOnlySpan<char> s) => s.IndexOfAnyExcept(Base64) is var end and >= 0 ? end : s.Length;

    /// <summary>PEM's "BEGIN … PRIVATE KEY" in any of its kinds (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP's "PRIVATE KEY BLOCK").</summary>
    [GeneratedRegex(@"-----BEGIN[ A-Z0-9]{0,24} PRIVATE KEY( BLOCK)?-----|-----BEGIN PRIVATE KEY-----")]
    private static partial Regex Header();
}
