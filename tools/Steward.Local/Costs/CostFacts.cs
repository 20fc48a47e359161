namespace Steward.Local.Costs;

/// <summary>
/// One amount of cost as the local Cost Explorer knows it: a day, the dimensions it is known by (SERVICE, USAGE_TYPE,
/// TAG:CostCenter, … whichever the source gives) and its metrics. The generated data knows all three dimensions per line;
/// a file exported with <c>aws ce get-cost-and-usage</c> knows the one or two it was grouped by.
/// </summary>
public sealed record CostFact(DateOnly Day, bool Estimated, IReadOnlyDictionary<string, string> Dimensions, decimal Unblended, decimal Amortized);

/// <summary>A set of facts that share the dimensions they know: answers may be drawn from one source only, never summed across two.</summary>
public sealed record CostSource(string Name, IReadOnlySet<string> Dimensions, IReadOnlyList<CostFact> Facts);

/// <summary>Dimension names as Cost Explorer's GroupBy and Filter say them: "SERVICE", "USAGE_TYPE", and "TAG:&lt;key&gt;" for a tag.</summary>
public static class Dimension
{
    public const string Service = "SERVICE", UsageType = "USAGE_TYPE", RecordType = "RECORD_TYPE", LinkedAccount = "LINKED_ACCOUNT";
    public static string Tag(string key) => "TAG:" + key;
}
