using System.Text.Json;
using System.Xml.Linq;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Testing;

namespace Steward.Tests;

/// <summary>API Gateway, schedule and S3 fixtures read into the contracts; every fixture at all is valid JSON or XML.</summary>
public class EventContractTests
{
    private static readonly Dictionary<string, string> ProxyTemplateValues = new()
    {
        ["account_id"] = "123456789012", ["dns_suffix"] = "amazonaws.com", ["method"] = "POST", ["path"] = "instances",
        ["resource"] = "/instances", ["stage"] = "dev", ["body"] = Convert.ToBase64String("{\"os\":\"rhel9\"}"u8.ToArray()),
    };

    /// <summary>SAM's generator writes the query map as an object in place of the quoted placeholder.</summary>
    private static string RenderedProxyTemplate() =>
        Fixtures.Render("apigateway/rest-v1-awsproxy.TEMPLATE.sam-cli.json", ProxyTemplateValues)
            .Replace("\"{{{querystringparameters}}}\"", "{\"foo\":\"bar\"}");

    private static string RenderedS3DeleteTemplate() =>
        Fixtures.Render("s3/s3-delete-records.TEMPLATE.sam-cli.json",
            new Dictionary<string, string> { ["region"] = "us-east-1", ["bucket"] = "steward-data", ["key"] = "reports/Q3+plan%281%29.pdf", ["partition"] = "aws" });

    public static TheoryData<string> AllJsonFixtures() => new(Fixtures.All("json"));

    [Theory]
    [MemberData(nameof(AllJsonFixtures))]
    public void Every_JSON_fixture_is_valid_JSON_once_rendered(string file)
    {
        var text = file.Contains("rest-v1-awsproxy.TEMPLATE") ? RenderedProxyTemplate()
            : file.Contains("s3-delete-records.TEMPLATE") ? RenderedS3DeleteTemplate()
            : Fixtures.Text(file);
        using var doc = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    public static TheoryData<string> AllXmlFixtures() => new(Fixtures.All("xml"));

    [Theory]
    [MemberData(nameof(AllXmlFixtures))]
    public void Every_XML_fixture_is_valid_XML(string file) => Assert.NotNull(XDocument.Parse(Fixtures.Text(file)).Root);

    [Fact]
    public void A_REST_proxy_event_reads_method_path_resource_headers_in_any_case_query_and_body()
    {
        var r = JsonSerializer.Deserialize(Fixtures.Text("apigateway/rest-v1-proxy-event.aws-lambda-dotnet.json"), StewardJsonContext.Default.ApiGatewayProxyRequest)!;
        Assert.Equal("POST", r.HttpMethod);
        Assert.Equal("/hello/world", r.Path);
        Assert.Equal("/{proxy+}", r.Resource);
        Assert.Equal("hello/world", r.PathParameters!["proxy"]);
        Assert.Equal("me", r.QueryStringParameters!["name"]);
        Assert.Equal("application/json", r.Header("content-type"));
        Assert.Equal("no-cache", r.Header("Cache-Control"));
        Assert.Equal("deef4878-7910-11e6-8f14-25afc3e9ae33", r.RequestContext!.RequestId);
        Assert.False(r.IsBase64Encoded);
        Assert.Equal(1, JsonDocument.Parse(r.BodyBytes()).RootElement.GetProperty("a").GetInt32());
    }

    [Fact]
    public void A_proxy_event_with_null_query_and_stage_variables_reads()
    {
        var r = JsonSerializer.Deserialize(Fixtures.Text("apigateway/rest-v1-put-withbody.aws-lambda-dotnet.json"), StewardJsonContext.Default.ApiGatewayProxyRequest)!;
        Assert.Equal("PUT", r.HttpMethod);
        Assert.Null(r.QueryStringParameters);
        Assert.Null(r.StageVariables);
        Assert.Equal("Smith", JsonDocument.Parse(r.BodyBytes()).RootElement.GetProperty("firstName").GetString());
    }

    [Fact]
    public void A_base64_proxy_body_is_decoded()
    {
        var r = JsonSerializer.Deserialize(RenderedProxyTemplate(), StewardJsonContext.Default.ApiGatewayProxyRequest)!;
        Assert.True(r.IsBase64Encoded);
        Assert.Equal("{\"os\":\"rhel9\"}", System.Text.Encoding.UTF8.GetString(r.BodyBytes()));
        Assert.Equal("bar", r.QueryStringParameters!["foo"]);
        Assert.Equal("/instances", r.Resource);
    }

    [Fact]
    public void An_HTTP_API_v2_event_is_not_a_REST_proxy_event()
    {
        var r = JsonSerializer.Deserialize(Fixtures.Text("apigateway/http-v2-request.aws-lambda-dotnet.json"), StewardJsonContext.Default.ApiGatewayProxyRequest)!;
        Assert.Null(r.HttpMethod);
        Assert.Null(r.Resource);
    }

    [Theory]
    [InlineData("eventbridge/scheduled-event.aws-lambda-dotnet.json")]
    [InlineData("eventbridge/scheduled-event.cloud-custodian.json")]
    public void Scheduled_events_are_recognised(string file)
    {
        var e = JsonSerializer.Deserialize(Fixtures.Text(file), StewardJsonContext.Default.EventBridgeEventJsonElement)!;
        Assert.True(ScheduledEvent.IsScheduled(e));
        Assert.Equal("cdc73f9d-aea9-11e3-9d5a-835b769c0d9c", e.Id);
        Assert.Equal("1970-01-01T00:00:00Z", e.Time);
        Assert.Equal("arn:aws:events:us-east-1:123456789012:rule/my-schedule", Assert.Single(e.Resources!));
    }
}
