using Steward.Core.Costs;

namespace Steward.Core.Ports;

/// <summary>A usage type's (or a service's) cost on one day, from a drill-down.</summary>
public sealed record DailyAmount(string Key, DateOnly Day, decimal Amount);

/// <summary>Cost Explorer, as the cost report reads it. Every call costs $0.01, so the adapter counts them.</summary>
public interface ICostExplorer
{
    /// <summary>Requests made so far by this instance (pages included).</summary>
    int Requests { get; }

    /// <summary>Daily UnblendedCost and AmortizedCost from <paramref name="from"/> to the day before <paramref name="toExclusive"/>, every page,
    /// by service or by the cost-allocation tag (an untagged group's key is "").</summary>
    /// <exception cref="DependencyFailed">Cost Explorer is not enabled or not allowed; the message says what to do.</exception>
    Task<IReadOnlyList<CostRow>> DailyCostsAsync(CostDimension by, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct);

    /// <summary>What is inside one series: a service's cost by usage type, or a cost centre's by service, day by day.</summary>
    Task<IReadOnlyList<DailyAmount>> DrillDownAsync(CostDimension dimension, string key, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct);

    /// <summary>
    /// A cost centre's own (tagged) billed cost by linked account, day by day ("" the untagged): asked only of an
    /// organization's management account, for the team pages.
    /// </summary>
    Task<IReadOnlyList<DailyAmount>> CostCentreByAccountAsync(string costCentre, string tagKey, DateOnly from, DateOnly toExclusive, CancellationToken ct);

    /// <summary>Cost Explorer's forecast of UnblendedCost for the period; null when it has none to give.</summary>
    Task<decimal?> ForecastAsync(DateOnly from, DateOnly toExclusive, CancellationToken ct);
}

/// <summary>An object written whole: its version (in a versioned bucket) and SHA-256.</summary>
public sealed record StoredObject(string Key, string? VersionId, string Sha256, long Bytes);

/// <summary>The snapshot bucket (versioned, encrypted, not public).</summary>
public interface ISnapshotStore
{
    /// <summary>Null when there is no such object.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken ct);
    Task<StoredObject> PutAsync(string key, byte[] content, string contentType, CancellationToken ct);
    /// <summary>A link that lets its holder read the object without AWS credentials, for a limited time.</summary>
    string ShareLink(string key, TimeSpan lifetime);
    string Location(string key);
}

/// <summary>An account of the organization: its id, its name, and whether it is active (ListAccounts' Status ACTIVE).</summary>
public sealed record OrganizationAccount(string Id, string Name, bool Active);

/// <summary>Who the linked accounts of an organization are: AWS Organizations, as the management account reads it.</summary>
public interface IAccountDirectory
{
    /// <summary>Each account's id and name; every page.</summary>
    /// <exception cref="DependencyFailed">Organizations is not in use, or not allowed; the message says which.</exception>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct);

    /// <summary>
    /// Each account with its name and whether it is active (not suspended or closing); every page. A directory that knows
    /// no status answers every named account as active.
    /// </summary>
    async Task<IReadOnlyList<OrganizationAccount>> AccountsAsync(CancellationToken ct) =>
        [.. (await NamesAsync(ct)).Select(kv => new OrganizationAccount(kv.Key, kv.Value, Active: true))];
}
