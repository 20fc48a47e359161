using Steward.Core.Instances;

namespace Steward.Tests.Instances;

/// <summary>Every way a catalog item can send a bad field gets an error naming the field and what would be right.</summary>
public class InstanceRequestReaderTests
{
    private static readonly PriceTable Prices = PriceTable.Load("us-east-1");

    private static RequestReading Read(params (string Key, string Value)[] fields) =>
        InstanceRequestReader.Read(fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase), Desk.Defaults, Prices);

    [Fact]
    public void The_original_script_s_two_fields_make_a_request_with_every_default()
    {
        var r = Read(("os", "Amazon Linux 2023"), ("inst_size", "small")).Request!;
        Assert.Equal(("al2023", "t3.small", 20), (r.OperatingSystem.Id, r.Size.InstanceType, r.VolumeGiB));
        Assert.Equal(("unallocated", "unassigned", "unassigned", "unspecified", 90), (r.CostCenter, r.Owner, r.Application, r.Environment, r.LeaseDays));
        Assert.Null(r.RequestNumber);
    }

    [Theory]
    [InlineData("  AMAZON   linux 2023 ", "al2023")]
    [InlineData("ubuntu", "ubuntu-24.04")]
    [InlineData("RHEL9", "rhel-9")]
    [InlineData("Windows Server 2022", "windows-2022")]
    public void Case_and_whitespace_are_forgiven(string os, string id) => Assert.Equal(id, Read(("os", os), ("inst_size", " Medium ")).Request!.OperatingSystem.Id);

    [Theory]
    [InlineData("os", "required: one of al2023 (Amazon Linux 2023)")]
    [InlineData("inst_size", "required: one of small (t3.small)")]
    public void A_missing_field_lists_the_allowed_values(string missing, string expected)
    {
        var fields = new[] { ("os", "al2023"), ("inst_size", "small") }.Where(f => f.Item1 != missing).ToArray();
        Assert.StartsWith(expected, Read(fields).Errors[missing]);
    }

    [Fact]
    public void A_variable_ServiceNow_never_set_is_named_as_such()
    {
        var reading = Read(("os", "${os}"), ("inst_size", "${inst_size}"), ("volume_size", "${volume_size}"));
        Assert.Null(reading.Request);
        Assert.All(new[] { "os", "inst_size", "volume_size" }, f => Assert.Contains("never set", reading.Errors[f]));
        Assert.Contains("${os}", reading.Errors["os"]);
    }

    [Theory]
    [InlineData("os", "solaris", "'solaris' is not offered; choose one of al2023")]
    [InlineData("inst_size", "huge", "'huge' is not offered; choose one of small (t3.small)")]
    [InlineData("volume_size", "7", "7 GiB is outside 8–1024 GiB, the bounds for Amazon Linux 2023")]
    [InlineData("volume_size", "2000", "2000 GiB is outside 8–1024 GiB")]
    [InlineData("volume_size", "20.5", "'20.5' is not a whole number of GiB")]
    [InlineData("request_number", "12345", "'12345' is not a ServiceNow number")]
    [InlineData("cost_center", "CC<script>", "at most 128 letters, digits, spaces")]
    [InlineData("lease_days", "0", "'0' is not a number of days from 1 to 1095")]
    public void A_bad_value_is_named_with_what_is_allowed(string field, string value, string expected)
    {
        var fields = new Dictionary<string, string> { ["os"] = "al2023", ["inst_size"] = "small", [field] = value };
        var reading = InstanceRequestReader.Read(fields, Desk.Defaults, Prices);
        Assert.Null(reading.Request);
        Assert.Contains(expected, reading.Errors[field]);
    }

    [Fact]
    public void Windows_has_its_own_volume_bounds_and_default()
    {
        Assert.Equal(50, Read(("os", "windows"), ("inst_size", "small")).Request!.VolumeGiB);
        Assert.Contains("30–2048 GiB", Read(("os", "windows"), ("inst_size", "small"), ("volume_size", "20")).Errors["volume_size"]);
    }

    [Fact]
    public void Body_wins_over_query_and_query_over_the_header()
    {
        var merged = InstanceRequestReader.Merge(
            new Dictionary<string, string> { ["os"] = "ubuntu" },
            new Dictionary<string, string> { ["os"] = "rhel", ["inst_size"] = "large", ["request_number"] = "RITM0000002" },
            "RITM0000001");
        Assert.Equal(("ubuntu", "large", "RITM0000002"), (merged["os"], merged["inst_size"], merged["request_number"]));
        Assert.Equal("RITM0000001", InstanceRequestReader.Merge(new Dictionary<string, string>(), null, "RITM0000001")["request_number"]);
    }

    [Theory]
    [InlineData("{\"os\":\"al2023\",\"volume_size\":30}", "30")]
    [InlineData("{\"os\":\"al2023\",\"volume_size\":\"30\"}", "30")]
    public void Numbers_arrive_as_numbers_or_strings(string body, string volume) => Assert.Equal(volume, InstanceRequestReader.ParseBody(body).Fields!["volume_size"]);

    [Theory]
    [InlineData("os=al2023", "the body is not JSON")]
    [InlineData("[\"al2023\"]", "the body must be a JSON object, not Array")]
    public void A_body_that_is_not_a_JSON_object_is_refused(string body, string expected) => Assert.StartsWith(expected, InstanceRequestReader.ParseBody(body).Error);

    [Fact]
    public void Unknown_fields_are_ignored_with_a_warning()
    {
        var reading = Read(("os", "al2023"), ("inst_size", "small"), ("volume_size1", "40"));
        Assert.NotNull(reading.Request);
        Assert.Contains("field 'volume_size1' is not one Steward reads", Assert.Single(reading.Warnings));
    }

    [Fact]
    public void The_fingerprint_ignores_the_request_number_and_approval_but_not_the_server()
    {
        var a = Read(("os", "al2023"), ("inst_size", "small"), ("request_number", "RITM0000001")).Request!;
        var b = Read(("os", "al2023"), ("inst_size", "small"), ("approval_reference", "CHG0001")).Request!;
        var c = Read(("os", "al2023"), ("inst_size", "small"), ("volume_size", "21")).Request!;
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, c.Fingerprint);
    }
}
