using System.Text.Json;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>steward-cost as a user runs it: a process, its output, its exit codes, and the pull-request script around it.</summary>
public class StewardCostCommandTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "steward-cost.dll");
    private static readonly string Plan = Fixtures.PathOf("terraform/infracost-plan_with_target/plan_with_target.json");

    private static Task<CommandResult> Cost(params string[] args) => Commands.RunAsync("dotnet", [Dll, .. args]);

    private static string Temp(string name, string text)
    {
        var dir = Directory.CreateTempSubdirectory("steward-cost-").FullName;
        File.WriteAllText(Path.Combine(dir, name), text);
        return Path.Combine(dir, name);
    }

    /// <summary>A typo is a usage error (2), never 1, which a CI gate reads as "a --fail-above limit was crossed".</summary>
    [Theory]
    [InlineData("breakdwon --path x.yaml", "breakdwon")]
    [InlineData("breakdown --path x.yaml --fail-abov 10", "--fail-abov")]
    [InlineData("diff --path PLAN --fail-above abc", "abc is not an amount")]
    [InlineData("diff --path PLAN --fail-above-percent 1O", "1O is not an amount")]
    [InlineData("breakdown --path PLAN --as-of 2026-13-01", "2026-13-01 is not a date")]
    [InlineData("breakdown --path PLAN --format yaml", "yaml")]
    public async Task A_mistyped_command_line_exits_2_in_one_line_naming_the_mistake(string line, string named)
    {
        var r = await Cost(line.Replace("PLAN", Plan).Split(' '));
        Assert.Equal(2, r.ExitCode);
        var said = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("steward-cost: ", said);
        Assert.Contains(named, said);
        Assert.DoesNotContain("System.", said);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public async Task Breakdown_prints_the_table_with_the_total()
    {
        var r = await Cost("breakdown", "--path", Fixtures.PathOf("terraform/infracost-example_plan/example_plan.json"),
            "--usage-file", Fixtures.PathOf("terraform/infracost-example_plan/example_usage.yml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Instance usage (Linux/UNIX, on-demand, m5.4xlarge)", r.Stdout);
        Assert.Matches(@"OVERALL TOTAL\s+\$1,361\.31", r.Stdout);
    }

    [Fact]
    public async Task Json_is_Infracosts_format_written_to_a_file()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("steward-cost-").FullName, "cost.json");
        var r = await Cost("diff", "--path", Plan, "--format", "json", "--out-file", output);
        Assert.Equal(0, r.ExitCode);
        var json = JsonDocument.Parse(File.ReadAllText(output)).RootElement;
        Assert.Equal("0.2", json.GetProperty("version").GetString());
        Assert.Equal("7.592", json.GetProperty("diffTotalMonthlyCost").GetString());
        Assert.Equal("terraform_plan_json", json.GetProperty("projects")[0].GetProperty("metadata").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("--fail-above", "5", 1, "above the limit of $5.00 (--fail-above)")]
    [InlineData("--fail-above", "10", 0, "")]
    [InlineData("--fail-above-percent", "50", 1, "above the limit of 50% (--fail-above-percent)")]
    [InlineData("--fail-above-percent", "75", 0, "")]
    public async Task The_policy_gate_fails_with_the_limit_crossed(string option, string limit, int exit, string said)
    {
        var r = await Cost("diff", "--path", Plan, option, limit);
        Assert.Equal(exit, r.ExitCode);
        Assert.Contains(said, r.Stderr);
        Assert.Contains("Monthly cost will increase by $7.59 (+62%)", r.Stdout); // the report is printed either way
    }

    [Theory]
    [InlineData("breakdown --path {missing}", "no file at")]
    [InlineData("breakdown --path {notes}", "neither a CloudFormation/SAM template")]
    [InlineData("breakdown --path {plan} --region mars-north-1", "no price catalog for region mars-north-1: Steward ships eu-west-1, us-east-1")]
    [InlineData("breakdown --path {plan} --parameter Env=prod", "--parameter is for templates")]
    [InlineData("diff --path {template}", "give the two versions with --base and --head")]
    [InlineData("diff --base {template}", "diff --base needs --head too")]
    [InlineData("breakdown --path {template} --parameter Nope=1", "declares no parameter Nope")]
    public async Task Mistakes_are_one_line_and_exit_2(string command, string said)
    {
        var notes = Temp("notes.yaml", "title: not a template\n");
        var template = Temp("t.yaml", "Parameters:\n  Env: { Type: String, Default: dev }\nResources:\n  Q: { Type: AWS::SQS::Queue }\n");
        var args = command.Replace("{missing}", "/nowhere/t.yaml").Replace("{notes}", notes).Replace("{plan}", Plan).Replace("{template}", template).Split(' ');
        var r = await Cost(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(said, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task The_pull_request_script_posts_one_comment_for_the_templates_a_change_touches_and_nothing_otherwise()
    {
        var repo = Directory.CreateTempSubdirectory("steward-cost-repo-").FullName;
        async Task Git(params string[] args)
        {
            var r = await Commands.RunAsync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", .. args]);
            Assert.True(r.ExitCode == 0, r.Stderr);
        }
        await Git("init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repo, "stack.yaml"), "Resources:\n  Web: { Type: AWS::EC2::Instance, Properties: { InstanceType: t3.small } }\n");
        File.WriteAllText(Path.Combine(repo, "settings.json"), "{\"a\": 1}\n");
        await Git("add", ".");
        await Git("commit", "-qm", "base");
        var environment = new Dictionary<string, string?> { ["STEWARD_COST"] = $"dotnet {Dll}" };
        var script = Path.Combine(Fixtures.ProjectRoot, "tools/Steward.Cost/cost-diff.sh");

        // Only a non-template changes: nothing to say.
        File.WriteAllText(Path.Combine(repo, "settings.json"), "{\"a\": 2}\n");
        var quiet = await Commands.RunAsync("bash", ["-c", $"cd '{repo}' && '{script}' main"], environment);
        Assert.Equal((0, ""), (quiet.ExitCode, quiet.Stdout));

        // A bigger server and a new template: one comment, its marker once, both templates in it.
        File.WriteAllText(Path.Combine(repo, "stack.yaml"), "Resources:\n  Web: { Type: AWS::EC2::Instance, Properties: { InstanceType: t3.large } }\n");
        File.WriteAllText(Path.Combine(repo, "queue.json"), "{\"Resources\": {\"Nat\": {\"Type\": \"AWS::EC2::NatGateway\"}}}\n");
        await Git("add", ".");
        var comment = await Commands.RunAsync("bash", ["-c", $"cd '{repo}' && '{script}' main --fail-above 100"], environment);
        Assert.Equal(0, comment.ExitCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(comment.Stdout, "<!-- steward-cost comment -->"));
        Assert.Contains("### Monthly cost will increase by $45.55 (+285%)", comment.Stdout);
        Assert.Contains("### Monthly cost will increase by $32.85 (from $0.00 to $32.85)", comment.Stdout);
        Assert.Contains("`queue.json`", comment.Stdout);

        // Over the limit: the comment is still printed, and the script fails.
        var gated = await Commands.RunAsync("bash", ["-c", $"cd '{repo}' && '{script}' main --fail-above 40"], environment);
        Assert.Equal(1, gated.ExitCode);
        Assert.Contains("Monthly cost will increase by $45.55", gated.Stdout);
    }

    /// <summary>The README's own bill is what steward-cost says for the committed usage file, and the table adds up to it.</summary>
    [Fact]
    public async Task Steward_s_own_bill_in_the_README_is_what_steward_cost_prices()
    {
        var result = await Cost("breakdown", "--path", "template.yaml", "--usage-file", "docs/own-bill/usage.yml", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var total = decimal.Parse(json.RootElement.GetProperty("totalMonthlyCost").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, json.RootElement.GetProperty("projects")[0].GetProperty("summary").GetProperty("totalUnsupportedResources").GetInt32());

        var readme = await File.ReadAllTextAsync(Path.Combine(Fixtures.ProjectRoot, "README.md"));
        var quoted = System.Text.RegularExpressions.Regex.Match(readme, @"--usage-file docs/own-bill/usage.yml +# OVERALL TOTAL \$(?<t>[0-9.]+)");
        Assert.True(quoted.Success, "the README quotes the total after the command");
        Assert.Equal(Math.Round(total, 2), decimal.Parse(quoted.Groups["t"].Value, System.Globalization.CultureInfo.InvariantCulture));
        var stack = System.Text.RegularExpressions.Regex.Match(readme, @"\| the stack, as `steward-cost` prices it .*\| \$(?<t>[0-9.]+) \|");
        Assert.Equal(Math.Round(total, 2), decimal.Parse(stack.Groups["t"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}

