using System.Text;
using System.Text.RegularExpressions;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// The README's walk-through, run as written: every <c>```bash</c> block, top to bottom in one shell from the project's
/// root, against the runner its own start block starts. A block preceded by <c>&lt;!-- README test: not run (why) --&gt;</c>
/// is skipped (deploys to AWS, the test run itself); the one marked <c>runs in the background</c> is the runner. The only
/// changes made to the text are the ports (free ones, so a runner of the user's on 3000 is never touched) and
/// <c>dotnet run --project tools/Steward.Local</c>, which becomes the runner already built beside the tests.
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
public partial class ReadmeTests
{
    private sealed record Block(int Line, string Text, string? Marker);

    private static List<Block> Blocks(string readme)
    {
        var blocks = new List<Block>();
        foreach (Match m in BashBlock().Matches(readme))
            blocks.Add(new Block(readme[..m.Index].Count(c => c == '\n') + 1, m.Groups["code"].Value, m.Groups["marker"].Success ? m.Groups["marker"].Value : null));
        return blocks;
    }

    [Fact]
    public void Every_command_block_is_run_or_says_why_not()
    {
        var blocks = Blocks(File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "README.md")));
        Assert.Contains(blocks, b => b.Marker is null);
        Assert.Single(blocks, b => b.Marker?.StartsWith("runs in the background") == true);
        Assert.All(blocks.Where(b => b.Marker is not null), b => Assert.Matches(@"^(runs in the background|not run \(.+\))", b.Marker!));
    }

    [Fact]
    public async Task The_walk_through_runs_as_written_against_the_runner_and_does_what_it_says()
    {
        var blocks = Blocks(File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "README.md")));
        int api = Ports.Free(), moto = Ports.Free();
        string Local(string text) => text
            .Replace("127.0.0.1:3000", $"127.0.0.1:{api}").Replace("127.0.0.1:4566", $"127.0.0.1:{moto}")
            .Replace("dotnet run --project tools/Steward.Local --", $"dotnet '{Commands.RunnerDll}'")
            .Replace("dotnet run --project tools/Steward.Local", $"dotnet '{Commands.RunnerDll}'");
        var environment = new Dictionary<string, string> { ["STEWARD_LOCAL_PORT"] = api.ToString(), ["STEWARD_LOCAL_MOTO_PORT"] = moto.ToString() };

        var start = blocks.Single(b => b.Marker?.StartsWith("runs in the background") == true);
        await using var runner = RunnerProcess.StartShell(Local(start.Text), environment);
        await runner.WaitForLineAsync(TimeSpan.FromSeconds(120), "[steward-local] ready");

        var script = new StringBuilder("set -euo pipefail\n");
        foreach (var block in blocks.Where(b => b.Marker is null))
            script.Append($"echo '### README.md line {block.Line}' >&2\n").Append(Local(block.Text)).Append('\n');
        var result = await Commands.RunAsync("bash", ["-c", script.ToString()], environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), timeout: TimeSpan.FromMinutes(5));
        var transcript = $"{result.Stdout}\n--- stderr ---\n{result.Stderr}\n--- runner ---\n{runner.Output}";
        Assert.True(result.ExitCode == 0, $"the README stopped with exit code {result.ExitCode} (the last '### README.md line' names the block):\n{transcript}");

        void Shows(string text) => Assert.True(result.Stdout.Contains(text, StringComparison.Ordinal), $"the README's output lacks {text}:\n{transcript}");

        // What the README says each example visibly does.
        Shows("HTTP/1.1 202 Accepted");                                          // ServiceNow's build
        Shows("\"state\":\"shutting-down\"");                                     // the decommission
        Assert.Equal(2, Regex.Matches(result.Stdout, @"stopped\s+steward-isolation-vpc-").Count);                             // the findings contained, here and in the member
        Shows("InvalidInstanceID.NotFound");                                     // the member's instance unknown here
        Assert.True(Regex.IsMatch(result.Stdout, "\"accountId\":\\s*\"111111111111\""), transcript);                            // its record names the member
        Shows("\"account\":\"111111111111\"");                                  // a build in the member account
        Shows("record.json");                                                    // its evidence
        Shows("steward-local-AlertsTopic");                                      // its alert
        Shows("detail.severity is the string \"high\", where a number");          // the unreadable one kept
        await runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "UNREADABLE GuardDuty finding on i-");    // and told
        Shows("\"status\":\"done\",\"summary\":{\"released\"");                 // the release
        Shows("key: Inactive; policies: steward-quarantine-f-5");               // the leaked key contained
        Shows("key after release: Active");                                      // and released
        Shows("key after the sample: Active");                                   // a sample changes nothing
        await runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "[SAMPLE] Steward GuardDuty High UnauthorizedAccess:IAMUser");  // and is told as one
        Shows("member key: Inactive");                                           // a member's leaked key contained there
        Shows("NoSuchEntity");                                                   // and no such user here
        Shows("block: True");                                                    // the public bucket blocked
        Shows("\"level\":\"Notify\"");                                           // the fixture finding
        Assert.Equal(2, Regex.Matches(result.Stdout, "\"changes\":\"2\"").Count);                         // the storage invokes
        await runner.WaitForLineAsync(TimeSpan.FromSeconds(30), "\"key\":\"reports/Q3 plan.pdf\"");       // the upload
        Shows("\"headline\":\"Cloud spend ");                                                  // the cost report fired
        Shows("report.html");                                                                     // its set listed
        Shows("p4d.24xlarge GPU server hours +$880");                                                     // finance's message names the spike
        Shows("\"anomalies\":\"0\"");                                                          // ten days back: none
        Shows("\"reconciliation\":\"complete\"");                                            // the storage ledger
        Shows("\"awsEndpoint\"");                                                // GET /_local
    }

    [GeneratedRegex(@"(?:<!-- README test: (?<marker>[^\n]*?) -->\n)?```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
