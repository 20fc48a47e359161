using System.Globalization;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Core.Storage;

namespace Steward.StorageHooks;

/// <summary>Everything the template tells the storage hook, read and checked once at start.</summary>
public static class Settings
{
    /// <exception cref="ConfigurationException">A variable is malformed; the message names it.</exception>
    public static StorageSettings From(IEnvironment env)
    {
        static List<string> List(string? text) => (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        long Bytes(string name, long fallback) => env.Get(name) is { Length: > 0 } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ConfigurationException($"{name} is '{text}': write a number of bytes")
            : fallback;
        return new StorageSettings(List(env.Get("OWN_BUCKETS")).ToHashSet(), List(env.Get("EXCLUDED_PREFIXES")),
            env.Get("PUBLIC_PREFIXES") is { } p ? List(p) : StorageSettings.Default.PublicPrefixes, Bytes("SCAN_LIMIT_BYTES", StorageSettings.Default.ScanLimitBytes),
            env.Get("OWNER_TAG") is { Length: > 0 } owner ? owner.Trim() : StorageSettings.Default.OwnerTag,
            Bytes("OPEN_LIMIT_BYTES", StorageSettings.Default.OpenLimitBytes));
    }

    public static string LedgerTable(IEnvironment env) =>
        env.Get("LEDGER_TABLE") is { Length: > 0 } t ? t.Trim() : throw new ConfigurationException("LEDGER_TABLE is not set: the template sets it for StorageHooks");

    /// <summary>Where the ledger and the checkpoint go: the cost-snapshot bucket, where the cost report finds them.</summary>
    public static string ReportBucket(IEnvironment env) =>
        env.Get("REPORT_BUCKET") is { Length: > 0 } b ? b.Trim() : throw new ConfigurationException("REPORT_BUCKET is not set: the template sets it for StorageHooks");

    public static IReadOnlyList<string> WatchedBuckets(IEnvironment env) =>
        (env.Get("WATCHED_BUCKETS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static TimeSpan ReconcileBudget(IEnvironment env) =>
        env.Get("RECONCILE_BUDGET_SECONDS") is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : throw new ConfigurationException($"RECONCILE_BUDGET_SECONDS is '{text}': write a number of seconds")
            : TimeSpan.FromMinutes(10);

    /// <summary>The member accounts whose buckets' events are forwarded here, and the account this is; none without MEMBER_ACCOUNTS.</summary>
    public static (string Home, MemberSettings Members) Members(IEnvironment env)
    {
        if (env.Get("MEMBER_ACCOUNTS") is not { Length: > 0 }) return ("", MemberSettings.None);
        var home = env.Get("ACCOUNT_ID") is { Length: > 0 } a ? a.Trim() : throw new ConfigurationException("ACCOUNT_ID is not set: the template sets it for StorageHooks");
        return (home, MemberSettings.From(env, home, "StorageHooks"));
    }

    /// <summary>
    /// Member accounts' buckets the reconciliation lists too (MEMBER_BUCKETS: <c>account/bucket</c>, separated by commas),
    /// each in one of the member accounts: checked at start.
    /// </summary>
    public static IReadOnlyList<MemberBucket> MemberBuckets(IEnvironment env, MemberAccounts members)
    {
        var buckets = (env.Get("MEMBER_BUCKETS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(entry =>
            entry.Split('/') is [var account, var bucket] && account.Length == 12 && account.All(char.IsAsciiDigit) && bucket.Length is >= 3 and <= 63
                ? new MemberBucket(account, bucket)
                : throw new ConfigurationException($"MEMBER_BUCKETS has '{entry}': write account/bucket, e.g. 111111111111/payments-exports")).ToList();
        if (buckets.FirstOrDefault(b => !members.Admits(b.Account)) is { } stray)
            throw new ConfigurationException($"MEMBER_BUCKETS names {stray.Account}/{stray.Bucket}, but {stray.Account} is not one of MEMBER_ACCOUNTS ({members.Describe()})");
        return buckets;
    }

    /// <summary>No member buckets, as a deployment without members must have: MEMBER_BUCKETS set there is a mistake, said at start.</summary>
    public static (IReadOnlyList<MemberBucket>, IAccountAccess<AccountStorage>)? NoMemberBuckets(IEnvironment env) =>
        env.Get("MEMBER_BUCKETS") is { Length: > 0 } && env.Get("MEMBER_ACCOUNTS") is not { Length: > 0 }
            ? throw new ConfigurationException("MEMBER_BUCKETS is set, but MEMBER_ACCOUNTS is empty: the buckets' accounts must be member accounts")
            : null;

    /// <summary>The SSM parameters of the MinIO deployment (tokens, endpoint); null when the stack has none.</summary>
    public static (string Tokens, string Endpoint)? Minio(IEnvironment env) =>
        env.Get("MINIO_TOKENS_PARAMETER") is { Length: > 0 } tokens && env.Get("MINIO_ENDPOINT_PARAMETER") is { Length: > 0 } endpoint ? (tokens.Trim(), endpoint.Trim()) : null;
}
