using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Steward.Aws;
using Steward.Aws.Incidents;
using Steward.Aws.Notifications;
using Steward.Core.Incidents;
using Steward.Core.Incidents.Buckets;
using Steward.Core.Observability;
using Steward.Core.Ports;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// An exposed bucket against moto's S3, from the fixture's S3 finding (a sample as published, made a real one naming a
/// bucket of this account): its public access block turned on and tagged, then put back as it was by the release.
/// </summary>
public class BucketResponseAgainstMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    private const string Fixture = "guardduty/raw-pentest-s3-parrotlinux.aws-samples-automated-response.json";
    private AwsClients Clients => new(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment)));

    private async Task<BucketResponder> ResponderAsync()
    {
        var evidence = "evidence-" + Guid.NewGuid().ToString("N")[..8];
        using (var s3 = Clients.S3()) await s3.PutBucketAsync(evidence);
        var topic = JsonDocument.Parse((await Commands.Aws(moto.Endpoint, "sns", "create-topic", "--name", evidence)).Stdout).RootElement.GetProperty("TopicArn").GetString()!;
        return new BucketResponder(new S3BucketContainment(Clients.S3()), new S3EvidenceStore(Clients.S3(), evidence), new SnsAlertPublisher(Clients.Signed(AwsService.Sns), topic),
            new ResponsePolicy("123456789012", "us-east-1", false, ResponsePolicy.DefaultLevels), TimeProvider.System, new StructuredLog(new CheckedLogWriter(), TimeProvider.System, "GuardDutyResponder"));
    }

    private static JsonObject FindingAbout(string bucket, bool sample = false)
    {
        var e = Findings.Event(Fixture);
        var d = e["detail"]!.AsObject();
        (d["accountId"], d["region"], d["severity"], d["id"], d["type"]) = ("123456789012", "us-east-1", 8, Guid.NewGuid().ToString("N"), "Policy:S3/BucketAnonymousAccessGranted");
        d["resource"]!["s3BucketDetails"]![0]!["name"] = bucket;
        d["service"]!["additionalInfo"] = new JsonObject { ["sample"] = sample };
        return e;
    }

    [Fact]
    public async Task An_exposed_bucket_gets_its_public_access_blocked_and_tagged_and_the_release_puts_back_what_it_had()
    {
        var bucket = "exposed-" + Guid.NewGuid().ToString("N")[..8];
        using var s3 = Clients.S3();
        await s3.PutBucketAsync(bucket);
        await s3.PutBucketTaggingAsync(new PutBucketTaggingRequest { BucketName = bucket, TagSet = [new Tag { Key = "team", Value = "web" }] });
        var responder = await ResponderAsync();

        var e = FindingAbout(bucket);
        var (plan, _) = await responder.RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);

        var block = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket })).PublicAccessBlockConfiguration;
        Assert.True(block.BlockPublicAcls == true && block.IgnorePublicAcls == true && block.BlockPublicPolicy == true && block.RestrictPublicBuckets == true);
        var tags = (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("web", tags["team"]);
        Assert.StartsWith(plan.FindingId, tags[BucketResponder.QuarantineTag]);

        Assert.Equal("its public access block removed, as it had none; its tags as they were", await responder.ReleaseAsync(plan.FindingId, "fixed", default));

        var missing = await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }));
        Assert.Equal("NoSuchPublicAccessBlockConfiguration", missing.ErrorCode);
        Assert.Equal(["team=web"], (await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket })).TagSet.Select(t => $"{t.Key}={t.Value}"));
    }

    [Fact]
    public async Task The_sample_finding_as_published_changes_nothing()
    {
        var e = Findings.Event(Fixture);
        var (plan, done) = await (await ResponderAsync()).RespondAsync(Findings.Parse(e), Findings.Bytes(e), default);
        Assert.Equal(ResponseLevel.Notify, plan.Level);
        Assert.Empty(done);
    }
}
