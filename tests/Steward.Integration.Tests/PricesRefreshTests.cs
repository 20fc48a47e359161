using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Steward.Core.Pricing;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// <c>steward-cost prices refresh</c> against the Price List API's recorded answers, served page by page on a loopback port
/// (moto does not play the Price List API), as the real API answers GetProducts: signed JSON 1.1 in, NextToken paging out.
/// </summary>
public class PricesRefreshTests
{
    [Fact]
    public async Task The_catalog_is_rebuilt_from_every_page_of_GetProducts()
    {
        var port = Ports.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var requests = new List<(string Target, string? Authorization, JsonNode Body)>();
        var compute = PriceListFixtures.FromOfferFile("pricing/opencost-testdata-pricing-us-east-1.json").ToList();
        var storage = JsonNode.Parse(PriceListFixtures.GetProductsExample())!["PriceList"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); } catch (HttpListenerException) { return; } catch (ObjectDisposedException) { return; }
                var body = JsonNode.Parse(await new StreamReader(context.Request.InputStream).ReadToEndAsync())!;
                lock (requests) requests.Add((context.Request.Headers["X-Amz-Target"]!, context.Request.Headers["Authorization"], body));
                var filters = body["Filters"]!.AsArray().ToDictionary(f => f!["Field"]!.GetValue<string>(), f => f!["Value"]!.GetValue<string>());
                var page = body["NextToken"]?.GetValue<string>();
                // Linux instances come in two pages (one product each), Windows in none, storage in one.
                var (items, next) = filters["productFamily"] == "Storage" ? (storage, null)
                    : filters["operatingSystem"] == "Windows" ? ([], null)
                    : page is null ? (compute.Take(1).ToList(), "page-2") : (compute.Skip(1).ToList(), (string?)null);
                var answer = new JsonObject { ["FormatVersion"] = "aws_v1", ["PriceList"] = new JsonArray(items.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray()) };
                if (next is not null) answer["NextToken"] = next;
                var bytes = Encoding.UTF8.GetBytes(answer.ToJsonString());
                context.Response.ContentType = "application/x-amz-json-1.1";
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });

        var output = Path.Combine(Directory.CreateTempSubdirectory("steward-prices-").FullName, "catalog.us-east-1.json");
        var r = await Commands.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "steward-cost.dll"), "prices", "refresh", "--region", "us-east-1", "--out", output],
            new Dictionary<string, string?>
            {
                ["AWS_ENDPOINT_URL_PRICING"] = $"http://127.0.0.1:{port}", ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
                ["AWS_REGION"] = "us-east-1",
            });
        listener.Stop();
        await serving;

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("1 instance types (0 with Windows), 1 EBS volume types, from 3 products", r.Stdout);
        Assert.Equal(4, requests.Count); // Linux page 1 and 2, Windows, storage
        Assert.All(requests, q => Assert.Equal("AWSPriceListService.GetProducts", q.Target));
        Assert.All(requests, q => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=testing/", q.Authorization));
        Assert.Contains("/us-east-1/pricing/aws4_request", requests[0].Authorization);
        Assert.Equal("page-2", requests[1].Body["NextToken"]!.GetValue<string>());
        await using var file = File.OpenRead(output);
        var catalog = PriceCatalog.Read(file);
        Assert.Equal(32.7726m, catalog.InstanceType("p4d.24xlarge")!.Linux);
        Assert.Equal(0.138m, catalog.Price("ebs.io1.storage"));
        Assert.Equal(0.0104m, catalog.InstanceType("t3.micro")!.Linux); // what the API did not answer is kept
    }

    [Fact]
    public async Task An_unreachable_Price_List_API_is_one_line_and_exit_2()
    {
        var r = await Commands.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "steward-cost.dll"), "prices", "refresh", "--region", "eu-west-1", "--out", Path.GetTempFileName()],
            new Dictionary<string, string?> { ["AWS_ENDPOINT_URL_PRICING"] = $"http://127.0.0.1:{Ports.Free()}", ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing" });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the Price List API at http://127.0.0.1:", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
