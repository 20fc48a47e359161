using System.Text.Json;
using System.Text.Json.Serialization;
using Steward.Core.Events;

namespace Steward.Core.Json;

/// <summary>
/// Source-generated (reflection-free) serialization for every contract Steward reads or writes. Lambda's init phase stays
/// short and the handlers need no serializer package.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ApiGatewayProxyRequest))]
[JsonSerializable(typeof(ApiGatewayProxyResponse))]
[JsonSerializable(typeof(EventBridgeEvent<GuardDutyFinding>))]
[JsonSerializable(typeof(EventBridgeEvent<S3EventBridgeDetail>))]
[JsonSerializable(typeof(EventBridgeEvent<JsonElement>))]
[JsonSerializable(typeof(GuardDutyFinding))]
[JsonSerializable(typeof(S3EventNotification))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(InvocationOutcome))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class StewardJsonContext : JsonSerializerContext;
