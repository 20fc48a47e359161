using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Steward.Changes;

namespace Steward.Tests.Changes;

/// <summary>
/// The resource blocks of Infracost's test .tf files read as the attribute values a plan would hold for them, so the same
/// resources Infracost's goldens were made from can be priced here without Terraform. Literals, nested blocks,
/// <c>count</c> and literal <c>for_each</c> maps are read; any other expression stays unknown (as in a plan before apply),
/// and a reference to another resource (<c>aws_launch_template.example.id</c>) is kept as one.
/// </summary>
public static partial class TerraformSource
{
    public sealed record Block(string Address, string Type, Dictionary<string, object?> Values);

    public static List<Block> Read(string text)
    {
        var p = new Parser(StripComments(text));
        var blocks = new List<Block>();
        while (p.SkipSpace())
        {
            var keyword = p.Identifier();
            var labels = new List<string>();
            while (p.Peek() == '"') labels.Add(p.QuotedString());
            p.Expect('{');
            var body = p.Body();
            if (keyword != "resource" || labels.Count != 2) continue;
            blocks.AddRange(Expand(labels[0], labels[1], body));
        }
        return blocks;
    }

    private static IEnumerable<Block> Expand(string type, string name, Dictionary<string, object?> body)
    {
        if (body.Remove("count", out var count))
        {
            for (var i = 0; i < (count is long n ? n : 0); i++) yield return new Block($"{type}.{name}[{i}]", type, body);
        }
        else if (body.Remove("for_each", out var each))
        {
            if (each is not Dictionary<string, object?> map) yield break; // a computed for_each: unknown until apply
            foreach (var (key, value) in map)
                yield return new Block($"{type}.{name}[\"{key}\"]", type, (Dictionary<string, object?>)Substitute(body, key, value)!);
        }
        else yield return new Block($"{type}.{name}", type, body);
    }

    /// <summary><c>each.key</c> and <c>each.value.x</c> replaced by the for_each entry's.</summary>
    private static object? Substitute(object? value, string key, object? entry) => value switch
    {
        EachReference { Path: "key" } => key,
        EachReference r when r.Path.StartsWith("value.", StringComparison.Ordinal) =>
            entry is Dictionary<string, object?> d ? d.GetValueOrDefault(r.Path[6..]) : null,
        EachReference => entry,
        Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Substitute(kv.Value, key, entry)),
        List<object?> l => l.Select(v => Substitute(v, key, entry)).ToList(),
        _ => value,
    };

    private sealed record EachReference(string Path);

    private static string StripComments(string text) => Comments().Replace(text, m => m.Value.StartsWith('"') ? m.Value : m.Value.Contains('\n') ? "\n" : "");

    [GeneratedRegex("\"(?:\\\\.|[^\"\\\\])*\"|#[^\\n]*|//[^\\n]*|/\\*[\\s\\S]*?\\*/")]
    private static partial Regex Comments();

    private sealed partial class Parser(string text)
    {
        private int _at;

        public char Peek() { SkipSpace(); return _at < text.Length ? text[_at] : '\0'; }

        public bool SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
            return _at < text.Length;
        }

        private void SkipInlineSpace() { while (_at < text.Length && text[_at] is ' ' or '\t' or '\r') _at++; }

        public string Identifier()
        {
            SkipSpace();
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '-')) _at++;
            return text[start.._at];
        }

        public void Expect(char c)
        {
            if (Peek() != c) throw new FormatException($"expected '{c}' at {_at}: {text[_at..Math.Min(text.Length, _at + 40)]}");
            _at++;
        }

        public string QuotedString()
        {
            Expect('"');
            var sb = new StringBuilder();
            while (text[_at] != '"')
            {
                if (text[_at] == '\\') _at++;
                sb.Append(text[_at++]);
            }
            _at++;
            return sb.ToString();
        }

        /// <summary>Attributes and nested blocks up to the closing brace; repeated blocks become a list, as in a plan.</summary>
        public Dictionary<string, object?> Body()
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (Peek() != '}')
            {
                var name = Peek() == '"' ? QuotedString() : Identifier();
                if (Peek() == '=' || Peek() == ':')
                {
                    _at++;
                    values[name] = Value();
                }
                else
                {
                    while (Peek() == '"') QuotedString();
                    Expect('{');
                    var block = Body();
                    (values.TryGetValue(name, out var list) && list is List<object?> l ? l : (List<object?>)(values[name] = new List<object?>())).Add(block);
                }
                SkipInlineSpace();
                if (_at < text.Length && text[_at] == ',') _at++;
            }
            _at++;
            return values;
        }

        private object? Value()
        {
            var c = Peek();
            if (c == '"') return QuotedString();
            if (c == '<' && _at + 1 < text.Length && text[_at + 1] == '<') return Heredoc();
            if (c == '[')
            {
                _at++;
                var list = new List<object?>();
                while (Peek() != ']')
                {
                    list.Add(Value());
                    if (Peek() == ',') _at++;
                }
                _at++;
                return list;
            }
            if (c == '{')
            {
                var open = _at++;
                try { return Body(); }
                catch (FormatException)
                {
                    // A for expression ({ for x in … : k => v }): skip it whole; its value is Terraform's to compute.
                    _at = open;
                    for (var nesting = 0; ; _at++)
                    {
                        if (text[_at] == '{') nesting++;
                        else if (text[_at] == '}' && --nesting == 0) { _at++; break; }
                    }
                    return new Unresolved("is a for expression, known only to Terraform");
                }
            }
            var start = _at;
            var depth = 0;
            while (_at < text.Length && (depth > 0 || (text[_at] != '\n' && text[_at] != ',' && text[_at] != '}' && text[_at] != ']')))
            {
                if (text[_at] is '(' or '[' or '{') depth++;
                if (text[_at] is ')' or ']' or '}') depth--;
                _at++;
            }
            var raw = text[start.._at].Trim();
            if (raw is "true" or "false") return raw == "true";
            if (raw == "null") return null;
            if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
            if (raw.StartsWith("each.", StringComparison.Ordinal)) return new EachReference(raw[5..]);
            if (ResourceAttribute().Match(raw) is { Success: true } m) return new ResourceReference(m.Groups[1].Value);
            return new Unresolved($"is the expression {raw}, known only to Terraform");
        }

        /// <summary>A heredoc (<c>&lt;&lt;EOF</c> or <c>&lt;&lt;-EOF</c>) up to the line that is its word alone.</summary>
        private string Heredoc()
        {
            _at += 2;
            if (text[_at] == '-') _at++;
            var word = Identifier();
            var lines = new List<string>();
            foreach (var line in text[(text.IndexOf('\n', _at) + 1)..].Split('\n'))
            {
                _at = text.IndexOf('\n', _at) + 1;
                if (line.Trim() == word) { _at += line.Length; return string.Join('\n', lines); }
                lines.Add(line);
            }
            throw new FormatException($"heredoc {word} is not closed");
        }

        [GeneratedRegex(@"^((?:aws|random|null)_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+$")]
        private static partial Regex ResourceAttribute();
    }
}
