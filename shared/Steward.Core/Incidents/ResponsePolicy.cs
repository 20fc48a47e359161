namespace Steward.Core.Incidents;

/// <summary>GuardDuty's severity bands: Low below 4, Medium below 7, High from 7, Critical (attack sequences) from 9.</summary>
public enum SeverityBand { Low, Medium, High, Critical }

/// <summary>How far the response goes: each level includes the ones before it.</summary>
public enum ResponseLevel
{
    /// <summary>Tell people; change nothing.</summary>
    Notify,
    /// <summary>Keep the evidence (record, snapshots, protection, quarantine tag) and tell people.</summary>
    Preserve,
    /// <summary>Keep the evidence, isolate the instance's network, stop it, and tell people.</summary>
    Contain,
}

/// <summary>Which band gets which response, and where this responder may act. Set in the template.</summary>
public sealed record ResponsePolicy(
    string AccountId, string Region, bool DryRun, IReadOnlyDictionary<SeverityBand, ResponseLevel> Levels)
{
    public static readonly IReadOnlyDictionary<SeverityBand, ResponseLevel> DefaultLevels = new Dictionary<SeverityBand, ResponseLevel>
    {
        [SeverityBand.Low] = ResponseLevel.Notify,
        [SeverityBand.Medium] = ResponseLevel.Preserve,
        [SeverityBand.High] = ResponseLevel.Contain,
        [SeverityBand.Critical] = ResponseLevel.Contain,
    };

    public static SeverityBand BandOf(double severity) =>
        severity >= 9 ? SeverityBand.Critical : severity >= 7 ? SeverityBand.High : severity >= 4 ? SeverityBand.Medium : SeverityBand.Low;

    /// <summary>Reads <c>notify</c>, <c>preserve</c> or <c>contain</c>.</summary>
    public static ResponseLevel? ParseLevel(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "notify" => ResponseLevel.Notify,
        "preserve" => ResponseLevel.Preserve,
        "contain" => ResponseLevel.Contain,
        _ => null,
    };
}
