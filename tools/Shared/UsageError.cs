namespace Steward.Tools;

/// <summary>
/// System.CommandLine's parse errors as the one line both tools print for a mistyped command line (exit 2). Compiled into
/// each tool (tools/Shared), as the tools share no library of their own.
/// </summary>
internal static class UsageError
{
    // "Required command was not provided." comes with every misspelt command, after which the misspelling itself is the
    // useful part; messages such as "Must be one of:" span lines and tabs.
    public static string OneLine(IEnumerable<string> messages)
    {
        var all = messages.Select(m => string.Join(' ', m.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Where(m => m.Length > 0).Distinct().ToList();
        var telling = all.Where(m => !m.StartsWith("Required command was not provided", StringComparison.Ordinal)).ToList();
        var shown = (telling.Count > 0 ? telling : all).Take(2).Select(m => m.TrimEnd('.'));
        return string.Join("; ", shown);
    }
}
