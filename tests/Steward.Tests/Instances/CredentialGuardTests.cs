using Steward.Core.Instances;

namespace Steward.Tests.Instances;

public class CredentialGuardTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void The_tenth_wrong_credential_within_five_minutes_holds_the_address_until_the_window_ends()
    {
        var guard = new CredentialGuard(_clock);
        for (var i = 0; i < 9; i++) { guard.Failed("203.0.113.9"); _clock.Now += TimeSpan.FromSeconds(10); }
        Assert.Null(guard.RetryAfter("203.0.113.9"));
        guard.Failed("203.0.113.9");
        Assert.Equal(TimeSpan.FromSeconds(300 - 90), guard.RetryAfter("203.0.113.9"));
        Assert.Null(guard.RetryAfter("198.51.100.7")); // another caller is never held up

        _clock.Now += TimeSpan.FromSeconds(210);
        Assert.Null(guard.RetryAfter("203.0.113.9"));   // the window has passed: checked again, and counted afresh
        guard.Failed("203.0.113.9");
        Assert.Null(guard.RetryAfter("203.0.113.9"));
    }

    [Fact]
    public void Failures_spread_over_more_than_the_window_never_hold_an_address()
    {
        var guard = new CredentialGuard(_clock);
        for (var i = 0; i < 30; i++) { guard.Failed("203.0.113.9"); _clock.Now += TimeSpan.FromMinutes(1); }
        Assert.Null(guard.RetryAfter("203.0.113.9"));
    }

    [Fact]
    public void A_flood_of_new_addresses_does_not_grow_without_bound_and_held_addresses_stay_held()
    {
        var guard = new CredentialGuard(_clock);
        for (var i = 0; i < 10; i++) guard.Failed("203.0.113.9");
        _clock.Now += TimeSpan.FromSeconds(1);
        for (var i = 0; i < CredentialGuard.MaxAddresses * 2; i++) guard.Failed($"10.{i / 65536}.{i / 256 % 256}.{i % 256}");
        Assert.NotNull(guard.RetryAfter("203.0.113.9"));
    }

    [Fact]
    public void No_address_no_limit() => Assert.Null(new CredentialGuard(_clock).RetryAfter(null));
}
