using System.Net;
using Amazon.Runtime;
using Steward.Aws;
using Steward.Aws.Organizations;
using Steward.Core.Ports;

namespace Steward.Integration.Tests;

/// <summary>The linked accounts' names from Organizations' ListAccounts: against moto with 26 accounts, and against AWS's own refusal.</summary>
public class OrganizationsAdapterTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    [Fact]
    public async Task Every_account_s_name_is_read_across_pages()
    {
        var organizations = new AwsClients(new AwsEnvironment(new DictionaryEnvironment(moto.AwsEnvironment))).Signed(AwsService.Organizations);
        await organizations.CallJsonAsync("CreateOrganization", """{"FeatureSet":"ALL"}""");
        for (var i = 1; i <= 25; i++)
            await organizations.CallJsonAsync("CreateAccount", $$"""{"AccountName":"team-{{i:00}}","Email":"team-{{i:00}}@example.com"}""");
        var names = await new OrganizationsAccountDirectory(organizations).NamesAsync(default);
        Assert.Equal(26, names.Count); // the management account and the 25, over two pages of 20
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"team-{i:00}"), names.Values.Where(n => n.StartsWith("team-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(names.Keys, id => Assert.Matches("^[0-9]{12}$", id));
    }

    /// <summary>A closed account is still listed (and billed), named, but never one Steward acts in.</summary>
    [Fact]
    public async Task A_closed_account_is_listed_as_not_active()
    {
        var answer = """{"Accounts":[{"Id":"111111111111","Name":"payments","Status":"ACTIVE"},{"Id":"222222222222","Name":"old-sandbox","Status":"SUSPENDED"},{"Id":"333333333333","Name":"closing","Status":"PENDING_CLOSURE"}]}""";
        var client = new SignedAwsClient(AwsService.Organizations, new BasicAWSCredentials("testing", "testing"), "us-east-1", new Uri("https://organizations.us-east-1.amazonaws.com/"),
            new Answering(answer));
        var accounts = await new OrganizationsAccountDirectory(client).AccountsAsync(default);
        Assert.Equal([("111111111111", true), ("222222222222", false), ("333333333333", false)], accounts.Select(a => (a.Id, a.Active)));
        var members = Steward.Core.Organizations.MemberAccounts.Parse("999999999999", "ORGANIZATION", new OrganizationsAccountDirectory(client));
        Assert.Equal(Steward.Core.Organizations.AccountKind.NotMember, (await members.StandingAsync("222222222222", default)).Kind);
        Assert.Equal("old-sandbox (222222222222)", (await members.StandingAsync("222222222222", default)).Label);
        Assert.Equal(["999999999999", "111111111111"], await members.AccountsAsync(default));
    }

    private sealed class Answering(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-amz-json-1.1") });
    }

    private sealed class Refusing(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body) });
    }

    /// <summary>What AWS answers an account outside an organization (moto answers an empty list instead).</summary>
    [Fact]
    public async Task An_account_outside_an_organization_is_told_so()
    {
        var client = new SignedAwsClient(AwsService.Organizations, new BasicAWSCredentials("testing", "testing"), "us-east-1", new Uri("https://organizations.us-east-1.amazonaws.com/"),
            new Refusing("""{"__type":"AWSOrganizationsNotInUseException","Message":"Your account is not a member of an organization."}"""));
        var e = await Assert.ThrowsAsync<DependencyFailed>(() => new OrganizationsAccountDirectory(client).NamesAsync(default));
        Assert.Equal("AWSOrganizationsNotInUseException", e.Code);
        Assert.Contains("not in an AWS Organization", e.Message);
    }
}
