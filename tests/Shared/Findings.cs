using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Events;
using Steward.Core.Json;

namespace Steward.Testing;

/// <summary>Real findings from the fixtures, pointed at an instance of this account and region where a test needs it.</summary>
public static class Findings
{
    public const string CryptoMining = "guardduty/eb-real-cryptocurrency-ec2-bitcointool-b-dns.MASKED-TIMES.jbarreto7991.json";

    /// <summary>A fixture as an EventBridge event; raw findings are wrapped as EventBridge wraps them.</summary>
    public static JsonObject Event(string fixture)
    {
        var node = JsonNode.Parse(Fixtures.Text(fixture))!.AsObject();
        if (node.ContainsKey("detail") && node.ContainsKey("source")) return node;
        var detail = node.ContainsKey("detail") ? node["detail"]!.DeepClone() : node.DeepClone();
        return new JsonObject
        {
            ["version"] = "0", ["id"] = Guid.NewGuid().ToString(), ["detail-type"] = "GuardDuty Finding", ["source"] = "aws.guardduty",
            ["account"] = "123456789012", ["time"] = "2026-11-25T12:00:00Z", ["region"] = "us-east-1", ["resources"] = new JsonArray(), ["detail"] = detail,
        };
    }

    /// <summary>The fixture's finding, made to concern an instance of this account and region, with the given severity and count.</summary>
    public static JsonObject About(string fixture, string instanceId, double? severity = null, long? count = null)
    {
        var e = Event(fixture);
        var d = e["detail"]!.AsObject();
        d["accountId"] = "123456789012";
        d["region"] = "us-east-1";
        d["resource"]!["instanceDetails"]!["instanceId"] = instanceId;
        if (severity is { } s) d["severity"] = s;
        if (count is { } c) d["service"]!["count"] = c;
        return e;
    }

    public static EventBridgeEvent<GuardDutyFinding> Parse(JsonObject e) =>
        JsonSerializer.Deserialize(e.ToJsonString(), StewardJsonContext.Default.EventBridgeEventGuardDutyFinding)!;

    public static byte[] Bytes(JsonObject e) => Encoding.UTF8.GetBytes(e.ToJsonString());
}
