using System.Globalization;

namespace Steward.Core.Storage;

/// <summary>
/// Steward's tags on an object: <c>steward:class</c>, <c>steward:scan</c> (how much was read: complete, partial, encrypted,
/// unsupported, too-large), <c>steward:content</c>, <c>steward:classified-at</c>. S3 replaces an object's whole tag set and
/// allows ten, so Steward's are merged into the owner's, never in place of them: when there is no room, the most useful of
/// Steward's go first (class, then scan, then content, then the time) and what did not fit is said.
/// </summary>
public static class ObjectTags
{
    public const int Limit = 10;
    public const string ClassKey = "steward:class", ContentKey = "steward:content", ClassifiedAtKey = "steward:classified-at", ScanKey = "steward:scan";
    private static readonly string[] Ours = [ClassKey, ScanKey, ContentKey, ClassifiedAtKey];

    /// <summary>Classified before: this version carries a class and a content already (tagging does not re-classify).</summary>
    public static bool AlreadyClassified(IReadOnlyDictionary<string, string> tags) => tags.ContainsKey(ClassKey) && tags.ContainsKey(ContentKey);

    public static (Dictionary<string, string> Tags, IReadOnlyList<string> LeftOut) Merge(IReadOnlyDictionary<string, string> existing, Classification c, DateTimeOffset at)
    {
        var tags = existing.Where(t => !Ours.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value);
        var wanted = new (string Key, string Value)[]
        {
            (ClassKey, DataClassRules.Tag(c.Class)), (ScanKey, DataClassRules.Tag(c.Scan.Coverage)), (ContentKey, DataClassRules.Tag(c.Content) + (c.Compressed ? "+gzip" : "")),
            (ClassifiedAtKey, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        };
        var leftOut = new List<string>();
        foreach (var (key, value) in wanted)
            if (tags.Count < Limit) tags[key] = value;
            else leftOut.Add(key);
        return (tags, leftOut);
    }
}
