using Steward.Core.Ports;

namespace Steward.Aws.Notifications;

/// <summary>
/// SNS Publish over the Query protocol (the SNS SDK package is not available to us). Request shape: <c>Action=Publish</c>,
/// <c>TopicArn</c>, <c>Subject</c> (at most 100 characters), <c>Message</c>. Replace with AmazonSimpleNotificationServiceClient
/// here, and nowhere else, when the package is served.
/// </summary>
public sealed class SnsNotifier(SignedAwsClient sns, string topicArn) : INotifier
{
    public static readonly IReadOnlyList<string> IamActions = ["sns:Publish"];

    public async Task PublishAsync(string subject, string message, CancellationToken ct) =>
        await sns.CallQueryAsync("Publish", "2010-03-31", [new("TopicArn", topicArn), new("Subject", Subject(subject)), new("Message", message)], ct);

    /// <summary>Attributes in the Query protocol's form: <c>MessageAttributes.entry.N.Name</c>, <c>.Value.DataType</c> String, <c>.Value.StringValue</c>.</summary>
    public async Task PublishAsync(string subject, string message, IReadOnlyDictionary<string, string> attributes, CancellationToken ct)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("TopicArn", topicArn), new("Subject", Subject(subject)), new("Message", message) };
        var n = 0;
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            n++;
            parameters.Add(new($"MessageAttributes.entry.{n}.Name", name));
            parameters.Add(new($"MessageAttributes.entry.{n}.Value.DataType", "String"));
            parameters.Add(new($"MessageAttributes.entry.{n}.Value.StringValue", value));
        }
        await sns.CallQueryAsync("Publish", "2010-03-31", parameters, ct);
    }

    /// <summary>SNS takes a subject of printable ASCII, no line breaks, under 100 characters; anything else is refused whole.</summary>
    public static string Subject(string text)
    {
        var ascii = new string(text.ReplaceLineEndings(" ").Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
        return ascii.Length < 100 ? ascii : ascii[..96] + "...";
    }
}
