using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS.Model;
using Steward.Aws;
using Steward.Core.Ports;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>What the signed client puts on the wire, seen by a recording transport.</summary>
public class SignedAwsClientWireTests
{
    private sealed class Recorder(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Seen { get; } = [];
        private int _next;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add((request, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            var (status, body) = answers[Math.Min(_next++, answers.Length - 1)];
            return new HttpResponseMessage(status) { Content = new StringContent(body) };
        }
    }

    private static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    [Fact]
    public async Task A_JSON_call_is_a_signed_POST_with_the_target_header_and_JSON_1_1_content()
    {
        var recorder = new Recorder((HttpStatusCode.OK, """{"ResultsByTime":[]}"""));
        using var client = new SignedAwsClient(AwsService.CostExplorer, Credentials, "us-east-1", new Uri("https://ce.us-east-1.amazonaws.com/"), recorder);

        var answer = await client.CallJsonAsync("GetCostAndUsage", """{"Granularity":"DAILY"}""");

        Assert.Equal(JsonValueKind.Array, answer.GetProperty("ResultsByTime").ValueKind);
        var (request, body) = Assert.Single(recorder.Seen);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/", request.RequestUri!.AbsolutePath);
        Assert.Equal("AWSInsightsIndexService.GetCostAndUsage", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("application/x-amz-json-1.1", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("""{"Granularity":"DAILY"}""", body);
        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", authorization);
        Assert.Contains("/us-east-1/ce/aws4_request", authorization);
        Assert.Contains("SignedHeaders=", authorization);
        Assert.Contains("x-amz-target", authorization);
        Assert.True(request.Headers.Contains("X-Amz-Date"));
    }

    [Fact]
    public async Task A_Query_call_is_form_encoded_and_answers_the_action_result()
    {
        var recorder = new Recorder((HttpStatusCode.OK, Fixtures.Text("sns/publish-example2.response.xml")));
        using var client = new SignedAwsClient(AwsService.Sns, Credentials, "us-east-1", new Uri("https://sns.us-east-1.amazonaws.com/"), recorder);

        var result = await client.CallQueryAsync("Publish", "2010-03-31", [new("TopicArn", "arn:aws:sns:us-east-1:123456789012:t"), new("Message", "a b&c=d")]);

        Assert.Equal("PublishResult", result.Name.LocalName);
        Assert.False(string.IsNullOrEmpty(result.Elements().Single(e => e.Name.LocalName == "MessageId").Value));
        var (request, body) = Assert.Single(recorder.Seen);
        Assert.Equal("application/x-www-form-urlencoded", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3At&Message=a+b%26c%3Dd", body);
        Assert.Contains("/us-east-1/sns/aws4_request", request.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task Throttling_is_retried_and_then_reported_as_Throttled()
    {
        var recorder = new Recorder((HttpStatusCode.BadRequest, """{"__type":"com.amazon#ThrottlingException","message":"Rate exceeded"}"""));
        using var client = new SignedAwsClient(AwsService.CostExplorer, Credentials, "us-east-1", new Uri("https://ce.example/"), recorder, maxRetries: 2);

        var e = await Assert.ThrowsAsync<Throttled>(() => client.CallJsonAsync("GetCostAndUsage", "{}"));
        Assert.Equal("ThrottlingException", e.Code);
        Assert.Equal(3, recorder.Seen.Count);
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_carries_AWS_s_code_and_message()
    {
        var recorder = new Recorder((HttpStatusCode.Forbidden, """<ErrorResponse><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>User is not authorized to perform: SNS:Publish</Message></Error></ErrorResponse>"""));
        using var client = new SignedAwsClient(AwsService.Sns, Credentials, "us-east-1", new Uri("https://sns.example/"), recorder);

        var e = await Assert.ThrowsAsync<DependencyFailed>(() => client.CallQueryAsync("Publish", "2010-03-31", []));
        Assert.Equal(("AuthorizationError", 403), (e.Code, e.HttpStatus));
        Assert.Contains("not authorized", e.Message);
        Assert.Single(recorder.Seen);
    }

    [Fact]
    public async Task A_server_error_is_retried_until_it_succeeds()
    {
        var recorder = new Recorder((HttpStatusCode.ServiceUnavailable, "<html>busy</html>"), (HttpStatusCode.OK, "{}"));
        using var client = new SignedAwsClient(AwsService.CostExplorer, Credentials, "us-east-1", new Uri("https://ce.example/"), recorder);
        await client.CallJsonAsync("GetCostAndUsage", "{}");
        Assert.Equal(2, recorder.Seen.Count);
    }
}

/// <summary>The signed client against moto: SNS (Query) and Cost Explorer and EventBridge (JSON 1.1) really answer.</summary>
public class SignedAwsClientMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private AwsClients Clients => new(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));

    [Fact]
    public async Task SNS_publish_with_MessageStructure_json_reaches_an_SQS_subscriber()
    {
        using var sns = Clients.Signed(AwsService.Sns);
        using var sqs = Clients.Sqs();
        var topicArn = (await sns.CallQueryAsync("CreateTopic", "2010-03-31", [new("Name", "wire-test")])).Descendants().Single(e => e.Name.LocalName == "TopicArn").Value;
        var queueUrl = (await sqs.CreateQueueAsync("wire-test-inbox")).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
        await sns.CallQueryAsync("Subscribe", "2010-03-31", [new("TopicArn", topicArn), new("Protocol", "sqs"), new("Endpoint", queueArn)]);

        var message = new JsonObject { ["default"] = "the default text", ["sms"] = "short", ["email"] = "the long text" }.ToJsonString();
        var published = await sns.CallQueryAsync("Publish", "2010-03-31",
            [new("TopicArn", topicArn), new("Message", message), new("MessageStructure", "json"), new("Subject", "Steward test")]);
        Assert.False(string.IsNullOrEmpty(published.Descendants().Single(e => e.Name.LocalName == "MessageId").Value));

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5 });
        var envelope = JsonNode.Parse(Assert.Single(received.Messages).Body)!;
        Assert.Equal("the default text", envelope["Message"]!.GetValue<string>());
        Assert.Equal("Steward test", envelope["Subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publishing_to_a_topic_that_does_not_exist_is_a_DependencyFailed_with_SNS_s_code()
    {
        using var sns = Clients.Signed(AwsService.Sns);
        var e = await Assert.ThrowsAsync<DependencyFailed>(() => sns.CallQueryAsync("Publish", "2010-03-31",
            [new("TopicArn", "arn:aws:sns:us-east-1:123456789012:nothing-here"), new("Message", "x")]));
        Assert.Equal("NotFound", e.Code);
    }

    [Fact]
    public async Task Cost_Explorer_answers_what_moto_was_seeded_with()
    {
        using (var http = new HttpClient())
        {
            var seed = new JsonObject { ["results"] = new JsonArray(JsonNode.Parse(Fixtures.Text("costexplorer/get-cost-and-usage.monthly-service-tag.response.aws-cli-example.json"))) };
            using var response = await http.PostAsync(new Uri(moto.Endpoint, "/moto-api/static/ce/cost-and-usage-results"), new StringContent(seed.ToJsonString(), Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
        using var ce = Clients.Signed(AwsService.CostExplorer);
        var answer = await ce.CallJsonAsync("GetCostAndUsage",
            """{"TimePeriod":{"Start":"2017-09-01","End":"2017-10-01"},"Granularity":"MONTHLY","Metrics":["BlendedCost"],"GroupBy":[{"Type":"DIMENSION","Key":"SERVICE"},{"Type":"TAG","Key":"Environment"}]}""");
        var period = answer.GetProperty("ResultsByTime")[0];
        Assert.Equal("2017-09-01", period.GetProperty("TimePeriod").GetProperty("Start").GetString());
        var amount = period.GetProperty("Groups")[0].GetProperty("Metrics").GetProperty("BlendedCost").GetProperty("Amount");
        Assert.Equal(JsonValueKind.String, amount.ValueKind);
    }

    [Fact]
    public async Task An_EventBridge_rule_with_an_SQS_target_delivers_a_matching_event()
    {
        using var events = Clients.Signed(AwsService.EventBridge);
        using var sqs = Clients.Sqs();
        var queueUrl = (await sqs.CreateQueueAsync("rule-test")).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
        await events.CallJsonAsync("PutRule", """{"Name":"rule-test","EventPattern":"{\"source\":[\"aws.guardduty\"]}","State":"ENABLED"}""");
        await events.CallJsonAsync("PutTargets", new JsonObject { ["Rule"] = "rule-test", ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "q", ["Arn"] = queueArn }) }.ToJsonString());
        var put = await events.CallJsonAsync("PutEvents",
            new JsonObject { ["Entries"] = new JsonArray(new JsonObject { ["Source"] = "aws.guardduty", ["DetailType"] = "GuardDuty Finding", ["Detail"] = """{"id":"f1"}""" }) }.ToJsonString());
        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5 });
        var delivered = JsonNode.Parse(Assert.Single(received.Messages).Body)!;
        Assert.Equal("f1", delivered["detail"]!["id"]!.GetValue<string>());
    }
}
