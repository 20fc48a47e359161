using System.Buffers;
using System.Text.RegularExpressions;

namespace Steward.Core.Storage;

/// <summary>
/// Secrets no provider's shape tells: a value given to a name that says it is secret (<c>password=</c>, <c>db_pass:</c>,
/// <c>"client_secret": "…"</c>, <c>api_key =</c>, <c>token:</c>), as gitleaks' generic rule and detect-secrets' keyword
/// plugin find them. The name is split into its words (<c>mySecretString</c> is my, secret, string); a secret word must be
/// among them, and the last word must not say the value is something else about the secret (<c>secret_length</c>,
/// <c>access_token_url</c>, <c>credentialsId</c>, <c>LLM_SECRET_NAME</c>), nor may a word say it is not secret
/// (<c>public_token</c>, <c>csrf-token</c>). The value must be random enough (<see cref="MinimumEntropy"/>, at least
/// <see cref="ShortestValue"/> characters) and not a placeholder or a reference (<c>changeme</c>, <c>${DB_PASSWORD}</c>,
/// <c>&lt;password&gt;</c>, <c>xxxxx</c>, <c>process.env.TOKEN</c>).
/// </summary>
internal static partial class SecretAssignments
{
    /// <summary>Bits per character below which a value is a word or a pattern, not a secret: "changeme" has 2.75, "hunter2" 2.8.</summary>
    public const double MinimumEntropy = 3.0;

    public const int ShortestValue = 8;

    private static readonly SearchValues<string> Stems = SearchValues.Create(["pass", "pwd", "secret", "token", "key", "cred"], StringComparison.OrdinalIgnoreCase);

    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "passphrase", "pass", "pwd", "secret", "secrets", "token", "apikey", "credential", "credentials", "creds",
    };

    /// <summary>Two words that together say secret: api key, access key, private key, client secret, auth key, account key.</summary>
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.OrdinalIgnoreCase) { "api", "access", "private", "auth", "account", "secret", "signing", "encryption", "master" };

    /// <summary>A last word saying the value is about the secret, not the secret: its name, id, length, where it is kept.</summary>
    private static readonly HashSet<string> NotTheValue = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "ids", "name", "names", "url", "uri", "endpoint", "path", "file", "dir", "length", "len", "size", "type", "version", "count",
        "header", "field", "prefix", "ttl", "expiry", "expires", "format", "policy", "ref", "hash",
    };

    /// <summary>Words saying the value is meant to be seen.</summary>
    private static readonly HashSet<string> NotSecret = new(StringComparer.OrdinalIgnoreCase) { "public", "pub", "csrf", "xsrf" };

    /// <summary>Values that are words people put where a secret goes.</summary>
    private static readonly SearchValues<string> PlaceholderWords = SearchValues.Create(
        ["changeme", "change_me", "password", "secret", "example", "sample", "dummy", "placeholder", "redacted", "your", "fake", "xxxx", "****", "todo", "replace", "insert"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> LettersAndDigits = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly SearchValues<char> NameCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

    /// <summary>name(…): the value is what a function returns, not written here.</summary>
    private static bool Call(ReadOnlySpan<char> v) =>
        v[^1] == ')' && v.IndexOf('(') is var open and > 0 && char.IsAsciiLetter(v[0]) && !v[..open].ContainsAnyExcept(NameCharacters);

    /// <summary>a.b.c, each part starting with a letter: a member, an environment variable or a host, not a secret.</summary>
    private static bool DottedName(ReadOnlySpan<char> v)
    {
        if (!v.Contains('.') || v.ContainsAnyExcept(NameCharacters)) return false;
        foreach (var part in v.Split('.'))
            if (part.End.GetOffset(v.Length) == part.Start.GetOffset(v.Length) || !(char.IsAsciiLetter(v[part][0]) || v[part][0] == '_')) return false;
        return true;
    }

    public static bool MayHold(ReadOnlySpan<char> line) => line.IndexOfAny(Stems) >= 0;

    public static int Count(ReadOnlySpan<char> line)
    {
        var found = 0;
        foreach (var m in Assignment().EnumerateMatches(line))
        {
            var text = line.Slice(m.Index, m.Length);
            var op = text.IndexOfAny(Operators);
            if (SecretName(text[..op].TrimEnd(" \t\"'`!")) && SecretValue(Value(text[op..].TrimStart(":=>! \t")))) found++;
        }
        // A literal compared with a secret's name is that secret: if ("…" == password).
        foreach (var m in Comparison().EnumerateMatches(line))
        {
            var text = line.Slice(m.Index, m.Length);
            var close = text[1..].IndexOf(text[0]) + 1;
            if (SecretName(text[(close + 1)..].TrimStart(" \t=!")) && SecretValue(Value(text[..(close + 1)]))) found++;
        }
        return found;
    }

    private static readonly SearchValues<char> Operators = SearchValues.Create(":=!");

    /// <summary>A quoted value without its quotes; a bare one without the punctuation that ends a statement.</summary>
    private static ReadOnlySpan<char> Value(ReadOnlySpan<char> v)
    {
        if (v.Length >= 2 && v[0] is '"' or '\'' or '`')
        {
            var close = v[1..].IndexOf(v[0]);
            return close < 0 ? v[1..] : v[1..(close + 1)];
        }
        var bare = v.TrimEnd(",;)'\"`");
        // A bare value that starts with a language's keyword and then punctuation is code, not a literal: `token = default)`,
        // `secret = null;` run into the next words where a PDF or a minified file lost its line breaks.
        var word = bare.IndexOfAnyExcept(LettersAndDigits) is var end and > 0 ? bare[..end] : [];
        return Is(CodeKeywords, word) ? [] : bare;
    }

    /// <summary>Words a program writes where a value goes: never a secret's first word followed by punctuation.</summary>
    private static readonly HashSet<string> CodeKeywords = new(StringComparer.Ordinal)
    {
        "default", "null", "nil", "None", "undefined", "true", "false", "True", "False", "new", "this", "self", "await", "typeof", "nameof",
    };

    private static bool SecretName(ReadOnlySpan<char> name)
    {
        var secret = false;
        var last = ReadOnlySpan<char>.Empty;
        var previous = ReadOnlySpan<char>.Empty;
        for (var i = 0; i < name.Length;)
        {
            if (!char.IsAsciiLetter(name[i])) { i++; continue; }
            var end = i + 1;
            while (end < name.Length && char.IsAsciiLetter(name[end]) && !(char.IsAsciiLetterLower(name[end - 1]) && char.IsAsciiLetterUpper(name[end]))) end++;
            var word = name[i..end];
            if (Is(NotSecret, word)) return false;
            if (Is(SecretWords, word) ||
                word.Equals("key", StringComparison.OrdinalIgnoreCase) && Is(KeyQualifiers, previous))
                secret = true;
            previous = word;
            last = word;
            i = end;
        }
        return secret && !Is(NotTheValue, last);
    }

    private static bool Is(HashSet<string> words, ReadOnlySpan<char> word) => words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

    private static bool SecretValue(ReadOnlySpan<char> value)
    {
        if (value.Length < ShortestValue || value.IndexOfAnyInRange('0', '9') < 0 && value.IndexOfAnyExceptInRange('a', 'z') < 0) return false; // a lower-case word
        if (!value.ContainsAny(LettersAndDigits) || value.IndexOfAny(PlaceholderWords) >= 0) return false; // punctuation; a placeholder
        // References to where the secret is kept: ${VAR}, {{ var }}, {Name}, <password>, %(name)s, $VAR, a call, a dotted name
        // (process.env.TOKEN, config.password, a host name).
        if (value[0] is '$' or '{' || value[0] == '<' && value[^1] == '>' || value.StartsWith("%(") || Call(value) || DottedName(value)) return false;
        return SecretText.Entropy(value) >= MinimumEntropy;
    }

    /// <summary>
    /// A name (up to 64 word characters, dots and dashes; quoted or not), an operator (=, :, :=, =>, ==), and a value: quoted
    /// up to its closing quote, or bare up to a space. Every part bounded.
    /// </summary>
    [GeneratedRegex("""(?<![\w.-])[A-Za-z_][\w.-]{0,63}["'`]?[ \t]{0,4}(?::=|=>|={1,3}|!={1,2}|:)[ \t]{0,4}(?:"[^"\r\n]{1,200}"|'[^'\r\n]{1,200}'|`[^`\r\n]{1,200}`|[^\s"'`]{1,200})""")]
    private static partial Regex Assignment();

    /// <summary>A quoted literal, an equality operator (==, ===, !=, !==), a name.</summary>
    [GeneratedRegex("""(?:"[^"\r\n]{1,200}"|'[^'\r\n]{1,200}')[ \t]{0,4}(?:={2,3}|!={1,2})[ \t]{0,4}[A-Za-z_][\w.-]{0,63}""")]
    private static partial Regex Comparison();
}
