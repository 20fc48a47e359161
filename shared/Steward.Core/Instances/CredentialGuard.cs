using System.Collections.Concurrent;

namespace Steward.Core.Instances;

/// <summary>
/// Wrong credentials repeated from one address are refused for a while without being checked, so that a key cannot be
/// guessed at the API's full rate: after <see cref="MaxFailures"/> wrong credentials within <see cref="Window"/>, the
/// address is answered 429 until the window that began with its first counted failure has passed. A right key from
/// another address is never held up, and nothing is ever compared for a refused address, so a refusal says nothing about
/// a guess.
/// <para>
/// Kept in the execution environment's memory: a second line behind API Gateway's stage throttling (10 requests a second,
/// template.yaml), which bounds the whole API. For one limit per address across every environment, put AWS WAF's
/// rate-based rule in front of the stage (README, "Instance requests").
/// </para>
/// </summary>
public sealed class CredentialGuard(TimeProvider clock, int maxFailures = 10, TimeSpan? window = null)
{
    /// <summary>Addresses remembered at most: a flood of new addresses cannot grow the function's memory without bound.</summary>
    public const int MaxAddresses = 10_000;

    public int MaxFailures { get; } = maxFailures;
    public TimeSpan Window { get; } = window ?? TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Since);

    /// <summary>How long the address must wait, or null when its credentials may be checked.</summary>
    public TimeSpan? RetryAfter(string? address)
    {
        if (address is null || !_failures.TryGetValue(address, out var f)) return null;
        var over = f.Since + Window - clock.GetUtcNow();
        if (over <= TimeSpan.Zero)
        {
            _failures.TryRemove(new KeyValuePair<string, Failures>(address, f));
            return null;
        }
        return f.Count >= MaxFailures ? over : null;
    }

    /// <summary>Counts a wrong credential from the address.</summary>
    public void Failed(string? address)
    {
        if (address is null) return;
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxAddresses) Forget(now);
        _failures.AddOrUpdate(address, _ => new Failures(1, now), (_, f) => f.Since + Window <= now ? new Failures(1, now) : f with { Count = f.Count + 1 });
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (address, f) in _failures)
            if (f.Since + Window <= now) _failures.TryRemove(address, out _);
        // Still full of live entries: the oldest half of those not held goes. A held address stays held, so sending from many
        // new addresses cannot free the ones already refused.
        if (_failures.Count >= MaxAddresses)
            foreach (var (address, _) in _failures.OrderBy(kv => kv.Value.Count >= MaxFailures).ThenBy(kv => kv.Value.Since).Take(MaxAddresses / 2).ToList())
                _failures.TryRemove(address, out _);
    }
}
