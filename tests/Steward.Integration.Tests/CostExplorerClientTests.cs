using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Steward.Aws;
using Steward.Aws.Costs;
using Steward.Core.Costs;
using Steward.Core.Ports;
using Steward.Local.Costs;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>The Cost Explorer adapter on the wire: against the runner's Cost Explorer over HTTP, and against scripted answers for AWS's errors.</summary>
public class CostExplorerClientTests
{
    private static readonly BasicAWSCredentials Credentials = new("testing", "testing");
    private static readonly DateOnly Last = new(2026, 3, 2);

    private sealed class Scripted(params (HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
    {
        public int Calls { get; private set; }
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var (status, body) = answers[Math.Min(Calls++, answers.Length - 1)];
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });
        }
    }

    private static CostExplorerClient Client(HttpMessageHandler transport) =>
        new(new SignedAwsClient(AwsService.CostExplorer, Credentials, "us-east-1", new Uri("https://ce.us-east-1.amazonaws.com/"), transport));

    [Fact]
    public async Task Thirteen_months_come_back_whole_across_every_page_with_tags_and_estimates_read()
    {
        var explorer = new LocalCostExplorer([CostDataGenerator.Generate(Last)]);
        await using var app = await explorer.StartAsync(default);
        var client = new CostExplorerClient(new SignedAwsClient(AwsService.CostExplorer, Credentials, "us-east-1", new Uri(app.Urls.First())));
        var from = new DateOnly(2025, 2, 1);

        var services = await client.DailyCostsAsync(CostDimension.Service, "CostCenter", from, Last.AddDays(1), default);
        var days = Last.DayNumber - from.DayNumber + 1;
        Assert.Equal((days + LocalCostExplorer.DaysPerPage - 1) / LocalCostExplorer.DaysPerPage, client.Requests); // every page, one request each
        Assert.Equal(days, services.Select(r => r.Day).Distinct().Count());
        Assert.Equal(30, services.Where(r => r.RecordType == "Usage").Select(r => r.Key).Distinct().Count());
        Assert.Equal(days, services.Select(r => r.Day).Distinct().Count());
        Assert.True(services.Where(r => r.Day >= Last.AddDays(-1)).All(r => r.Estimated) && services.Where(r => r.Day < Last.AddDays(-1)).All(r => !r.Estimated));

        var centres = await client.DailyCostsAsync(CostDimension.CostCenter, "CostCenter", Last, Last.AddDays(1), default);
        Assert.Equal(["", "data", "payments", "platform", "search"], centres.Select(r => r.Key).Distinct().Order());
        Assert.Equal(services.Where(r => r.Day == Last).Sum(r => r.Billed), centres.Sum(r => r.Billed), 6);
        // Grouped by RECORD_TYPE too: the Savings Plan's covered usage, its negation and its fee, the credit, each its own row.
        Assert.Equal(["Credit", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "SavingsPlanRecurringFee", "Usage"], services.Where(r => r.Day == Last).Select(r => r.RecordType).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(services, r => r is { RecordType: "Support", Key: CostDataGenerator.SupportService } && r.Day.Day == 1);

        var inside = await client.DrillDownAsync(CostDimension.Service, "Amazon Elastic Compute Cloud - Compute", "CostCenter", Last, Last.AddDays(1), default);
        Assert.Equal(880m, inside.Single(x => x.Key == CostDataGenerator.SpikeUsageType).Amount);
        var untagged = await client.DrillDownAsync(CostDimension.CostCenter, "", "CostCenter", Last, Last.AddDays(1), default);
        Assert.Equal(centres.Where(c => c.Key == "").Sum(c => c.Effective), untagged.Sum(x => x.Amount), 6);

        // A cost centre's own billed cost by linked account (the team pages, in a management account): it adds up to the
        // cost centre's billed cost, in the one account the generated bill has.
        var payments = await client.CostCentreByAccountAsync("payments", "CostCenter", Last, Last.AddDays(1), default);
        Assert.Equal(centres.Where(c => c.Key == "payments").Sum(c => c.Billed), payments.Sum(x => x.Amount), 6);
        Assert.Single(payments.Select(x => x.Key).Distinct());
    }

    [Fact]
    public async Task Cost_Explorer_not_enabled_says_what_to_enable()
    {
        var e = await Assert.ThrowsAsync<DependencyFailed>(() => Client(new Scripted((HttpStatusCode.BadRequest,
            """{"__type":"DataUnavailableException","Message":"Data is not available. Please try to adjust the time period. If just enabled Cost Explorer, data might not be ingested yet"}""")))
            .DailyCostsAsync(CostDimension.Service, "CostCenter", Last, Last.AddDays(1), default));
        Assert.Contains("Enable Cost Explorer in the Billing and Cost Management console", e.Message);
    }

    [Fact]
    public async Task Not_allowed_says_which_permissions_are_needed()
    {
        var e = await Assert.ThrowsAsync<DependencyFailed>(() => Client(new Scripted((HttpStatusCode.BadRequest,
            """{"__type":"AccessDeniedException","Message":"User is not authorized to perform: ce:GetCostAndUsage"}""")))
            .DailyCostsAsync(CostDimension.Service, "CostCenter", Last, Last.AddDays(1), default));
        Assert.Contains("needs ce:GetCostAndUsage and ce:GetCostForecast", e.Message);
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff_and_the_page_still_arrives()
    {
        var page = """{"ResultsByTime":[{"TimePeriod":{"Start":"2026-03-02","End":"2026-03-03"},"Total":{},"Groups":[{"Keys":["AWS Lambda"],"Metrics":{"UnblendedCost":{"Amount":"46.1200000000","Unit":"USD"},"AmortizedCost":{"Amount":"46.1200000000","Unit":"USD"}}}],"Estimated":true}]}""";
        var transport = new Scripted((HttpStatusCode.BadRequest, """{"__type":"LimitExceededException","Message":"Rate limit exceeded"}"""),
            (HttpStatusCode.BadRequest, """{"__type":"LimitExceededException","Message":"Rate limit exceeded"}"""), (HttpStatusCode.OK, page));
        var rows = await Client(transport).DailyCostsAsync(CostDimension.Service, "CostCenter", Last, Last.AddDays(1), default);
        Assert.Equal(3, transport.Calls);
        Assert.Equal(new CostRow(Last, CostDimension.Service, "AWS Lambda", 46.12m, 46.12m, true), Assert.Single(rows));
    }

    [Fact]
    public void A_monthly_export_is_refused_with_how_to_export_daily()
    {
        // aws-cli's documented output (MONTHLY, SERVICE + TAG Environment): the runner needs DAILY figures.
        var e = Assert.Throws<Steward.Local.Aws.LocalRunnerException>(() => LocalCostExplorer.ReadExport(Fixtures.PathOf("costexplorer/awscli-get-cost-and-usage.output.json")));
        Assert.Contains("is not one day; export with --granularity DAILY", e.Message);
    }
}
