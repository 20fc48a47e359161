using System.Text.Json;
using Steward.Core.Events;

namespace Steward.Core.Json;

/// <summary>Builds API Gateway proxy answers: JSON bodies, and RFC 9457 problems for every error.</summary>
public static class ApiResponses
{
    public static ApiGatewayProxyResponse Problem(int status, string title, string? detail = null, Dictionary<string, string>? errors = null,
        Dictionary<string, string>? headers = null)
    {
        var problem = new ProblemDetails { Title = title, Status = status, Detail = detail, Errors = errors };
        var allHeaders = new Dictionary<string, string>(headers ?? []) { ["Content-Type"] = ProblemDetails.MediaType };
        return new ApiGatewayProxyResponse
        {
            StatusCode = status,
            Headers = allHeaders,
            Body = JsonSerializer.Serialize(problem, StewardJsonContext.Default.ProblemDetails),
        };
    }
}
