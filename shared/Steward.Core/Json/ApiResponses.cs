using System.Text.Json;
using Steward.Core.Events;

namespace Steward.Core.Json;

/// <summary>Builds API Gateway proxy answers: JSON bodies, and RFC 9457 problems for every error.</summary>
public static class ApiResponses
{
    public static ApiGatewayProxyResponse Problem(int status, string title, string? detail = null, Dictionary<string, string>? errors = null,
        Dictionary<string, string>? headers = null) =>
        Problem(new ProblemDetails { Title = title, Status = status, Detail = detail, Errors = errors }, headers);

    public static ApiGatewayProxyResponse Problem(ProblemDetails problem, Dictionary<string, string>? headers = null)
    {
        var status = problem.Status;
        var allHeaders = new Dictionary<string, string>(headers ?? []) { ["Content-Type"] = ProblemDetails.MediaType };
        return new ApiGatewayProxyResponse
        {
            StatusCode = status,
            Headers = allHeaders,
            Body = ApiJson.Serialize(problem),
        };
    }

    /// <summary>A JSON answer; the body is already serialized by its own source-generated context.</summary>
    public static ApiGatewayProxyResponse Json(int status, string body, Dictionary<string, string>? headers = null) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, string>(headers ?? []) { ["Content-Type"] = "application/json" },
        Body = body,
    };
}
