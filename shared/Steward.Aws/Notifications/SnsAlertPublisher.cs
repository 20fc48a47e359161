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

    public async Task PublishAsync(Alert alert, CancellationToken ct)
    {
        var forMachines = new JsonObject { ["subject"] = alert.Subject, ["sms"] = alert.Sms, ["email"] = alert.Email }.ToJsonString();
        var message = new JsonObject { ["default"] = alert.Email, ["email"] = alert.Email, ["sms"] = alert.Sms, ["sqs"] = forMachines }.ToJsonString();
        await sns.CallQueryAsync("Publish", "2010-03-31",
            [new("TopicArn", topicArn), new("Subject", SnsNotifier.Subject(alert.Subject)), new("MessageStructure", "json"), new("Message", message)], ct);
    }
}
