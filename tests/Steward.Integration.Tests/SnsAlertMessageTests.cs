using System.Text;
using System.Text.Json;
using Steward.Aws.Notifications;
using Steward.Core.Ports;

namespace Steward.Integration.Tests;

/// <summary>
/// SNS refuses a Publish message over 256 KiB, which would leave people untold about the very event that made the alert
/// long (the FsCheck run against moto found a mangled finding with a huge string doing it).
/// </summary>
public class SnsAlertMessageTests
{
    [Theory]
    [InlineData("x")]
    [InlineData("\"\u0001")]     // JSON-escaped to 2 and 6 bytes a character
    [InlineData("é😀")]          // 2-byte UTF-8 and a surrogate pair
    public void An_alert_too_long_for_SNS_is_cut_to_fit_and_says_so(string unit)
    {
        var email = "Finding f-1 could not be read.\n" + string.Concat(Enumerable.Repeat(unit, 400_000));
        var message = SnsAlertPublisher.Message(new Alert(new string('S', 5_000), new string('m', 5_000), email));

        Assert.InRange(Encoding.UTF8.GetByteCount(message), 1, SnsAlertPublisher.MaxMessageBytes);
        var parsed = JsonDocument.Parse(message).RootElement;
        var sent = parsed.GetProperty("email").GetString()!;
        Assert.StartsWith("Finding f-1 could not be read.\n", sent);
        Assert.EndsWith(SnsAlertPublisher.CutNote, sent);
        // JSON escapes each non-ASCII character to six bytes or more, in three copies (one escaped twice): still thousands of characters.
        Assert.True(sent.Length > 10_000, $"as much as fits is kept ({sent.Length} characters)");
        Assert.Equal(sent, parsed.GetProperty("default").GetString());
        Assert.Equal(sent, JsonDocument.Parse(parsed.GetProperty("sqs").GetString()!).RootElement.GetProperty("email").GetString());
    }

    [Fact]
    public void An_ordinary_alert_is_sent_whole()
    {
        var alert = new Alert("Steward contained i-0abc", "Steward: i-0abc contained", "Instance i-0abc was contained.");
        var parsed = JsonDocument.Parse(SnsAlertPublisher.Message(alert)).RootElement;
        Assert.Equal(alert.Email, parsed.GetProperty("email").GetString());
        Assert.Equal(alert.Sms, parsed.GetProperty("sms").GetString());
    }
}
