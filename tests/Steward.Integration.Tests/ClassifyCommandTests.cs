using System.Text.Json;
using Steward.Testing;

namespace Steward.Integration.Tests;

/// <summary>
/// <c>steward-local classify</c> as a user runs it on a folder before uploading it: one JSON line per file, the same class
/// and scan tag the storage hook would write, exit 0 when every file was answered and 2 on a wrong call.
/// </summary>
public class ClassifyCommandTests
{
    [Fact]
    public async Task A_folder_is_classified_file_by_file_with_what_was_read_and_the_count_of_each_kind()
    {
        var folder = Directory.CreateTempSubdirectory("steward-classify-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "public"));
        Directory.CreateDirectory(Path.Combine(folder, "finance", "2026"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "finance", "2026", "customers.xlsx"), Documents.Xlsx(["customer", "payment"], ["Visa card", 4111111111111111m]));
        await File.WriteAllBytesAsync(Path.Combine(folder, "public", "locked.zip"), await File.ReadAllBytesAsync(Documents.Pinned("card-encrypted.zip")));
        await File.WriteAllTextAsync(Path.Combine(folder, "public", "hours.txt"), "Open 9 to 5\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "deploy.sh"), "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n");

        var result = await Commands.Runner("classify", folder);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(
            l => Path.GetRelativePath(folder, l.GetProperty("path").GetString()!).Replace('\\', '/'));
        Assert.Equal(["deploy.sh", "finance/2026/customers.xlsx", "public/hours.txt", "public/locked.zip"], lines.Keys.Order(StringComparer.Ordinal));

        string Of(string file, string field) => lines[file].GetProperty(field).GetString()!;
        Assert.Equal(("office", "confidential", "complete"), (Of("finance/2026/customers.xlsx", "contentType"), Of("finance/2026/customers.xlsx", "class"), Of("finance/2026/customers.xlsx", "scan")));
        Assert.Equal(1, lines["finance/2026/customers.xlsx"].GetProperty("counts").GetProperty("paymentCard").GetInt32());
        Assert.Equal(0, lines["finance/2026/customers.xlsx"].GetProperty("counts").GetProperty("iban").GetInt32());
        Assert.Equal(("unscanned", "encrypted"), (Of("public/locked.zip", "class"), Of("public/locked.zip", "scan")));
        Assert.Contains("card.txt", Of("public/locked.zip", "notRead"));
        Assert.Equal("public", Of("public/hours.txt", "class")); // the key is the path below the folder: public/ applies
        Assert.Equal(("script", "restricted"), (Of("deploy.sh", "contentType"), Of("deploy.sh", "class")));
    }

    [Fact]
    public async Task A_path_that_is_not_there_is_a_wrong_call_in_one_line()
    {
        var result = await Commands.Runner("classify", "/nonexistent/steward");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("steward-local classify: /nonexistent/steward is neither a file nor a folder", result.Stderr.Trim());
        Assert.Equal(2, (await Commands.Runner("classify")).ExitCode);
    }
}
