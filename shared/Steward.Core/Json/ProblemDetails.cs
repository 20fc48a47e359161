using System.Text.Json.Serialization;

namespace Steward.Core.Json;

/// <summary>RFC 9457 problem details: the body of every error answer (<c>application/problem+json</c>).</summary>
public sealed record ProblemDetails
{
    public const string MediaType = "application/problem+json";

    [JsonPropertyName("type")] public string Type { get; init; } = "about:blank";
    [JsonPropertyName("title")] public required string Title { get; init; }
    [JsonPropertyName("status")] public int Status { get; init; }
    [JsonPropertyName("detail")] public string? Detail { get; init; }
    [JsonPropertyName("instance")] public string? Instance { get; init; }
    /// <summary>Field name to what is wrong with it, so a ServiceNow admin sees which variable to fix.</summary>
    [JsonPropertyName("errors")] public Dictionary<string, string>? Errors { get; init; }
    /// <summary>For a refused quote: the price that was refused and the ceiling it passed.</summary>
    [JsonPropertyName("quote")] public Instances.CostEstimate? Quote { get; init; }
    [JsonPropertyName("monthlyCeiling")] public decimal? MonthlyCeiling { get; init; }
    /// <summary>The request number the problem concerns, where there is one.</summary>
    [JsonPropertyName("requestNumber")] public string? RequestNumber { get; init; }
}
