using System.Text.Json.Serialization;

namespace Steward.Core.Costs;

/// <summary>
/// What kind of money a line of the bill is. Only usage (and the commitments that pay for usage, amortized) says how the
/// cloud is being used: it drives the anomalies, the forecast and unit costs. The rest is shown as its own lines.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChargeKind>))]
public enum ChargeKind
{
    [JsonStringEnumMemberName("usage")] Usage,
    /// <summary>Reserved Instance and Savings Plans fees, upfront or recurring: commitments bought to pay for usage.</summary>
    [JsonStringEnumMemberName("purchases")] Purchase,
    [JsonStringEnumMemberName("tax")] Tax,
    [JsonStringEnumMemberName("support")] Support,
    /// <summary>Everything else AWS charges outside usage: out-of-cycle charges, registrations, record types Steward does not know.</summary>
    [JsonStringEnumMemberName("fees")] Fee,
    /// <summary>Credits and discounts (promotional credits, EDP, bundled and private-rate discounts).</summary>
    [JsonStringEnumMemberName("credits")] Credit,
    [JsonStringEnumMemberName("refunds")] Refund,
}

/// <summary>
/// Cost Explorer's <c>RECORD_TYPE</c> (the console's "charge type") read as a <see cref="ChargeKind"/>, with the FOCUS
/// ChargeCategory each maps to. The API spells some values without spaces ("SavingsPlanCoveredUsage", "RIFee") and the
/// console with them ("Savings Plan covered usage", "Recurring reservation fee"): both are read, case and spaces aside.
/// </summary>
public static class Charges
{
    public static readonly IReadOnlyList<ChargeKind> All = Enum.GetValues<ChargeKind>();

    private static readonly Dictionary<string, ChargeKind> Known = new(StringComparer.Ordinal)
    {
        ["usage"] = ChargeKind.Usage, ["discountedusage"] = ChargeKind.Usage,
        // Covered usage is billed at the on-demand rate and taken back by its negation; amortized, it carries the plan's rate.
        ["savingsplancoveredusage"] = ChargeKind.Usage, ["savingsplannegation"] = ChargeKind.Usage,
        ["rifee"] = ChargeKind.Purchase, ["recurring"] = ChargeKind.Purchase, ["recurringreservationfee"] = ChargeKind.Purchase,
        ["upfront"] = ChargeKind.Purchase, ["upfrontreservationfee"] = ChargeKind.Purchase,
        ["savingsplanrecurringfee"] = ChargeKind.Purchase, ["savingsplanupfrontfee"] = ChargeKind.Purchase,
        ["tax"] = ChargeKind.Tax,
        ["support"] = ChargeKind.Support, ["supportfee"] = ChargeKind.Support,
        ["credit"] = ChargeKind.Credit, ["bundleddiscount"] = ChargeKind.Credit, ["edpdiscount"] = ChargeKind.Credit,
        ["enterprisediscountprogramdiscount"] = ChargeKind.Credit, ["privateratediscount"] = ChargeKind.Credit,
        ["distributordiscount"] = ChargeKind.Credit, ["solutionproviderprogramdiscount"] = ChargeKind.Credit, ["sppdiscount"] = ChargeKind.Credit,
        ["refund"] = ChargeKind.Refund,
        ["fee"] = ChargeKind.Fee, ["otherout-of-cyclecharges"] = ChargeKind.Fee,
    };

    /// <summary>The kind of a record type; one Steward does not know is a fee (never usage: it would move the forecast), named by its record type.</summary>
    public static ChargeKind KindOf(string recordType) =>
        Known.TryGetValue(Normalize(recordType), out var kind) ? kind : ChargeKind.Fee;

    /// <summary>
    /// A row's kind, with its service where it is known: AWS Support's monthly fee is support whatever record type carries it.
    /// </summary>
    public static ChargeKind KindOf(string recordType, CostDimension dimension, string key) =>
        dimension == CostDimension.Service && key.StartsWith("AWS Support", StringComparison.Ordinal) && KindOf(recordType) is ChargeKind.Usage or ChargeKind.Fee
            ? ChargeKind.Support
            : KindOf(recordType);

    /// <summary>An upfront commitment fee: billed once on its day, spread over its term when amortized; it does not recur.</summary>
    public static bool IsUpfront(string recordType) => Normalize(recordType) is "upfront" or "upfrontreservationfee" or "savingsplanupfrontfee";

    /// <summary>Usage and commitments: the money that follows what runs. Read at its effective (amortized) amount.</summary>
    public static bool IsUsage(ChargeKind kind) => kind is ChargeKind.Usage or ChargeKind.Purchase;

    /// <summary>FOCUS 1.x ChargeCategory: Usage, Purchase, Tax, Credit or Adjustment.</summary>
    public static string FocusCategory(ChargeKind kind) => kind switch
    {
        ChargeKind.Usage => "Usage",
        ChargeKind.Purchase or ChargeKind.Support or ChargeKind.Fee => "Purchase",
        ChargeKind.Tax => "Tax",
        ChargeKind.Credit => "Credit",
        _ => "Adjustment",
    };

    public static string InWords(ChargeKind kind) => kind switch
    {
        ChargeKind.Usage => "usage",
        ChargeKind.Purchase => "commitment purchases (Reserved Instances, Savings Plans)",
        ChargeKind.Tax => "tax",
        ChargeKind.Support => "AWS Support",
        ChargeKind.Fee => "other fees",
        ChargeKind.Credit => "credits and discounts",
        _ => "refunds",
    };

    /// <summary>One charge line in words: "AWS Support (Business) fee", "tax on virtual servers (EC2)", "Savings Plans recurring fee".</summary>
    public static string LineInWords(ChargeKind kind, string recordType, string service)
    {
        var what = service.Length == 0 ? "" : ServiceNames.InWords(service);
        return kind switch
        {
            ChargeKind.Support => $"{(service.Length == 0 ? "AWS Support" : service)} fee",
            ChargeKind.Tax => what.Length == 0 || service == "Tax" ? "tax" : $"tax on {what}",
            ChargeKind.Credit => what.Length == 0 ? RecordTypeInWords(recordType) : $"{RecordTypeInWords(recordType)} on {what}",
            ChargeKind.Refund => what.Length == 0 ? "refund" : $"refund on {what}",
            // A plan's fee is billed under the plan itself ("Savings Plans for AWS Compute usage"): that says nothing more.
            ChargeKind.Purchase => what.Length == 0 || service.StartsWith("Savings Plans", StringComparison.Ordinal) ? RecordTypeInWords(recordType) : $"{RecordTypeInWords(recordType)} ({what})",
            ChargeKind.Fee => what.Length == 0 ? RecordTypeInWords(recordType) : $"{RecordTypeInWords(recordType)} ({what})",
            _ => what,
        };
    }

    private static string RecordTypeInWords(string recordType) => Normalize(recordType) switch
    {
        "rifee" or "recurring" or "recurringreservationfee" => "Reserved Instance recurring fee",
        "upfront" or "upfrontreservationfee" => "Reserved Instance upfront fee",
        "savingsplanrecurringfee" => "Savings Plans recurring fee",
        "savingsplanupfrontfee" => "Savings Plans upfront fee",
        "credit" => "credit",
        "bundleddiscount" => "bundled discount",
        "edpdiscount" or "enterprisediscountprogramdiscount" => "Enterprise Discount Program discount",
        "privateratediscount" => "private rate discount",
        "distributordiscount" => "distributor discount",
        "solutionproviderprogramdiscount" or "sppdiscount" => "Solution Provider Program discount",
        "otherout-of-cyclecharges" => "out-of-cycle charge",
        "fee" => "fee",
        _ => recordType.Length == 0 ? "charge" : $"{recordType} charge",
    };

    private static string Normalize(string recordType) => recordType.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
