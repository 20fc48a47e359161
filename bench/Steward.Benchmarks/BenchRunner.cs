using Steward.Aws;
using Steward.Changes.CloudFormation;
using Steward.Core.Ports;
using Steward.Local;
using Steward.Local.Template;

/// <summary>
/// The runner a benchmark runs against (bench/with-runner.sh starts it), found as <c>invoke</c> finds it: its template and
/// stack, its AWS settings (this process pointed at them, never at an account) and clients for them.
/// </summary>
internal sealed record BenchRunner(string Root, CloudFormationTemplate Template, LocalStack Stack, string Region,
    IReadOnlyDictionary<string, string> AwsEnvironment, AwsClients Clients)
{
    public static async Task<BenchRunner> ConnectAsync(int port)
    {
        var root = FindRoot();
        var template = CloudFormationTemplate.Load(Path.Combine(root, "template.yaml"));
        var target = await InvokeCommand.AskRunnerAsync(port, template);
        var stack = new LocalStack(template, target.Region, $"http://127.0.0.1:{port}", target.Parameters) { QueueEndpoint = target.AwsEndpoint.ToString().TrimEnd('/') };
        var aws = LocalRunner.AwsEnvironment(target.AwsEndpoint, target.Region, target.CostExplorer);
        LocalRunner.UseLocalAws(aws);
        return new BenchRunner(root, template, stack, target.Region, aws, new AwsClients(new Steward.Aws.AwsEnvironment(new DictionaryEnvironment(aws))));
    }

    /// <summary>The project's root (where Functions.sln is), from wherever the benchmark was built.</summary>
    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException("run from inside the project");
    }

    /// <summary>A command-line option's value, or the fallback.</summary>
    public static string Option(string[] args, string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
}
