using System.Buffers;

namespace Steward.Core.Storage;

/// <summary>The kinds whose shape alone is too weak to count, and so need a word naming them near the value.</summary>
[Flags]
internal enum NamedKinds { None = 0, PaymentCard = 1, SocialSecurityNumber = 2 }

/// <summary>
/// What the words around a value say it is, as Amazon Macie's keyword requirements and Presidio's context words do: a
/// sixteen-digit number beside "card" is a card number, the same beside "trace" is not. Three places count, all kept in
/// one pass over the lines: the line itself within <see cref="Window"/> characters of the value, the end of the line just
/// before ("Card number:" then the number), and the header of the value's column in a table (<c>name,ssn,card</c> names the
/// second and third fields of each row below it that has as many fields; in such a row only the header and the value's own
/// field count, not the other fields' values).
/// </summary>
internal sealed class DetectionContext
{
    /// <summary>How far from a value, on its line, a word still names it: a few words, as Presidio's context window.</summary>
    internal const int Window = 64;

    private NamedKinds _previousLine;
    private NamedKinds[]? _columns; // the header's named kinds per field, while rows of its table follow
    private char _delimiter;
    private int _fields; // the scanned line's, counted only when a value on it needs context; -1 until then
    private (int Position, int Field, bool Quoted) _cursor; // how far the line's fields are counted: values come left to right

    public void Begin() => (_fields, _cursor) = (-1, default);

    /// <summary>After a line: it is the line before for the next, and a header when it names kinds and has fields but no digits.</summary>
    public void End(ReadOnlySpan<char> line)
    {
        var tail = line.Length > Window * 2 ? line[^(Window * 2)..] : line;
        _previousLine = ContextWords.Name(tail);
        if (line.IndexOfAny(SensitivityScanner.Digits) >= 0 || line.IsWhiteSpace()) return;
        var delimiter = Delimiter(line);
        if (delimiter == '\0') return;
        // A line naming nothing is a row without digits when it has the header's fields, else a new table's header.
        if (ContextWords.Name(line) == NamedKinds.None)
        {
            if (_columns is not null && FieldCount(line, _delimiter) != _columns.Length) _columns = null;
            return;
        }
        var fields = new List<NamedKinds>();
        foreach (var field in Fields(line, delimiter)) fields.Add(ContextWords.Name(line[field]));
        (_columns, _delimiter) = (fields.ToArray(), delimiter);
    }

    /// <summary>Whether words name <paramref name="kind"/> for the value at [start, end) of <paramref name="line"/>.</summary>
    public bool Names(NamedKinds kind, ReadOnlySpan<char> line, int start, int end)
    {
        var from = Math.Max(0, start - Window);
        var to = Math.Min(line.Length, end + Window);
        if (_columns is not null)
        {
            if (_fields < 0) _fields = FieldCount(line, _delimiter);
            if (_fields == _columns.Length)
            {
                // A row of the table: its header says what each field is; the other fields' values ("Visa" in a network
                // column) and the line before (the header, or another row) say nothing of this one.
                if (line[from..start].LastIndexOf(_delimiter) is var left and >= 0) from += left + 1;
                if (line[end..to].IndexOf(_delimiter) is var right and >= 0) to = end + right;
                return Named(line[from..start], line[end..to], kind) || (_columns[FieldAt(line, start)] & kind) != 0;
            }
        }
        return Named(line[from..start], line[end..to], kind) || (_previousLine & kind) != 0;

        static bool Named(ReadOnlySpan<char> before, ReadOnlySpan<char> after, NamedKinds kind) =>
            ((ContextWords.Name(before) | ContextWords.Name(after)) & kind) != 0;
    }

    private static readonly SearchValues<char> Delimiters = SearchValues.Create(",;\t|");

    /// <summary>The delimiter a header line uses most: a comma, semicolon, tab or bar; none if it has none of them.</summary>
    private static char Delimiter(ReadOnlySpan<char> line)
    {
        if (line.IndexOfAny(Delimiters) < 0) return '\0';
        var best = '\0';
        var most = 0;
        foreach (var d in ",;\t|")
        {
            var n = line.Count(d);
            if (n > most) (best, most) = (d, n);
        }
        return best;
    }

    /// <summary>The fields of a delimited line as ranges, a delimiter inside double quotes being part of its field.</summary>
    private static List<Range> Fields(ReadOnlySpan<char> line, char delimiter)
    {
        var fields = new List<Range>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == delimiter && !quoted) { fields.Add(start..i); start = i + 1; }
        }
        fields.Add(start..line.Length);
        return fields;
    }

    private static int FieldCount(ReadOnlySpan<char> line, char delimiter) => Fields(line, delimiter).Count;

    /// <summary>
    /// Which field (from 0) the character at <paramref name="position"/> is in, counting on from the last value asked
    /// about on this line: each detector asks left to right, so a line is walked about once per detector, not once per value.
    /// </summary>
    private int FieldAt(ReadOnlySpan<char> line, int position)
    {
        if (position < _cursor.Position) _cursor = default;
        var (i, field, quoted) = _cursor;
        for (; i < position && i < line.Length; i++)
        {
            if (line[i] == '"') quoted = !quoted;
            else if (line[i] == _delimiter && !quoted) field++;
        }
        _cursor = (i, field, quoted);
        return field;
    }
}

/// <summary>
/// The words that name a kind, from Presidio's recognizers' context lists (CreditCardRecognizer, UsSsnRecognizer) and
/// Macie's keywords, matched as whole words: a text is split at anything not a letter and where a lower-case letter is
/// followed by a capital, so <c>credit_card_number</c>, <c>cardNumber</c> and "Credit card" all give "card".
/// </summary>
internal static class ContextWords
{
    private static readonly HashSet<string> CardWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "card", "cards", "credit", "debit", "visa", "mastercard", "amex", "discover", "jcb", "diners", "maestro", "unionpay",
        "cc", "ccn", "pan", "payment", "cardholder", "creditcard", "cardnumber", "ccnum", "ccnumber",
    };

    private static readonly HashSet<string> SsnWords = new(StringComparer.OrdinalIgnoreCase) { "ssn", "ssns", "socialsecurity" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Cards = CardWords.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Ssns = SsnWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The stems one of the words must contain: a text without any is passed over at the speed of IndexOfAny.</summary>
    private static readonly SearchValues<string> Stems = SearchValues.Create(
        ["card", "cred", "debit", "visa", "amex", "discover", "jcb", "diners", "maestro", "unionpay", "cc", "pan", "pay", "ssn", "social", "ss#"],
        StringComparison.OrdinalIgnoreCase);

    public static NamedKinds Name(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(Stems) < 0) return NamedKinds.None;
        var named = NamedKinds.None;
        var previousWasSocial = false;
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsAsciiLetter(text[i])) { i++; continue; }
            var end = i + 1;
            while (end < text.Length && char.IsAsciiLetter(text[end]) && !(char.IsAsciiLetterLower(text[end - 1]) && char.IsAsciiLetterUpper(text[end]))) end++;
            var word = text[i..end];
            if (Cards.Contains(word)) named |= NamedKinds.PaymentCard;
            // "SS#" and "social security" name an SSN; "social" or "security" alone name many other things.
            if (Ssns.Contains(word) || (previousWasSocial && word.Equals("security", StringComparison.OrdinalIgnoreCase)) ||
                (word.Equals("ss", StringComparison.OrdinalIgnoreCase) && end < text.Length && text[end] == '#'))
                named |= NamedKinds.SocialSecurityNumber;
            previousWasSocial = word.Equals("social", StringComparison.OrdinalIgnoreCase);
            i = end;
        }
        return named;
    }
}
