using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Ports;

namespace Steward.Aws.Notifications;

/// <summary>
/// SNS Publish with <c>MessageStructure=json</c>: one text per protocol. <c>sms</c> goes to phones, <c>email</c> to addresses,
/// <c>sqs</c> to queues (the whole alert as JSON, for machines: a SIEM or ticketing integration, the local runner, tests),
/// and <c>default</c> (the email text) to any other protocol.
/// </summary>
public sealed class SnsAlertPublisher(SignedAwsClient sns, string topicArn) : IAlertPublisher
{
    public static readonly IReadOnlyList<string> IamActions = ["sns:Publish"];

    /// <summary>SNS refuses a message over 256 KiB (the whole JSON structure, in UTF-8 bytes).</summary>
    public const int MaxMessageBytes = 262_144;

    public const string CutNote = "\n\n[… the rest of this alert was cut to fit SNS's 256 KB message limit; the event itself is kept whole in the evidence bucket or on the failed-events queue]";

    public async Task PublishAsync(Alert alert, CancellationToken ct) =>
        await sns.CallQueryAsync("Publish", "2010-03-31",
            [new("TopicArn", topicArn), new("Subject", SnsNotifier.Subject(alert.Subject)), new("MessageStructure", "json"), new("Message", Message(alert))], ct);

    /// <summary>
    /// The Publish message, within SNS's limit: an alert about a huge event (a finding with a megabyte string in it) would
    /// otherwise be refused, and people not told at all. The email text, which the message carries three times, is cut
    /// to fit, and says so.
    /// </summary>
    public static string Message(Alert alert)
    {
        var message = Build(alert, alert.Email);
        if (Encoding.UTF8.GetByteCount(message) <= MaxMessageBytes) return message;
        // The subject and the text message are short by design; an event that made them long is cut there too.
        alert = alert with { Subject = Shorter(alert.Subject, 1000), Sms = Shorter(alert.Sms, 1000) };
        var keep = alert.Email.Length;
        while (true)
        {
            var email = keep == alert.Email.Length ? alert.Email : alert.Email[..keep] + CutNote;
            message = Build(alert, email);
            var bytes = Encoding.UTF8.GetByteCount(message);
            if (bytes <= MaxMessageBytes) return message;
            // Shrink in proportion (escaping makes bytes and characters differ), always by at least one character.
            keep = Math.Min(keep - 1, (int)(keep * ((MaxMessageBytes - 4096.0) / bytes)));
            keep = Math.Max(0, keep);
            if (keep > 0 && char.IsHighSurrogate(alert.Email[keep - 1])) keep--;
        }
    }

    private static string Shorter(string text, int characters) =>
        text.Length <= characters ? text : text[..(char.IsHighSurrogate(text[characters - 1]) ? characters - 1 : characters)] + "…";

    private static string Build(Alert alert, string email)
    {
        var forMachines = new JsonObject { ["subject"] = alert.Subject, ["sms"] = alert.Sms, ["email"] = email }.ToJsonString();
        return new JsonObject { ["default"] = email, ["email"] = email, ["sms"] = alert.Sms, ["sqs"] = forMachines }.ToJsonString();
    }
}
