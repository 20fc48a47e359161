namespace Steward.Core.Storage;

/// <summary>
/// E-mail addresses, from each '@' outwards: a local part of letters, digits and ._%+- before it, a domain of letters,
/// digits, dots and dashes after it ending in a dot and two letters or more. One pass over the line.
/// </summary>
internal static class EmailAddresses
{
    public static int Count(ReadOnlySpan<char> s)
    {
        static bool Local(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';
        static bool Domain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';
        var found = 0;
        for (var at = s.IndexOf('@'); at >= 0; at = s[(at + 1)..].IndexOf('@') is var next and >= 0 ? at + 1 + next : -1)
        {
            if (at == 0 || !Local(s[at - 1])) continue;
            var end = at + 1;
            while (end < s.Length && Domain(s[end])) end++;
            var domain = s[(at + 1)..end].TrimEnd(".-");
            var dot = domain.LastIndexOf('.');
            if (dot > 0 && domain.Length - dot - 1 >= 2 && AllLetters(domain[(dot + 1)..])) found++;
        }
        return found;

        static bool AllLetters(ReadOnlySpan<char> t)
        {
            foreach (var c in t) if (!char.IsAsciiLetter(c)) return false;
            return true;
        }
    }
}
