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

    public async Task PublishAsync(string subject, string message, CancellationToken ct)
    {
        // SNS refuses a subject over 100 characters or with line breaks.
        var oneLine = subject.ReplaceLineEndings(" ");
        await sns.CallQueryAsync("Publish", "2010-03-31",
            [new("TopicArn", topicArn), new("Subject", oneLine.Length > 100 ? oneLine[..100] : oneLine), new("Message", message)], ct);
    }
}
