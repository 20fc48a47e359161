using System.Buffers;
using System.Text.RegularExpressions;

namespace Steward.Core.Storage;

/// <summary>
/// Private keys in PEM or PGP armour (RFC 7468, RFC 4880) or SSH.com's (<c>---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----</c>):
/// a "BEGIN … PRIVATE KEY" line followed by the key's base64, on the same line (a key pasted into JSON with <c>\n</c>) or
/// on the next lines, after any armour headers (<c>Proc-Type:</c>, <c>Comment:</c>) and a blank line; and PuTTY's .ppk
/// files (<c>PuTTY-User-Key-File-2: ssh-rsa</c> … <c>Private-Lines: 8</c> and the base64). A key written into source code
/// is found too: each line may be a string literal (<c>"MIIE…\n" +</c>, <c>"…\n"\</c>) or a comment (<c> * MIIE…</c>). A
/// header with no base64 after it is documentation or code that reads keys, not a key.
/// </summary>
internal sealed partial class PrivateKeys
{
    /// <summary>Base64 enough to be a key's first line: PEM wraps at 64 characters; no key is shorter than this.</summary>
    private const int ShortestBody = 16;

    /// <summary>Armour headers and a blank line may come between the header and the base64; more than this, and it is not a key.</summary>
    private const int MostLinesBeforeBody = 6;

    /// <summary>A PuTTY file's public part runs up to 22 lines (an 8,192-bit RSA key) before its <c>Private-Lines:</c>.</summary>
    private const int MostLinesBeforePuttyPrivatePart = 40;

    private int _awaiting; // lines left to see the base64 of a header seen; 0 when none
    private int _inPutty; // lines left to see a PuTTY file's "Private-Lines:"; 0 when none

    public bool Awaiting => _awaiting > 0 || _inPutty > 0;

    /// <summary>Whether a line may open a key, for the scanner to skip the rest cheaply.</summary>
    public static bool MayOpen(ReadOnlySpan<char> line) =>
        line.Contains("PRIVATE KEY", StringComparison.Ordinal) || line.Contains(PuttyHeader, StringComparison.Ordinal);

    public int Count(ReadOnlySpan<char> line)
    {
        if (_awaiting > 0)
        {
            _awaiting--;
            var body = Unwrapped(line);
            if (Base64Run(body) >= ShortestBody && Base64Run(body) == body.TrimEnd('=').Length) { _awaiting = 0; return 1; }
            if (!(body.IsEmpty || body.Contains(": ", StringComparison.Ordinal))) _awaiting = 0;
        }
        if (_inPutty > 0)
        {
            _inPutty--;
            if (line.Contains("Private-Lines: ", StringComparison.Ordinal)) { _inPutty = 0; _awaiting = 1; }
        }
        if (PuttyKeyFile().IsMatch(line)) _inPutty = MostLinesBeforePuttyPrivatePart;
        if (!line.Contains("PRIVATE KEY", StringComparison.Ordinal)) return 0;
        var found = 0;
        foreach (var m in Header().EnumerateMatches(line))
        {
            var rest = line[(m.Index + m.Length)..].TrimStart(EscapedBreaks);
            if (Unwrapped(rest).IsEmpty) _awaiting = MostLinesBeforeBody;
            else if (Base64Run(rest) >= ShortestBody) found++;
        }
        return found;
    }

    /// <summary>
    /// A line without what source code wraps around a key's line: indentation, a comment's <c>*</c>, <c>#</c> or
    /// <c>//</c>, quotes, string concatenation (<c>+</c>, C's trailing <c>\</c>), a written <c>\n</c>, a closing <c>,</c>
    /// or <c>;</c>. Base64's own <c>+</c> and <c>/</c> at an end are taken too, which cannot make a non-key a key: what is
    /// left must still be base64 alone, 16 characters or more.
    /// </summary>
    private static ReadOnlySpan<char> Unwrapped(ReadOnlySpan<char> line)
    {
        var s = line.Trim().TrimStart(LeadingDecoration).TrimEnd(TrailingDecoration);
        while (s.EndsWith("\\n") || s.EndsWith("\\r")) s = s[..^2].TrimEnd(TrailingDecoration);
        return s;
    }

    private const string LeadingDecoration = " \t*#/\"'`+";
    private const string TrailingDecoration = " \t\"'`+,;)\\";

    private static readonly SearchValues<char> Base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    /// <summary>Spaces and line breaks written as text ("\n", "\r\n" in JSON), between a header and its base64 on one line.</summary>
    private static readonly string EscapedBreaks = " \t\\nr";

    private static int Base64Run(ReadOnlySpan<char> s) => s.IndexOfAnyExcept(Base64) is var end and >= 0 ? end : s.Length;

    /// <summary>
    /// PEM's "BEGIN … PRIVATE KEY" in any of its kinds (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP's "PRIVATE KEY BLOCK"), and
    /// SSH.com's (RFC 4716's framing, four dashes and spaces).
    /// </summary>
    [GeneratedRegex(@"-----BEGIN[ A-Z0-9]{0,24} PRIVATE KEY( BLOCK)?-----|-----BEGIN PRIVATE KEY-----|---- BEGIN SSH2 (ENCRYPTED )?PRIVATE KEY ----")]
    private static partial Regex Header();

    private const string PuttyHeader = "PuTTY-User-Key-File-";

    /// <summary>A PuTTY key file's first line names its algorithm: <c>PuTTY-User-Key-File-3: ecdsa-sha2-nistp256</c>.</summary>
    [GeneratedRegex(@"PuTTY-User-Key-File-[1-3]: (ssh|ecdsa)-[a-z0-9-]+")]
    private static partial Regex PuttyKeyFile();
}
