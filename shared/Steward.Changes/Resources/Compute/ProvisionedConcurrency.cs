using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// Lambda provisioned concurrency: execution environments kept initialised, billed per GB-second for as long as the
/// configuration exists, used or not, and the requests and duration that run on them at provisioned rates. Infracost
/// counts the configured time as usage (none unless a usage file says <c>monthly_duration_hrs</c>); a configuration that
/// exists is billed all month, so without that key the whole month is priced, as a fixed charge.
/// </summary>
/// <param name="MemoryMb">The function's memory when the source has the function; null when it does not (then the usage
/// file's <c>memory_mb</c>, else Lambda's default of 128 MB, said).</param>
/// <param name="Arm">Whether the function runs on arm64 (a usage file's <c>architecture: arm64</c> says so too).</param>
public sealed record ProvisionedConcurrency(decimal Executions, decimal? MemoryMb, bool Arm) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var memory = usage["memory_mb"] ?? MemoryMb ?? 128;
        var arm = Arm || usage.Says("architecture", "arm64");
        var hours = usage["monthly_duration_hrs"];
        var requests = usage["monthly_requests"];
        var concurrencyGbSeconds = Executions * memory / 1024 * (hours ?? at.Hours) * 3600;
        var durationGbSeconds = requests * (usage["request_duration_ms"] ?? 1) / 1000 * memory / 1024;
        var arch = arm ? "arm64" : "x86_64";
        var notes = new List<string>();
        if (hours is null) notes.Add("provisioned for the whole month (730 hours): a usage file's monthly_duration_hrs prices less");
        if (usage["memory_mb"] is null && MemoryMb is null) notes.Add("the function is not in this source: priced at Lambda's default 128 MB (a usage file's memory_mb gives its size)");
        return new(name, type)
        {
            Components =
            [
                Usage("Requests", "1M requests", Millions(requests), at.Catalog.Price("lambda.requests")),
                AtPrice(at, "Provisioned Concurrency", "GB-seconds", concurrencyGbSeconds, $"lambda.{arch}.provisionedConcurrency", usageBased: hours is not null),
                AtPrice(at, "Duration", "GB-seconds", durationGbSeconds, $"lambda.{arch}.provisionedDuration", usageBased: true),
            ],
            Notes = notes,
        };
    }
}
