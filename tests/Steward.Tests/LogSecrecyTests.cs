using System.Text;
using System.Text.Json;
using Steward.Core.Observability;
using Steward.Testing;

namespace Steward.Tests;

/// <summary>
/// Nothing secret or classified is ever logged. Every log line of the suite passes <see cref="LogLines.CheckSecrecy"/>
/// (through <see cref="CheckedLogWriter"/> and the runner's output checks); here, the check itself is shown to catch each
/// kind, and the functions are given secrets and sensitive content to see none of it come out.
/// </summary>
public class LogSecrecyTests
{
    [Theory]
    [InlineData("""{"message":"key local-dev-key"}""", "a credential the tests use")]
    [InlineData("""{"message":"found 078-05-1120"}""", "a social security number")]
    [InlineData("""{"message":"card 4111 1111 1111 1111"}""", "a card number")]
    [InlineData("""{"message":"card 5500005555555559"}""", "a card number")]
    [InlineData("""{"message":"-----BEGIN RSA PRIVATE KEY-----"}""", "a private key")]
    public void The_check_catches_each_kind(string line, string what) =>
        Assert.Contains(what, Assert.Throws<Xunit.Sdk.XunitException>(() => LogLines.CheckSecrecy(line)).Message);

    [Theory]
    [InlineData("""{"time":"2026-11-25T12:00:00Z","bytes":1764072000000,"etag":"d41d8cd98f00b204e9800998ecf8427e"}""")]
    [InlineData("""{"message":"version 3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo"}""")]
    public void Ordinary_lines_pass(string line) => LogLines.CheckSecrecy(line);

    [Fact]
    public async Task A_wrong_key_a_right_key_and_sensitive_content_never_reach_the_log()
    {
        var log = new CheckedLogWriter();
        LogLines.Secret("wrong-key-123456");
        var desk = new Instances.Desk();
        var function = new InstanceRequests.Function(desk.Lifecycle, new Instances.StaticKeys(new Steward.Core.Ports.ApiCredential("servicenow", "right-key-654321")),
            new StructuredLog(log, desk.Clock, "InstanceRequests"));
        foreach (var pair in new[] { "servicenow:wrong-key-123456", "servicenow:right-key-654321" })
        {
            var request = new
            {
                httpMethod = "POST", resource = "/instances/quote", path = "/instances/quote",
                headers = new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)) },
                body = """{"os":"al2023","inst_size":"small","cost_center":"078-05-1120 4111 1111 1111 1111"}""",
            };
            await using var output = await function.Handle(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request)));
        }
        // The lines were checked as they were written; that they were written is checked here.
        Assert.NotEmpty(log.ToString());
        Assert.DoesNotContain("right-key-654321", log.ToString());
    }
}
