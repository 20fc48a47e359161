using System.Globalization;

namespace Steward.Core.Storage;

/// <summary>
/// Steward's tags on an object: <c>steward:class</c>, <c>steward:scan</c> (how much was read: complete, partial, encrypted,
/// unsupported, too-large, damaged), <c>steward:content</c>, <c>steward:classified-at</c> and <c>steward:findings</c> (the
/// count of each kind found, e.g. <c>paymentCard=2 emailAddress=14</c>: counts, never values). S3 replaces an object's
/// whole tag set and allows ten, so Steward's are merged into the owner's, never in place of them: when there is no room,
/// the most useful of Steward's go first (class, scan, content, time, findings) and what did not fit is said.
/// </summary>
public static class ObjectTags
{
    public const int Limit = 10;
    public const string ClassKey = "steward:class", ContentKey = "steward:content", ClassifiedAtKey = "steward:classified-at", ScanKey = "steward:scan",
        FindingsKey = "steward:findings";
    private static readonly string[] Ours = [ClassKey, ScanKey, ContentKey, ClassifiedAtKey, FindingsKey];

    /// <summary>S3's limit on a tag's value.</summary>
    private const int ValueLimit = 256;

    /// <summary>
    /// Classified before: this version carries a class and says how much was read (tagging does not re-classify). A class
    /// without a scan tag was written by a Steward that read only text, so the version is classified again; unless the
    /// owner's tags left no room for the scan tag, when asking again would change nothing.
    /// </summary>
    public static bool AlreadyClassified(IReadOnlyDictionary<string, string> tags) =>
        tags.ContainsKey(ClassKey) && (tags.ContainsKey(ScanKey) || tags.Count >= Limit);

    /// <summary>The count of each kind found, most first, in what fits a tag's value; "none" when nothing was.</summary>
    public static string Findings(IReadOnlyDictionary<Finding, int> findings)
    {
        var text = "";
        foreach (var (kind, count) in findings.Where(f => f.Value > 0).OrderByDescending(f => f.Value).ThenBy(f => f.Key))
        {
            var item = $"{char.ToLowerInvariant(kind.ToString()[0])}{kind.ToString()[1..]}={count}";
            if (text.Length + item.Length + 1 > ValueLimit) break;
            text = text.Length == 0 ? item : text + " " + item;
        }
        return text.Length == 0 ? "none" : text;
    }

    public static (Dictionary<string, string> Tags, IReadOnlyList<string> LeftOut) Merge(IReadOnlyDictionary<string, string> existing, Classification c, DateTimeOffset at)
    {
        var tags = existing.Where(t => !Ours.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value);
        var wanted = new (string Key, string Value)[]
        {
            (ClassKey, DataClassRules.Tag(c.Class)), (ScanKey, DataClassRules.Tag(c.Scan.Coverage)), (ContentKey, DataClassRules.Tag(c.Content) + (c.Compressed ? "+gzip" : "")),
            (ClassifiedAtKey, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), (FindingsKey, Findings(c.Findings)),
        };
        var leftOut = new List<string>();
        foreach (var (key, value) in wanted)
            if (tags.Count < Limit) tags[key] = value;
            else leftOut.Add(key);
        return (tags, leftOut);
    }
}
