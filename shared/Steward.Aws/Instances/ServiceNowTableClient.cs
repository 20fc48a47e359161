using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Instances.RequestItems;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>
/// ServiceNow's Table API over HTTPS: <c>PATCH {instance}/api/now/table/{table}/{sys_id}</c> with a JSON body of the fields,
/// <c>sysparm_fields=sys_id</c> so the answer is small, HTTP Basic for a dedicated integration user whose
/// <c>user:password</c> is an SSM SecureString (read through <see cref="SsmSecureParameter"/>, never logged). Every answer
/// is read into a <see cref="TableAnswer"/>: written, worth trying again (429 with its Retry-After, 5xx, 401/403 while a
/// credential is rotated, a timeout, no connection), or refused for good (ServiceNow's <c>error.message</c>).
/// </summary>
public sealed class ServiceNowTableClient(HttpClient http, Uri instance, SsmSecureParameter credential) : IServiceNowTable
{
    public static IReadOnlyList<string> IamActions => SsmSecureParameter.IamActions;

    public async Task<TableAnswer> UpdateAsync(string table, string sysId, IReadOnlyDictionary<string, string> fields, CancellationToken ct)
    {
        var body = new JsonObject();
        foreach (var (k, v) in fields) body[k] = v;
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(instance, $"api/now/table/{Uri.EscapeDataString(table)}/{Uri.EscapeDataString(sysId)}?sysparm_fields=sys_id"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(await credential.GetAsync(ct))));
        }
        catch (DependencyException e) { return new TableAnswer.TryAgain($"the ServiceNow credential cannot be read: {e.Message}"); }

        HttpResponseMessage response;
        try { response = await http.SendAsync(request, ct); }
        catch (HttpRequestException e) { return new TableAnswer.TryAgain($"ServiceNow cannot be reached: {e.Message}"); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return new TableAnswer.TryAgain($"ServiceNow did not answer within {http.Timeout.TotalSeconds:0} s"); }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new TableAnswer.Written();
            var reason = $"{status} {Message(await response.Content.ReadAsStringAsync(ct)) ?? response.ReasonPhrase}";
            return response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => new TableAnswer.TryAgain(reason, RetryAfter(response)),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new TableAnswer.TryAgain($"{reason} (check the integration user's credential and roles)"),
                _ when status >= 500 || status == 408 => new TableAnswer.TryAgain(reason),
                _ => new TableAnswer.Refused(status, reason),
            };
        }
    }

    /// <summary>ServiceNow's error envelope: <c>{"error":{"message":…,"detail":…},"status":"failure"}</c>.</summary>
    private static string? Message(string body)
    {
        try
        {
            var error = JsonNode.Parse(body)?["error"];
            var message = error?["message"]?.GetValue<string>();
            var detail = error?["detail"]?.GetValue<string>();
            return message is null ? null : detail is { Length: > 0 } ? $"{message}: {detail}" : message;
        }
        catch (JsonException) { return null; }
        catch (InvalidOperationException) { return null; }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } after
            ? after.Delta ?? (after.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : response.Headers.TryGetValues("Retry-After", out var values) && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var s)
                ? TimeSpan.FromSeconds(s) : null;
}
