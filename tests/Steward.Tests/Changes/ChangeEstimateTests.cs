using System.Text.Json;
using Steward.Changes;
using Steward.Changes.Reports;
using Steward.Core.Instances;
using Steward.Core.Pricing;
using Steward.Testing;

namespace Steward.Tests.Changes;

/// <summary>Terraform plans, CloudFormation and SAM templates read and priced as a pull request would have them.</summary>
public class ChangeEstimateTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static Estimator Estimator(string? usage = null, Dictionary<string, string>? parameters = null, string region = "us-east-1") =>
        new(new Pricer(PriceCatalog.Load(region), Today), usage is null ? UsageFile.None : UsageFile.Read(Fixtures.PathOf(usage)), parameters ?? []);

    internal static string Write(string name, string text)
    {
        var dir = Path.Combine(Path.GetTempPath(), "steward-cost-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, name), text);
        return Path.Combine(dir, name);
    }

    [Fact]
    public void A_plan_breakdown_equals_Infracosts_golden_line_by_line_and_in_total()
    {
        var b = Estimator("terraform/infracost-example_plan/example_usage.yml").Breakdown(Fixtures.PathOf("terraform/infracost-example_plan/example_plan.json"));
        var golden = InfracostGolden.Read(Fixtures.Text("terraform/infracost-example_plan/breakdown_terraform_plan_json.golden"));
        Assert.Equal(1361.31m, Math.Round(b.MonthlyCost, 2));
        foreach (var line in golden.Where(l => l.MonthlyCost is not null))
        {
            var r = b.Resources.Single(x => x.Name == line.Resource);
            var all = r.Components.Select(c => (c.Name, c.MonthlyCost)).Concat(r.Parts.SelectMany(p => p.Components.Select(c => ($"{p.Name} / {c.Name}", c.MonthlyCost))));
            Assert.Contains(all, c => c.Item1 == line.Path && Math.Round(c.MonthlyCost ?? -1, 2) == line.MonthlyCost);
        }
    }

    [Fact]
    public void A_plans_diff_is_its_prior_state_against_its_planned_values()
    {
        var diff = Estimator().PlanDiff(Fixtures.PathOf("terraform/infracost-plan_with_target/plan_with_target.json"));
        var change = Assert.Single(diff.Changes);
        Assert.Equal(ChangeKind.Changed, change.Kind);
        // Infracost's golden: +$8 ($9 → $16), +88%: t3.micro → t3.small and 10 GB gp2. Ours adds the instance's public IPv4
        // address on both sides ($3.65 a month; AWS charges it since 2024-02-01), which moves the total but not the change.
        Assert.Equal(7.59m + 1.00m + 3.65m, Math.Round(diff.PastTotal, 2));
        Assert.Equal(15.18m + 1.00m + 3.65m, Math.Round(diff.PlannedTotal, 2));
        Assert.Equal(7.59m, Math.Round(diff.Difference, 2));
        Assert.Equal("Monthly cost will increase by $7.59 (+62%)", Wording.Headline(diff));
    }

    [Fact]
    public void The_json_has_Infracosts_format_fields_with_decimal_strings()
    {
        var diff = new CostDiff(Breakdown.Empty, Estimator("terraform/infracost-example_plan/example_usage.yml").Breakdown(Fixtures.PathOf("terraform/infracost-example_plan/example_plan.json")));
        using var ours = new MemoryStream();
        InfracostJson.Write(ours, "breakdown", "example_plan.json", diff, "USD", DateTimeOffset.UnixEpoch, 730);
        var mine = JsonDocument.Parse(ours.ToArray()).RootElement;
        var text = Fixtures.Text("terraform/infracost-json-format/breakdown_format_json.golden");
        var theirs = JsonDocument.Parse(text[..(text.IndexOf("\n}\n", StringComparison.Ordinal) + 2)]).RootElement;
        foreach (var key in new[] { "version", "currency", "totalMonthlyCost", "pastTotalMonthlyCost", "diffTotalMonthlyCost", "totalHourlyCost", "totalMonthlyUsageCost" })
            Assert.Equal(theirs.GetProperty(key).ValueKind, mine.GetProperty(key).ValueKind);
        Assert.Equal(theirs.GetProperty("totalMonthlyCost").GetString(), mine.GetProperty("totalMonthlyCost").GetString());
        var theirResource = theirs.GetProperty("projects")[0].GetProperty("breakdown").GetProperty("resources").EnumerateArray().First(r => r.GetProperty("name").GetString() == "aws_instance.web_app");
        var myResource = mine.GetProperty("projects")[0].GetProperty("breakdown").GetProperty("resources").EnumerateArray().First(r => r.GetProperty("name").GetString() == "aws_instance.web_app");
        Assert.Equal(theirResource.GetProperty("monthlyCost").GetString(), myResource.GetProperty("monthlyCost").GetString());
        var theirComponent = theirResource.GetProperty("costComponents")[0];
        var myComponent = myResource.GetProperty("costComponents")[0];
        foreach (var p in theirComponent.EnumerateObject().Where(p => p.Name != "hourlyCost" && p.Name != "hourlyQuantity"))
            Assert.Equal(p.Value.ToString(), myComponent.GetProperty(p.Name).ToString());
        Assert.Equal("5", myResource.GetProperty("subresources")[0].GetProperty("monthlyCost").GetString());
    }

    /// <summary>Infracost's JSON counts what it did not price by type only; ours names each such resource, with why, as the table does.</summary>
    [Fact]
    public void The_json_names_each_resource_not_priced_or_free_with_why()
    {
        var path = Path.Combine(Path.GetTempPath(), $"named-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            Resources:
              Odd: { Type: AWS::EC2::Instance, Properties: { InstanceType: t9.mega } }
              Sg: { Type: AWS::EC2::SecurityGroup, Properties: { GroupDescription: d } }
            """);
        using var ours = new MemoryStream();
        InfracostJson.Write(ours, "breakdown", "named.yaml", new CostDiff(Breakdown.Empty, Estimator().Breakdown(path)), "USD", DateTimeOffset.UnixEpoch, 730);
        var metadata = JsonDocument.Parse(ours.ToArray()).RootElement.GetProperty("projects")[0].GetProperty("metadata");
        var odd = metadata.GetProperty("notPriced").EnumerateArray().Single();
        Assert.Equal(("Odd", "AWS::EC2::Instance"), (odd.GetProperty("name").GetString(), odd.GetProperty("resourceType").GetString()));
        Assert.StartsWith("price not found in us-east-1: Instance usage (Linux/UNIX, on-demand, t9.mega)", odd.GetProperty("why").GetString());
        Assert.Equal("Sg", metadata.GetProperty("free").EnumerateArray().Single().GetProperty("name").GetString());
    }

    public static TheoryData<string> Templates() => new(Fixtures.All("yaml").Concat(Fixtures.All("json"))
        .Where(f => f.StartsWith("cloudformation", StringComparison.Ordinal) && !f.EndsWith("api.yaml", StringComparison.Ordinal) || f.EndsWith("cf.json", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_resource_of_a_template_is_accounted_for(string template)
    {
        var path = Fixtures.PathOf(template);
        var b = Estimator().Breakdown(path);
        var declared = ((Steward.Changes.CloudFormation.CloudFormationTemplate)Steward.Changes.Estimator.Open(path)).Section("Resources").Keys;
        Assert.All(declared, id => Assert.Contains(b.Resources, r => r.Name == id));
        Assert.All(b.Resources, r => Assert.True(r.Pricing != Pricing.Priced || r.AllComponents.Any(), $"{r.Name} is priced but has no line"));
        Assert.DoesNotContain(b.Resources, r => r.Pricing == Pricing.NotPriced && r.ResourceType.StartsWith("AWS::Serverless::", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("simpletable")]
    [InlineData("explicit_http_api_minimum")]
    [InlineData("s3")]
    public void A_SAM_template_costs_what_its_translation_costs(string pair)
    {
        var sam = Estimator().Breakdown(Fixtures.PathOf($"cloudformation/sam-translator-pairs/{pair}.input.yaml"));
        var cfn = Estimator().Breakdown(Fixtures.PathOf($"cloudformation/sam-translator-pairs/{pair}.output.json"));
        static IEnumerable<string> Lines(Breakdown b) => b.Resources.Where(r => r.Pricing == Pricing.Priced)
            .SelectMany(r => r.AllComponents.Select(c => $"{r.Name}: {c.Name} {c.MonthlyQuantity} × {c.Price}")).Order();
        Assert.Equal(Lines(cfn), Lines(sam));
    }

    [Fact]
    public void A_ServiceNow_quote_and_a_breakdown_of_the_same_server_agree_to_the_cent()
    {
        var quote = PriceTable.Load("us-east-1").Quote("m6i.large", Licensing.Linux, 50);
        var path = Write("server.yaml", """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  InstanceType: m6i.large
                  BlockDeviceMappings:
                    - DeviceName: /dev/xvda
                      Ebs: { VolumeType: gp3, VolumeSize: 50 }
            """);
        var server = Estimator().Breakdown(path).Resources.Single();
        Assert.Equal(quote.MonthlyTotal, Math.Round(server.MonthlyCost, 2, MidpointRounding.AwayFromZero));
        Assert.Equal(quote.MonthlyCompute, Math.Round(server.Components[0].MonthlyCost!.Value, 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void A_Windows_server_is_priced_with_its_licence_as_ServiceNow_quotes_it()
    {
        var path = Write("win.yaml", "Resources:\n  Win: { Type: AWS::EC2::Instance, Properties: { InstanceType: m6i.xlarge, BlockDeviceMappings: [{ DeviceName: /dev/sda1, Ebs: { VolumeType: gp3, VolumeSize: 50 } }] } }\n");
        var usage = Write("usage.yml", "version: 0.1\nresource_usage:\n  Win:\n    operating_system: windows\n");
        var win = new Estimator(new Pricer(PriceCatalog.Load(), Today), UsageFile.Read(usage), new Dictionary<string, string>()).Breakdown(path).Resources.Single();
        Assert.Equal("Instance usage (Windows, on-demand, m6i.xlarge)", win.Components[0].Name);
        Assert.Equal(PriceTable.Load("us-east-1").Quote("m6i.xlarge", Licensing.Windows, 50).MonthlyTotal, Math.Round(win.MonthlyCost, 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void Parameters_conditions_mappings_and_Sub_decide_what_is_priced()
    {
        var path = Write("app.yaml", """
            Parameters:
              Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
              Size: { Type: String }
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Mappings:
              Sizes:
                dev: { Type: t3.micro, Disk: 10 }
                prod: { Type: m6i.xlarge, Disk: 100 }
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  InstanceType: !FindInMap [Sizes, !Ref Env, Type]
                  BlockDeviceMappings:
                    - DeviceName: /dev/xvda
                      Ebs: { VolumeType: !If [IsProd, io1, gp3], VolumeSize: !FindInMap [Sizes, !Ref Env, Disk], Iops: !If [IsProd, 1000, !Ref AWS::NoValue] }
              Standby:
                Type: AWS::EC2::Instance
                Condition: IsProd
                Properties: { InstanceType: !Sub "${Size}" }
              Logs:
                Type: AWS::Logs::LogGroup
                Properties: { LogGroupName: !Sub "/app/${Env}" }
            """);
        var dev = Estimator().Breakdown(path);
        Assert.DoesNotContain(dev.Resources, r => r.Name == "Standby");
        Assert.Equal("Instance usage (Linux/UNIX, on-demand, t3.micro)", dev.Resources.Single(r => r.Name == "Web").Components[0].Name);
        Assert.Equal(10 * 0.08m, dev.Resources.Single(r => r.Name == "Web").Parts[0].Components[0].MonthlyCost);

        var prod = Estimator(parameters: new() { ["Env"] = "prod" }).Breakdown(path);
        var web = prod.Resources.Single(r => r.Name == "Web");
        Assert.Equal(0.192m * 730 + 100 * 0.125m + 1000 * 0.065m, web.MonthlyCost);
        // Size has no default and was not given: the standby cannot be priced, and the answer says which parameter to give.
        var standby = prod.Resources.Single(r => r.Name == "Standby");
        Assert.Equal(Pricing.NotPriced, standby.Pricing);
        Assert.Contains(prod.Warnings, w => w.Contains("--parameter Size=", StringComparison.Ordinal));
    }

    [Fact]
    public void A_launch_template_and_an_Auto_Scaling_group_price_the_desired_capacity()
    {
        var path = Write("asg.yaml", """
            Resources:
              Template:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    InstanceType: c6i.large
                    BlockDeviceMappings: [{ DeviceName: /dev/xvda, Ebs: { VolumeType: gp3, VolumeSize: 30 } }]
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "2"
                  MaxSize: "10"
                  DesiredCapacity: "4"
                  LaunchTemplate: { LaunchTemplateId: !Ref Template, Version: !GetAtt Template.LatestVersionNumber }
            """);
        var b = Estimator().Breakdown(path);
        Assert.Equal(Pricing.Free, b.Resources.Single(r => r.Name == "Template").Pricing);
        var group = b.Resources.Single(r => r.Name == "Group");
        Assert.Equal(4 * (0.085m * 730 + 30 * 0.08m), group.MonthlyCost);
        Assert.Contains("4 instance(s): the group's desired capacity", group.Notes);
    }

    [Theory]
    [InlineData("mysql", "5.7.44", "2024-02-29", null)]
    [InlineData("mysql", "5.7.44", "2024-03-01", 1)]
    [InlineData("mysql", "5.7.44", "2025-03-01", 2)]
    [InlineData("mysql", "5.7.44", "2026-11-26", 3)]
    [InlineData("mysql", "8.0.39", "2026-11-26", 1)]
    [InlineData("mysql", "8.4.3", "2026-11-26", null)]
    [InlineData("postgres", "12.22", "2026-11-26", 2)]
    [InlineData("postgres", "16.4", "2026-11-26", null)]
    [InlineData("aurora-mysql", "5.7.mysql_aurora.2.12.3", "2026-11-26", 3)]
    public void Extended_Support_is_charged_by_the_year_the_day_falls_in(string engine, string version, string day, int? year) =>
        Assert.Equal(year, ExtendedSupport.YearOf(engine, version, DateOnly.Parse(day)));

    [Fact]
    public void An_RDS_engine_past_standard_support_pays_Extended_Support_per_vCPU_hour()
    {
        var path = Write("db.yaml", """
            Resources:
              Db:
                Type: AWS::RDS::DBInstance
                Properties: { DBInstanceClass: db.t3.large, Engine: mysql, EngineVersion: "5.7.44", AllocatedStorage: "20", MultiAZ: true }
            """);
        var db = Estimator().Breakdown(path).Resources.Single();
        Assert.Equal(("Database instance (on-demand, Multi-AZ, db.t3.large)", 0.272m), (db.Components[0].Name, db.Components[0].Price));
        Assert.Equal(20 * 0.115m * 2, db.Components.Single(c => c.Name.StartsWith("Storage", StringComparison.Ordinal)).MonthlyCost);
        // 2026-11-26 is in year 3 of MySQL 5.7's Extended Support: $0.200 a vCPU-hour, 2 vCPUs, both AZs.
        var support = db.Components.Single(c => c.Name.StartsWith("Extended support", StringComparison.Ordinal));
        Assert.Equal(("Extended support (year 3)", 2 * 730 * 2m, 0.200m), (support.Name, support.MonthlyQuantity!.Value, support.Price));
    }

    [Fact]
    public void Usage_figures_price_what_depends_on_usage_and_mark_it()
    {
        var usage = Write("usage.yml", """
            version: 0.1
            resource_type_default_usage:
              AWS::Serverless::Function:
                monthly_requests: 1000000
                request_duration_ms: 200
            resource_usage:
              Api:
                monthly_requests: 2000000
            """);
        var path = Write("app.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function: { MemorySize: 1024, Architectures: [arm64] }
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events: { Get: { Type: Api, Properties: { Path: /, Method: get, RestApiId: !Ref Api } } }
              Api:
                Type: AWS::Serverless::Api
                Properties: { StageName: prod }
            """);
        var b = new Estimator(new Pricer(PriceCatalog.Load(), Today), UsageFile.Read(usage), new Dictionary<string, string>()).Breakdown(path);
        var fn = b.Resources.Single(r => r.Name == "Fn");
        Assert.Equal(0.20m + 1_000_000 * 0.2m * 1m * 0.0000133334m, fn.MonthlyCost);
        Assert.All(fn.Components, c => Assert.True(c.UsageBased));
        Assert.Equal(2 * 3.50m, b.Resources.Single(r => r.Name == "Api").MonthlyCost);
        Assert.DoesNotContain(b.Resources, r => r.Name == "ServerlessRestApi"); // the event names its API: no implicit one
    }

    [Fact]
    public void A_diff_of_two_templates_matches_resources_by_logical_id()
    {
        var before = Write("before.yaml", """
            Resources:
              Web: { Type: AWS::EC2::Instance, Properties: { InstanceType: t3.small } }
              Old: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: subnet-1 } }
              Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
            """);
        var after = Write("after.yaml", """
            Resources:
              Web: { Type: AWS::EC2::Instance, Properties: { InstanceType: t3.large } }
              Ip: { Type: AWS::EC2::EIP }
              Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
            """);
        var diff = Estimator().Diff(before, after);
        Assert.Equal(ChangeKind.Changed, diff.Changes.Single(c => c.Name == "Web").Kind);
        Assert.Equal(ChangeKind.Added, diff.Changes.Single(c => c.Name == "Ip").Kind);
        Assert.Equal(ChangeKind.Removed, diff.Changes.Single(c => c.Name == "Old").Kind);
        Assert.Equal(ChangeKind.Unchanged, diff.Changes.Single(c => c.Name == "Role").Kind);
        Assert.Equal((0.0832m - 0.0208m) * 730 + 3.65m - 32.85m, diff.Difference);
        var comment = TextReports.Markdown(diff, "template.yaml");
        Assert.StartsWith(TextReports.CommentMarker, comment);
        Assert.Contains("### Monthly cost will increase by $16.35 (+", comment);
        Assert.Contains("Instance usage (Linux/UNIX, on-demand, t3.small) → (Linux/UNIX, on-demand, t3.large)", comment);
        Assert.Contains("<details><summary>Removed (1)</summary>", comment);
    }

    [Fact]
    public void Nothing_priced_changing_is_said_so()
    {
        var a = Write("a.yaml", "Resources:\n  Role: { Type: AWS::IAM::Role, Properties: { Path: / } }\n");
        var b = Write("b.yaml", "Resources:\n  Role: { Type: AWS::IAM::Role, Properties: { Path: /x/ } }\n  Policy: { Type: AWS::IAM::ManagedPolicy }\n");
        var diff = Estimator().Diff(a, b);
        Assert.False(diff.AnythingPricedChanged);
        Assert.Equal("Monthly cost will not change ($0.00)", Wording.Headline(diff));
    }

    [Theory]
    [InlineData(100, null, 0)]
    [InlineData(10, null, 1)]
    [InlineData(null, 50, 0)]
    [InlineData(null, 5, 1)]
    public void The_policy_gate_names_the_limit_crossed(int? usd, int? percent, int crossed)
    {
        var diff = new CostDiff(new Breakdown([new PricedResource("a", "t") { Components = [new("x", "hours", 730, 0.1m)] }], []),
            new Breakdown([new PricedResource("a", "t") { Components = [new("x", "hours", 730, 0.12m)] }], []));
        var result = new PolicyGate(usd, percent).Crossed(diff);
        Assert.Equal(crossed, result.Count);
        if (crossed > 0) Assert.Contains(usd is null ? "--fail-above-percent" : "--fail-above", result[0]);
    }

    [Theory]
    [InlineData("notes.yaml", "title: hello\n", "neither a CloudFormation/SAM template")]
    [InlineData("broken.yaml", "Resources:\n  A: [\n", "is not valid YAML")]
    [InlineData("broken.json", "{ \"Resources\": ", "is not valid JSON")]
    [InlineData("main.tf", "resource \"aws_instance\" \"a\" {}\n", "price its plan instead")]
    [InlineData("empty.yaml", "", "holds no template mapping")]
    [InlineData("list.yaml", "Resources: [1, 2]\n", "Resources must be a mapping")]
    [InlineData("notype.yaml", "Resources:\n  A: { Properties: {} }\n", "resource A has no Type")]
    [InlineData("foreach.yaml", "Resources:\n  Fn::ForEach::Q: [N, [a, b], {}]\n", "which the template does not declare (Transform: AWS::LanguageExtensions)")]
    [InlineData("plan.json", "{\"format_version\":\"1.0\",\"resource_changes\":[{\"address\":\"x\"}]}", "is not a Terraform plan as `terraform show -json` writes it")]
    public void Input_that_is_not_a_template_or_a_plan_is_refused_in_words(string name, string text, string expected)
    {
        var e = Assert.Throws<ChangeInputException>(() => Estimator().Breakdown(Write(name, text)));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("!Select [5, [a, b]]", "selects item 5 of a list of 2")]
    [InlineData("{ \"Fn::If\": [x] }", "has a malformed Fn::If")]
    [InlineData("!ImportValue shared-type", "uses Fn::ImportValue, which only a deployment can resolve")]
    public void An_intrinsic_that_cannot_be_resolved_is_said_and_its_resource_listed(string value, string said)
    {
        var b = Estimator().Breakdown(Write("t.yaml", $"Resources:\n  A: {{ Type: AWS::EC2::Instance, Properties: {{ InstanceType: {value} }} }}\n"));
        Assert.Equal(Pricing.NotPriced, b.Resources.Single().Pricing);
        Assert.Contains(b.Warnings, w => w.StartsWith("A: InstanceType ", StringComparison.Ordinal) && w.Contains(said, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_region_names_the_ones_shipped() =>
        Assert.Contains("us-east-1", Assert.Throws<UnknownRegionException>(() => PriceCatalog.Load("mars-north-1")).Message);

    [Fact]
    public void Every_catalog_prices_what_the_pricer_asks_for_with_a_dated_source()
    {
        foreach (var region in PriceCatalog.Regions)
        {
            var catalog = PriceCatalog.Load(region);
            Assert.All(Catalog.InstanceTypes, t => Assert.NotNull(catalog.InstanceType(t)?.Windows));
            Assert.All(catalog.Sources.Values, s => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", s.EffectiveDate));
        }
        Assert.Equal(["eu-west-1", "us-east-1"], PriceCatalog.Regions);
        // eu-west-1 is dearer than us-east-1 for the same server.
        Assert.True(PriceTable.Load("eu-west-1").Quote("t3.small", Licensing.Linux, 20).MonthlyTotal > PriceTable.Load("us-east-1").Quote("t3.small", Licensing.Linux, 20).MonthlyTotal);
    }
}

/// <summary>A plan's every action, its modules and counted resources, as <c>terraform show -json</c> writes them.</summary>
public class TerraformPlanActionTests
{
    private const string Plan = """
        {
          "format_version": "1.2",
          "terraform_version": "1.9.5",
          "resource_changes": [
            { "address": "aws_instance.kept", "mode": "managed", "type": "aws_instance", "name": "kept",
              "change": { "actions": ["no-op"], "before": { "instance_type": "t3.small" }, "after": { "instance_type": "t3.small" } } },
            { "address": "aws_instance.gone", "mode": "managed", "type": "aws_instance", "name": "gone",
              "change": { "actions": ["delete"], "before": { "instance_type": "t3.large" }, "after": null } },
            { "address": "aws_ebs_volume.data", "mode": "managed", "type": "aws_ebs_volume", "name": "data",
              "change": { "actions": ["delete", "create"], "before": { "type": "gp2", "size": 100 }, "after": { "type": "gp3", "size": 100, "iops": 6000 } } },
            { "address": "module.web.aws_nat_gateway.this[0]", "module_address": "module.web", "mode": "managed", "type": "aws_nat_gateway", "name": "this", "index": 0,
              "change": { "actions": ["create"], "before": null, "after": { "connectivity_type": "public" } } },
            { "address": "module.web.aws_nat_gateway.this[1]", "module_address": "module.web", "mode": "managed", "type": "aws_nat_gateway", "name": "this", "index": 1,
              "change": { "actions": ["create"], "before": null, "after": { "connectivity_type": "public" } } },
            { "address": "aws_lb.api[\"blue\"]", "mode": "managed", "type": "aws_lb", "name": "api", "index": "blue",
              "change": { "actions": ["create"], "before": null, "after": { "load_balancer_type": "network" } } },
            { "address": "data.aws_ami.latest", "mode": "data", "type": "aws_ami", "name": "latest",
              "change": { "actions": ["read"], "before": null, "after": { "id": "ami-1" } } },
            { "address": "random_id.suffix", "mode": "managed", "type": "random_id", "name": "suffix",
              "change": { "actions": ["create"], "before": null, "after": { "byte_length": 4 } } }
          ]
        }
        """;

    [Fact]
    public void Each_action_counts_on_its_side_of_the_change()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("steward-plan-").FullName, "plan.json");
        File.WriteAllText(path, Plan);
        var diff = new Estimator(new Pricer(PriceCatalog.Load(), new DateOnly(2026, 11, 26)), UsageFile.None, new Dictionary<string, string>()).PlanDiff(path);
        ChangeKind Kind(string name) => diff.Changes.Single(c => c.Name == name).Kind;
        Assert.Equal(ChangeKind.Unchanged, Kind("aws_instance.kept"));
        Assert.Equal(ChangeKind.Removed, Kind("aws_instance.gone"));
        Assert.Equal(ChangeKind.Changed, Kind("aws_ebs_volume.data")); // replaced: gp2 → gp3 with 3,000 IOPS above the free 3,000
        Assert.Equal(ChangeKind.Added, Kind("module.web.aws_nat_gateway.this[0]"));
        Assert.Equal(ChangeKind.Added, Kind("module.web.aws_nat_gateway.this[1]"));
        Assert.Equal(ChangeKind.Added, Kind("aws_lb.api[\"blue\"]"));
        Assert.DoesNotContain(diff.Changes, c => c.Name.StartsWith("data.", StringComparison.Ordinal));
        Assert.Equal(Pricing.Free, diff.Planned.Resources.Single(r => r.Name == "random_id.suffix").Pricing);
        var expected = -(0.0832m * 730 + 8 * 0.10m)               // the large server and its assumed root volume go
                       + (100 * 0.08m + 3000 * 0.005m) - 100 * 0.10m  // gp2 100 GB → gp3 100 GB with 3,000 extra IOPS
                       + 2 * 0.045m * 730                          // two NAT gateways
                       + 0.0225m * 730;                            // one NLB
        Assert.Equal(expected, diff.Difference);
    }
}

/// <summary>The rest of what a serverless stack declares, priced from a template.</summary>
public class ServerlessResourceTests
{
    [Fact]
    public void Secrets_state_machines_alarms_keys_and_log_groups_are_priced()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("steward-sls-").FullName, "t.yaml");
        File.WriteAllText(path, """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Token: { Type: AWS::SecretsManager::Secret }
              Flow: { Type: AWS::Serverless::StateMachine, Properties: { Type: EXPRESS, Definition: {} } }
              Batch: { Type: AWS::StepFunctions::StateMachine, Properties: { DefinitionString: "{}" } }
              Errors: { Type: AWS::CloudWatch::Alarm, Properties: { Period: 10, MetricName: Errors, Namespace: AWS/Lambda, Threshold: 1, EvaluationPeriods: 1, ComparisonOperator: GreaterThanThreshold } }
              Math:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Metrics:
                    - { Id: a, MetricStat: { Metric: { MetricName: A, Namespace: N }, Period: 60, Stat: Sum } }
                    - { Id: b, MetricStat: { Metric: { MetricName: B, Namespace: N }, Period: 60, Stat: Sum } }
                    - { Id: e, Expression: "a/b" }
              Signing: { Type: AWS::KMS::Key, Properties: { KeySpec: RSA_3072, KeyUsage: SIGN_VERIFY } }
              Logs: { Type: AWS::Logs::LogGroup }
              Odd: { Type: AWS::ElastiCache::CacheCluster, Properties: { CacheNodeType: cache.t3.micro, Engine: redis, NumCacheNodes: 1 } }
            """);
        var b = new Estimator(new Pricer(PriceCatalog.Load(), new DateOnly(2026, 11, 26)), UsageFile.None, new Dictionary<string, string>()).Breakdown(path);
        PricedResource R(string n) => b.Resources.Single(r => r.Name == n);
        Assert.Equal(0.40m, R("Token").MonthlyCost);
        Assert.Equal(["Requests", "Duration"], R("Flow").Components.Select(c => c.Name));
        Assert.Equal(0.025m, R("Batch").Components.Single().Price);
        Assert.Equal(("High resolution", 0.30m), (R("Errors").Components[0].Name, R("Errors").MonthlyCost));
        Assert.Equal(0.20m, R("Math").MonthlyCost); // two metrics of a metric-math alarm
        Assert.Equal(["Customer master key", "Requests (asymmetric)"], R("Signing").Components.Select(c => c.Name));
        Assert.Equal(1.00m, R("Signing").MonthlyCost);
        Assert.Equal(3, R("Logs").Components.Count(c => c.UsageBased && c.MonthlyQuantity is null));
        // A node type the catalog has no rate for is named, never $0.
        Assert.Equal((Pricing.NotPriced, "price not found in us-east-1: ElastiCache (on-demand, cache.t3.micro)"), (R("Odd").Pricing, R("Odd").Notes[0]));
    }

    /// <summary>
    /// Provisioned concurrency is billed all month once configured: on a SAM function (on the alias SAM creates for it) and
    /// on a plain alias, sized by its function's memory. 10 executions × 1 GB × 730 h × 3,600 s = 26,280,000 GB-seconds ×
    /// $0.0000041667 = $109.50 (x86_64); the alias's 5 × 0.5 GB on arm64: 6,570,000 × $0.0000033334 = $21.90.
    /// </summary>
    [Fact]
    public void Provisioned_concurrency_is_priced_for_the_month_on_the_alias_that_carries_it()
    {
        var path = ChangeEstimateTests.Write("concurrency.yaml", """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Checkout:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  CodeUri: src/
                  MemorySize: 1024
                  AutoPublishAlias: live
                  ProvisionedConcurrencyConfig:
                    ProvisionedConcurrentExecutions: 10
              Search:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: app.handler
                  Role: arn:aws:iam::123456789012:role/search
                  Code: { ZipFile: "def handler(e, c): pass" }
                  MemorySize: 512
                  Architectures: [arm64]
              SearchVersion:
                Type: AWS::Lambda::Version
                Properties: { FunctionName: !Ref Search }
              SearchAlias:
                Type: AWS::Lambda::Alias
                Properties:
                  FunctionName: !Ref Search
                  FunctionVersion: !GetAtt SearchVersion.Version
                  Name: prod
                  ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 5 }
            """);
        var b = PricingForms.Estimator.Breakdown(path);
        decimal Fixed(string name) => Math.Round(b.Resources.Single(r => r.Name == name).AllComponents.Where(c => !c.UsageBased).Sum(c => c.MonthlyCost ?? 0), 2);
        Assert.Equal(109.50m, Fixed("CheckoutAliaslive"));
        Assert.Equal(21.90m, Fixed("SearchAlias"));
        Assert.Equal(Pricing.Free, b.Resources.Single(r => r.Name == "SearchVersion").Pricing);
        Assert.Contains(b.Resources.Single(r => r.Name == "SearchAlias").Notes, n => n.Contains("whole month", StringComparison.Ordinal));
    }

    /// <summary>
    /// Usage-priced services a template declares are priced at their unit prices (not "not priced yet"), from the same
    /// kinds as their Terraform forms (checked there against Infracost's goldens); an alias record is free.
    /// </summary>
    [Fact]
    public void Registries_trails_records_builds_rules_and_file_systems_are_priced_per_unit()
    {
        var path = ChangeEstimateTests.Write("usage.yaml", """
            Resources:
              Images: { Type: AWS::ECR::Repository }
              Trail: { Type: AWS::CloudTrail::Trail, Properties: { IsLogging: true, S3BucketName: logs } }
              Www: { Type: AWS::Route53::RecordSet, Properties: { HostedZoneId: Z1, Name: www.example.com, Type: A, AliasTarget: { DNSName: d1.cloudfront.net, HostedZoneId: Z2FDTNDATAQYW2 } } }
              Api: { Type: AWS::Route53::RecordSet, Properties: { HostedZoneId: Z1, Name: api.example.com, Type: CNAME, TTL: "300", ResourceRecords: [api.example.net] } }
              Build: { Type: AWS::CodeBuild::Project, Properties: { Environment: { ComputeType: BUILD_GENERAL1_SMALL, Type: LINUX_CONTAINER, Image: x }, Source: { Type: NO_SOURCE }, Artifacts: { Type: NO_ARTIFACTS }, ServiceRole: r } }
              Rule: { Type: AWS::Config::ConfigRule, Properties: { Source: { Owner: AWS, SourceIdentifier: S3_BUCKET_VERSIONING_ENABLED } } }
              Docs: { Type: AWS::DocDB::DBCluster, Properties: { MasterUsername: u, MasterUserPassword: p } }
              Files: { Type: AWS::EFS::FileSystem, Properties: { ThroughputMode: provisioned, ProvisionedThroughputInMibps: 10 } }
            """);
        var b = PricingForms.Estimator.Breakdown(path);
        PricedResource R(string name) => b.Resources.Single(r => r.Name == name);
        (string, decimal) First(string name) => (R(name).Components[0].Name, R(name).Components[0].Price);
        Assert.Equal(("Storage", 0.10m), First("Images"));
        Assert.Equal(("Management events (additional copies)", 2.00m), First("Trail"));
        Assert.Equal(Pricing.Free, R("Www").Pricing);
        Assert.Equal(("Standard queries (first 1B)", 0.40m), First("Api"));
        Assert.Equal(("Linux (general1.small)", 0.005m), First("Build"));
        Assert.Equal(("Rule evaluations (first 100K)", 0.001m), First("Rule"));
        Assert.Equal(("Backup storage", 0.021m), First("Docs"));
        // Provisioned throughput is fixed: 10 MiB/s × $6.00 (no storage given, so none of it is earned by the storage).
        Assert.Equal(60.00m, R("Files").Components.Single(c => c.Name == "Provisioned throughput").MonthlyCost);
        Assert.All(new[] { "Images", "Trail", "Api", "Build", "Rule", "Docs", "Files" }, n => Assert.Equal(Pricing.Priced, R(n).Pricing));
    }

    /// <summary>
    /// What Infracost calls free and EventBridge's and API Gateway's price lists do not: a pipe's requests, a schedule's
    /// invocations and a WebSocket API's messages and connection minutes, all usage. 20M messages = 20 × $1.00; 5M
    /// connection minutes = 5 × $0.25; 3M pipe requests = 3 × $0.40; 8,760 invocations (every 5 minutes) = $0.01.
    /// </summary>
    [Theory]
    [InlineData("AWS::Pipes::Pipe", "aws_pipes_pipe", "monthly_requests: 3000000", 1.20)]
    [InlineData("AWS::Scheduler::Schedule", "aws_scheduler_schedule", "monthly_invocations: 8760", 0.01)]
    [InlineData("AWS::AppSync::GraphQLApi", "aws_appsync_graphql_api", "monthly_queries: 2500000", 10.00)] // 2.5M × $4.00 per million
    [InlineData("AWS::Events::ApiDestination", "aws_cloudwatch_event_api_destination", "monthly_invocations: 4000000", 0.80)] // 4M × $0.20 per million
    public void Pipes_and_schedules_are_priced_per_use(string cfn, string tf, string usage, decimal expected)
    {
        var usageFile = ChangeEstimateTests.Write("usage.yml", $"version: 0.1\nresource_usage:\n  {tf}.x:\n    {usage}\n  X:\n    {usage}\n");
        var estimator = new Estimator(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26)), UsageFile.Read(usageFile), new Dictionary<string, string>());
        var template = estimator.Breakdown(ChangeEstimateTests.Write("t.yaml", $"Resources:\n  X: {{ Type: {cfn} }}\n")).Resources.Single();
        var plan = estimator.Breakdown(ChangeEstimateTests.Write("plan.json",
            $"{{\"format_version\":\"1.2\",\"resource_changes\":[{{\"address\":\"{tf}.x\",\"mode\":\"managed\",\"type\":\"{tf}\",\"name\":\"x\",\"change\":{{\"actions\":[\"create\"],\"before\":null,\"after\":{{}}}}}}]}}")).Resources.Single();
        Assert.Equal((expected, expected), (Math.Round(template.AllComponents.Sum(c => c.MonthlyCost ?? 0), 2), Math.Round(plan.AllComponents.Sum(c => c.MonthlyCost ?? 0), 2)));
    }

    [Fact]
    public void A_WebSocket_API_is_priced_per_message_and_connection_minute()
    {
        var usageFile = ChangeEstimateTests.Write("usage.yml", "version: 0.1\nresource_usage:\n  Chat:\n    monthly_messages: 20000000\n    monthly_connection_minutes: 5000000\n");
        var estimator = new Estimator(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26)), UsageFile.Read(usageFile), new Dictionary<string, string>());
        var chat = estimator.Breakdown(ChangeEstimateTests.Write("t.yaml", "Resources:\n  Chat: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: chat, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }\n")).Resources.Single();
        Assert.Equal(Pricing.Priced, chat.Pricing);
        Assert.Equal(20.00m + 1.25m, chat.AllComponents.Sum(c => c.MonthlyCost ?? 0));
        Assert.Equal("Messages (first 1B)", chat.Components[0].Name);
    }

    /// <summary>
    /// Nested stacks and SAM applications whose template is a file beside the parent's (before `sam build` or `aws
    /// cloudformation package` uploads it) are priced in place, with the parameters the parent passes: two NAT gateways
    /// (the child's condition turned on by the parent's Gateways: "2") at 730 × $0.045 each, and a t3.small (the parent's
    /// default, passed down) at 730 × $0.0208 with its assumed 8 GB gp2 root at $0.10: 32.85 + 32.85 + 15.18 + 0.80 = 81.68.
    /// One in S3 or the Serverless Application Repository is not priced, and one that nests its parent is not read again.
    /// </summary>
    [Fact]
    public void Nested_templates_beside_the_parent_are_priced_in_place_with_the_parameters_it_passes()
    {
        var dir = Directory.CreateTempSubdirectory("steward-nested-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "nest"));
        File.WriteAllText(Path.Combine(dir, "nest", "network.yaml"), """
            Parameters:
              Gateways: { Type: Number, Default: 1 }
            Conditions:
              Two: !Equals [!Ref Gateways, 2]
            Resources:
              Nat1: { Type: AWS::EC2::NatGateway, Properties: { SubnetId: subnet-1 } }
              Nat2: { Type: AWS::EC2::NatGateway, Condition: Two, Properties: { SubnetId: subnet-2 } }
            """);
        File.WriteAllText(Path.Combine(dir, "nest", "servers.yaml"), """
            Parameters:
              InstanceType: { Type: String, Default: t3.micro }
              Subnet: { Type: String, Default: subnet-x }
            Resources:
              Web: { Type: AWS::EC2::Instance, Properties: { InstanceType: !Ref InstanceType, ImageId: ami-1, SubnetId: !Ref Subnet } }
            """);
        File.WriteAllText(Path.Combine(dir, "nest", "loop.yaml"), "Resources:\n  Again: { Type: AWS::CloudFormation::Stack, Properties: { TemplateURL: ../parent.yaml } }\n");
        var parent = Path.Combine(dir, "parent.yaml");
        File.WriteAllText(parent, """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Size: { Type: String, Default: t3.small }
            Resources:
              Network:
                Type: AWS::CloudFormation::Stack
                Properties: { TemplateURL: ./nest/network.yaml, Parameters: { Gateways: "2" } }
              Servers:
                Type: AWS::Serverless::Application
                Properties: { Location: nest/servers.yaml, Parameters: { InstanceType: !Ref Size, Subnet: !GetAtt Network.Outputs.Subnet } }
              FromRepository:
                Type: AWS::Serverless::Application
                Properties: { Location: { ApplicationId: "arn:aws:serverlessrepo:us-east-1:123456789012:applications/x", SemanticVersion: 1.0.0 } }
              Uploaded:
                Type: AWS::CloudFormation::Stack
                Properties: { TemplateURL: "https://s3.amazonaws.com/bucket/child.yaml" }
              Loop:
                Type: AWS::CloudFormation::Stack
                Properties: { TemplateURL: ./nest/loop.yaml }
            """);
        var b = PricingForms.Estimator.Breakdown(parent);
        PricedResource R(string name) => b.Resources.Single(r => r.Name == name);
        Assert.Equal(81.68m, Math.Round(b.MonthlyCost - b.MonthlyUsageCost, 2));
        Assert.All(new[] { "Network/Nat1", "Network/Nat2", "Servers/Web" }, n => Assert.Equal(Pricing.Priced, R(n).Pricing));
        Assert.Contains("t3.small", R("Servers/Web").Components[0].Name);
        Assert.All(new[] { "Network", "Servers", "Loop" }, n => Assert.Equal(Pricing.Free, R(n).Pricing));
        Assert.All(new[] { "FromRepository", "Uploaded", "Loop/Again" }, n => Assert.Equal(Pricing.NotPriced, R(n).Pricing));
        Assert.Contains("not read again", R("Loop/Again").Notes[0]);
        Assert.Contains(b.Warnings, w => w.StartsWith("Servers: parameter Subnet is known only at deploy time", StringComparison.Ordinal));
    }

    /// <summary>A tiered usage line given a usage of zero still shows its first tier, at zero, rather than no line at all.</summary>
    [Fact]
    public void A_tiered_usage_of_zero_shows_its_first_tier_at_zero()
    {
        var usageFile = ChangeEstimateTests.Write("usage.yml", "version: 0.1\nresource_usage:\n  Rule:\n    monthly_rule_evaluations: 0\n");
        var estimator = new Estimator(new Pricer(PriceCatalog.Load("us-east-1"), new DateOnly(2026, 11, 26)), UsageFile.Read(usageFile), new Dictionary<string, string>());
        var rule = estimator.Breakdown(ChangeEstimateTests.Write("t.yaml", "Resources:\n  Rule: { Type: AWS::Config::ConfigRule, Properties: { Source: { Owner: AWS, SourceIdentifier: X } } }\n")).Resources.Single();
        Assert.Equal(["Rule evaluations (first 100K)"], rule.Components.Select(c => c.Name));
        Assert.All(rule.Components, c => Assert.Equal(0m, c.MonthlyCost));
    }
}
