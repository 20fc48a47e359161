using System.IO.Compression;
using Steward.Changes.CloudFormation;
using Steward.Testing;
using Xunit.Abstractions;

namespace Steward.Integration.Tests;

/// <summary>
/// What <c>sam build</c> does for each function, done here: its <c>BuildMethod: makefile</c> runs
/// <c>make --makefile &lt;CodeUri&gt;/Makefile build-&lt;LogicalId&gt;</c> in a scratch copy of the function's folder with
/// <c>ARTIFACTS_DIR</c> set (aws-lambda-builders' CustomMakeAction). Each package is then checked as Lambda will take it:
/// a native bootstrap that starts on Amazon Linux 2023, nothing of the tests or tools rides along, and it fits
/// Lambda's limits (50 MB zipped, 250 MB unzipped).
/// </summary>
[Trait(Tiers.Category, Tiers.Slow)]
public class SamBuildTests(ITestOutputHelper output)
{
    private static readonly CloudFormationTemplate Template = CloudFormationTemplate.Load(Path.Combine(Fixtures.ProjectRoot, "template.yaml"));

    public static TheoryData<string> Functions() => new(Template.Functions.Select(f => f.LogicalId));

    private static readonly string[] NeverInAPackage =
    [
        "xunit", "Microsoft.NET.Test.Sdk", "Microsoft.TestPlatform", "testhost", "Steward.Local", "steward-cost", "Steward.Changes",
        "Steward.Tests", "Steward.Integration.Tests", "Steward.Benchmarks", "BenchmarkDotNet", "YamlDotNet", "System.CommandLine",
        "Microsoft.AspNetCore",
    ];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_function_builds_with_make_into_a_package_Lambda_takes(string logicalId)
    {
        var function = Template.Functions.Single(f => f.LogicalId == logicalId);
        var resource = Template.Resources.Single(r => r.LogicalId == logicalId);
        Assert.Equal("makefile", (resource.Body["Metadata"] as Dictionary<string, object?>)?["BuildMethod"]);
        var source = Path.Combine(Fixtures.ProjectRoot, function.CodeUri!);
        var makefile = Path.Combine(source, "Makefile");
        Assert.Contains($"build-{logicalId}:", await File.ReadAllTextAsync(makefile));

        // The scratch copy SAM makes: the function's folder alone, somewhere else.
        var scratch = Directory.CreateTempSubdirectory("sam-scratch-").FullName;
        var artifacts = Directory.CreateTempSubdirectory("sam-artifacts-").FullName;
        var zipFolder = Directory.CreateTempSubdirectory("sam-zip-").FullName;
        try
        {
            await BuildAndCheck(logicalId, function, source, makefile, scratch, artifacts, zipFolder);
        }
        finally
        {
            foreach (var dir in new[] { scratch, artifacts, zipFolder }) Directory.Delete(dir, recursive: true);
        }
    }

    private async Task BuildAndCheck(string logicalId, SamFunction function, string source, string makefile, string scratch, string artifacts, string zipFolder)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/bin/") && !f.Contains("/obj/")))
        {
            var target = Path.Combine(scratch, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        // Native code is built for this machine's architecture (the release pipeline builds arm64 on an arm64 runner).
        var make = await Commands.RunAsync("bash", ["-c", $"cd '{scratch}' && make --makefile '{makefile}' build-{logicalId}"],
            new Dictionary<string, string?> { ["ARTIFACTS_DIR"] = artifacts, ["RUNTIME_ID"] = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier },
            timeout: TimeSpan.FromMinutes(8));
        Assert.True(make.ExitCode == 0, make.Stdout + make.Stderr);

        // Lambda's OS-only runtime runs the executable named bootstrap.
        var bootstrap = new FileInfo(Path.Combine(artifacts, "bootstrap"));
        Assert.True(bootstrap.Exists && bootstrap.UnixFileMode.HasFlag(UnixFileMode.UserExecute), "provided runtimes need an executable bootstrap");
        // It is a program that runs on its own (no .NET on provided.al2023), and says what it is when Lambda is not there.
        var alone = await Commands.RunAsync(bootstrap.FullName, [], new Dictionary<string, string?> { ["AWS_LAMBDA_RUNTIME_API"] = null });
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", alone.Stderr);
        // Amazon Linux 2023 has glibc 2.34: a bootstrap linked against newer symbols would not start there.
        var symbols = await Commands.RunAsync("objdump", ["-T", bootstrap.FullName]);
        var newest = System.Text.RegularExpressions.Regex.Matches(symbols.Stdout, @"GLIBC_(\d+)\.(\d+)")
            .Select(m => new Version(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value))).Max();
        Assert.True(newest <= new Version(2, 34), $"the bootstrap needs glibc {newest}; Amazon Linux 2023 has 2.34: build in an Amazon Linux 2023 container");
        var files = Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.All(files, f => Assert.DoesNotContain(NeverInAPackage, n => f!.StartsWith(n, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(files, f => f!.EndsWith(".pdb", StringComparison.Ordinal));

        var unzipped = Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var zip = Path.Combine(zipFolder, "package.zip");
        ZipFile.CreateFromDirectory(artifacts, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        var zipped = new FileInfo(zip).Length;
        output.WriteLine($"{logicalId}: {files.Count} files, {unzipped / 1048576.0:0.0} MB unzipped, {zipped / 1048576.0:0.0} MB zipped");
        Assert.InRange(zipped, 1, 50L * 1024 * 1024);
        Assert.InRange(unzipped, 1, 250L * 1024 * 1024);

        // .ci/run hands the checked bootstraps on to the cold-start benchmark, so that no function is compiled twice in a run.
        if (Environment.GetEnvironmentVariable(NativeBuildsVariable) is { Length: > 0 } keep)
        {
            var target = Path.Combine(keep, logicalId.EndsWith("Function", StringComparison.Ordinal) ? logicalId[..^"Function".Length] : logicalId);
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.EnumerateFiles(artifacts)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }

    /// <summary>Where the checked native builds are kept for the benchmark (bench/coldstart/run.sh reads them with STEWARD_REUSE_BOOTSTRAPS=1).</summary>
    public const string NativeBuildsVariable = "STEWARD_NATIVE_BUILDS";

    [Fact]
    public void The_packages_are_built_for_the_architecture_the_template_runs_them_on()
    {
        var architectures = Template.FunctionGlobals["Architectures"] as List<object?>;
        var runtimeId = architectures?.Single() switch { "arm64" => "linux-arm64", _ => "linux-x64" };
        Assert.Contains($"RUNTIME_ID ?= {runtimeId}", File.ReadAllText(Path.Combine(Fixtures.ProjectRoot, "functions", "publish.mk")));
        Assert.All(Template.Functions, f => Assert.Null(Template.Resources.Single(r => r.LogicalId == f.LogicalId).Properties.GetValueOrDefault("Architectures")));
    }

    private static readonly string OtherRuntime = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-x64" : "linux-arm64";

    /// <summary>
    /// <c>make build-…</c> with the Makefile's defaults on a machine of the other architecture (the template deploys arm64;
    /// most laptops and CI runners are x86_64): where the cross toolchain is installed it builds a bootstrap for the target's
    /// machine type; where it is not, it stops in one line naming what to install and the alternative.
    /// </summary>
    [Fact]
    public async Task A_function_builds_for_the_other_architecture_or_says_in_one_line_what_to_install()
    {
        var source = Path.Combine(Fixtures.ProjectRoot, "functions", "InstanceRequests");
        var artifacts = Directory.CreateTempSubdirectory("sam-cross-").FullName;
        try
        {
            var check = await Commands.RunAsync("bash", [Path.Combine(Fixtures.ProjectRoot, "functions", "check-toolchain.sh"), OtherRuntime]);
            var make = await Commands.RunAsync("make", ["--makefile", Path.Combine(source, "Makefile"), "build-InstanceRequestsFunction"],
                new Dictionary<string, string?> { ["ARTIFACTS_DIR"] = artifacts, ["RUNTIME_ID"] = OtherRuntime }, timeout: TimeSpan.FromMinutes(8));
            if (check.ExitCode != 0)
            {
                output.WriteLine($"no cross toolchain here: {check.Stderr.Trim()}");
                Assert.NotEqual(0, make.ExitCode);
                var said = make.Stderr.Split('\n').Where(l => l.StartsWith("sam build:", StringComparison.Ordinal)).ToList();
                Assert.Single(said);
                Assert.Contains("apt-get install", said[0]);
                return;
            }
            Assert.True(make.ExitCode == 0, make.Stdout + make.Stderr);
            var elf = await File.ReadAllBytesAsync(Path.Combine(artifacts, "bootstrap"));
            // e_machine, the ELF header's field at offset 18: 0xB7 is AArch64, 0x3E is x86-64.
            Assert.Equal(OtherRuntime == "linux-arm64" ? 0xB7 : 0x3E, BitConverter.ToUInt16(elf, 18));
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    /// <summary>Without clang and lld on the PATH, the check names them and the way round, in one line, before any linker runs.</summary>
    [Fact]
    public async Task A_missing_cross_toolchain_is_named_with_the_packages_to_install()
    {
        var bin = Directory.CreateTempSubdirectory("no-clang-").FullName;
        try
        {
            foreach (var tool in new[] { "bash", "uname" }) File.CreateSymbolicLink(Path.Combine(bin, tool), $"/usr/bin/{tool}");
            var check = await Commands.RunAsync(Path.Combine(bin, "bash"), [Path.Combine(Fixtures.ProjectRoot, "functions", "check-toolchain.sh"), OtherRuntime],
                new Dictionary<string, string?> { ["PATH"] = bin });
            Assert.Equal(1, check.ExitCode);
            var line = Assert.Single(check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("clang lld", line);
            Assert.Contains("apt-get install", line);
            Assert.Contains("Architectures:", line);
            Assert.Equal("", check.Stdout);
        }
        finally { Directory.Delete(bin, recursive: true); }
    }
}
