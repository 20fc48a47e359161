using System.Text.Json;
using Steward.Core.Json;

namespace Steward.Tests;

public class LenientConverterTests
{
    [Theory]
    [InlineData("2020-01-13T20:22:32Z", 2020, 1, 13, 20, 22, 32)]
    [InlineData("2016-08-02T02:05:06.000Z", 2016, 8, 2, 2, 5, 6)]
    [InlineData("2017-04-21T00:47:55.318+0000", 2017, 4, 21, 0, 47, 55)]
    [InlineData("2017-04-21T02:47:55+02:00", 2017, 4, 21, 0, 47, 55)]
    public void Timestamps_in_every_GuardDuty_spelling_read_as_the_same_UTC_instant(string text, int y, int mo, int d, int h, int mi, int s)
    {
        var value = LenientTimestampConverter.Parse(text)!.Value;
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), value.UtcDateTime.AddTicks(-(value.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("XXXX-XX-XXTXX:XX:XXZ")]
    [InlineData("")]
    [InlineData("yesterday")]
    public void Unreadable_timestamps_are_null(string text) => Assert.Null(LenientTimestampConverter.Parse(text));

    [Fact]
    public void Numbers_and_booleans_written_as_strings_read_as_their_values()
    {
        var f = JsonSerializer.Deserialize("""{"severity":"7.5","service":{"count":"3","archived":"true"}}""", StewardJsonContext.Default.GuardDutyFinding)!;
        Assert.Equal((7.5, 3L, true), (f.Severity, f.Service!.Count, f.Service.Archived));
        Assert.Contains("\"severity\":7.5", JsonSerializer.Serialize(f, StewardJsonContext.Default.GuardDutyFinding));
    }

    [Theory]
    [InlineData("""{"severity":"high"}""")]
    [InlineData("""{"service":{"count":2.5}}""")]
    [InlineData("""{"service":{"archived":"maybe"}}""")]
    public void Values_that_are_not_numbers_or_booleans_fail_the_read(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, StewardJsonContext.Default.GuardDutyFinding));
}
