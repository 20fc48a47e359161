using System.Text.Json;
using Steward.Core.Observability;
using Steward.Tests.Instances;
using Steward.Testing;

namespace Steward.Tests;

public class StructuredLogTests
{
    [Fact]
    public void A_log_line_is_one_JSON_object_with_time_level_function_and_fields_readable_as_written()
    {
        var writer = new CheckedLogWriter();
        new StructuredLog(writer, new ManualClock(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)), "StorageHooks")
            .Info("object change received", ("key", "reports/Q3 plan+1.pdf"), ("size", 17L), ("tags", new[] { "a", "b" }));
        var line = Assert.Single(writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("reports/Q3 plan+1.pdf", line); // not \u002B
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal(("2026-11-25T09:00:00.0000000Z", "INFO", "StorageHooks", 17), (json.GetProperty("timestamp").GetString(), json.GetProperty("level").GetString(),
            json.GetProperty("function").GetString(), json.GetProperty("size").GetInt32()));
        Assert.Equal(2, json.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public void A_metric_is_a_line_in_CloudWatch_s_Embedded_Metric_Format()
    {
        var writer = new CheckedLogWriter();
        new StructuredLog(writer, new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000)), "GuardDutyResponder")
            .Metric("FindingsHandled", 1, "Count", ("responseLevel", "Contain"));
        var json = JsonDocument.Parse(writer.ToString()).RootElement;
        var directive = json.GetProperty("_aws");
        Assert.Equal(1_764_000_000_000, directive.GetProperty("Timestamp").GetInt64());
        var metrics = directive.GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("Steward", metrics.GetProperty("Namespace").GetString());
        Assert.Equal(["function", "responseLevel"], metrics.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(("FindingsHandled", "Count"), (metrics.GetProperty("Metrics")[0].GetProperty("Name").GetString(), metrics.GetProperty("Metrics")[0].GetProperty("Unit").GetString()));
        // Every dimension and the metric itself are members of the root, as EMF requires.
        Assert.Equal(("GuardDutyResponder", "Contain", 1.0), (json.GetProperty("function").GetString(), json.GetProperty("responseLevel").GetString(), json.GetProperty("FindingsHandled").GetDouble()));
    }

    [Fact]
    public void A_field_never_repeats_a_key_of_the_line_so_the_log_level_survives_any_parser()
    {
        var writer = new StringWriter();
        var log = new StructuredLog(writer, TimeProvider.System, "GuardDutyResponder");
        log.Info("containment plan", ("level", "Contain"), ("message", "m"), ("id", "a"), ("id", "b"));
        log.Metric("function", 1, "Count", ("function", "x"), ("_aws", "y"));
        foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            LogLines.Parse(line); // refuses a repeated key
        var info = JsonDocument.Parse(writer.ToString().Split('\n')[0]).RootElement;
        Assert.Equal(("INFO", "containment plan", "Contain", "a", "b"), (info.GetProperty("level").GetString(), info.GetProperty("message").GetString(),
            info.GetProperty("level_2").GetString(), info.GetProperty("id").GetString(), info.GetProperty("id_2").GetString()));
    }
}
