using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.Core.Instances;

/// <summary>The outcome of reading a request: the request, or what is wrong with each field, plus harmless oddities.</summary>
public sealed record RequestReading(InstanceRequest? Request, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Request is not null;
}

/// <summary>
/// Reads an instance request from what ServiceNow sends: a JSON body (fields as strings or numbers), the query string (what
/// <c>setStringParameterNoEscape</c> fills on an endpoint template) and the <c>X-ServiceNow-Request</c> header. The body
/// wins over the query, the query over the header. A value still reading <c>${name}</c> is a variable ServiceNow never set:
/// it counts as missing, and the error says so.
/// </summary>
public static partial class InstanceRequestReader
{
    public const string RequestNumberHeader = "X-ServiceNow-Request";
    public const int MaxBodyBytes = 16 * 1024;

    public static readonly IReadOnlyList<string> Fields =
        ["os", "inst_size", "volume_size", "request_number", "cost_center", "owner", "application", "environment", "lease_days", "approval_reference", "account"];

    /// <summary>Parses the body into field texts; null and an error when it is not a JSON object.</summary>
    public static (Dictionary<string, string>? Fields, string? Error) ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (new Dictionary<string, string>(), null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, $"the body must be a JSON object, not {doc.RootElement.ValueKind}");
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                // JSON lets a name repeat and a parser keeps the last: a ServiceNow script that sets inst_size twice must not
                // quietly buy the second, bigger server. Names are read without case, so "OS" repeats "os".
                if (fields.ContainsKey(p.Name))
                    return (null, $"the body names '{p.Name}' more than once; send each field once");
                fields[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString()!,
                    JsonValueKind.Number => p.Value.GetRawText(),
                    JsonValueKind.Null => "",
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => p.Value.GetRawText(),
                };
            }
            return (fields, null);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
        }
    }

    /// <summary>The field texts from every source, body over query over header.</summary>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> body, IReadOnlyDictionary<string, string>? query, string? requestNumberHeader)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (requestNumberHeader is not null) merged["request_number"] = requestNumberHeader;
        foreach (var (k, v) in query ?? new Dictionary<string, string>()) merged[k] = v;
        foreach (var (k, v) in body) merged[k] = v;
        return merged;
    }

    public static RequestReading Read(IReadOnlyDictionary<string, string> fields, RequestDefaults defaults, PriceTable prices)
    {
        var errors = new Dictionary<string, string>();
        var warnings = new List<string>();
        foreach (var unknown in fields.Keys.Where(k => !Fields.Contains(k, StringComparer.OrdinalIgnoreCase)).Order())
            warnings.Add($"field '{unknown}' is not one Steward reads; it was ignored (fields: {string.Join(", ", Fields)})");

        string? Text(string name)
        {
            if (!fields.TryGetValue(name, out var raw)) return null;
            var value = raw.Trim();
            if (Unsubstituted().IsMatch(value))
            {
                errors[name] = $"ServiceNow sent the literal text {value}: the catalog variable behind it was never set, so there was nothing to substitute";
                return null;
            }
            return value.Length == 0 ? null : value;
        }

        var osText = Text("os");
        var os = osText is null ? null : Catalog.FindOperatingSystem(osText);
        if (osText is null) errors.TryAdd("os", $"required: one of {string.Join(", ", Catalog.OperatingSystems.Select(o => $"{o.Id} ({o.DisplayName})"))}");
        else if (os is null) errors["os"] = $"'{osText}' is not offered; choose one of {string.Join(", ", Catalog.OperatingSystems.Select(o => $"{o.Id} ({o.DisplayName})"))}";

        var sizeText = Text("inst_size");
        var size = sizeText is null ? null : Catalog.FindSize(sizeText, prices);
        if (sizeText is null) errors.TryAdd("inst_size", $"required: one of {string.Join(", ", Catalog.SizeNames(prices))}");
        else if (size is null) errors["inst_size"] = $"'{sizeText}' is not offered; choose one of {string.Join(", ", Catalog.SizeNames(prices))}";

        var volume = os?.DefaultVolumeGiB ?? 0;
        if (Text("volume_size") is { } volumeText)
        {
            if (!int.TryParse(volumeText, NumberStyles.None, CultureInfo.InvariantCulture, out volume))
                errors["volume_size"] = $"'{volumeText}' is not a whole number of GiB";
            else if (os is not null && (volume < os.MinVolumeGiB || volume > os.MaxVolumeGiB))
                errors["volume_size"] = $"{volume} GiB is outside {os.MinVolumeGiB}–{os.MaxVolumeGiB} GiB, the bounds for {os.DisplayName}";
        }

        var requestNumber = Text("request_number")?.ToUpperInvariant();
        if (requestNumber is not null && !IsRequestNumber(requestNumber))
            errors["request_number"] = $"'{requestNumber}' is not a ServiceNow number (letters then digits, e.g. RITM0010042)";

        string Tag(string name, string fallback)
        {
            var value = Text(name);
            if (value is null) return fallback;
            if (value.Length > 128 || !TagSafe().IsMatch(value))
                errors[name] = "at most 128 letters, digits, spaces and + - = . _ : / @";
            return value;
        }

        var costCenter = Tag("cost_center", defaults.CostCenter);
        var owner = Tag("owner", defaults.Owner);
        var application = Tag("application", defaults.Application);
        var environment = Tag("environment", defaults.Environment);
        var approval = Text("approval_reference") is null ? null : Tag("approval_reference", "");

        var leaseDays = defaults.LeaseDays;
        if (Text("lease_days") is { } leaseText && (!int.TryParse(leaseText, NumberStyles.None, CultureInfo.InvariantCulture, out leaseDays) || leaseDays is < 1 or > 1095))
            errors["lease_days"] = $"'{leaseText}' is not a number of days from 1 to 1095";

        // The account a server lands in: named by the request, else the one its cost centre builds in, else Steward's own.
        var account = Text("account") ?? defaults.CostCenterAccounts?.GetValueOrDefault(costCenter);
        if (account is not null && !AccountId().IsMatch(account))
            errors["account"] = $"'{account}' is not a 12-digit AWS account id";

        // The request item's sys_id (current.sys_id): where Steward writes the build's progress, when ServiceNow is set up.
        var sysId = Text("sys_id")?.ToLowerInvariant();
        if (sysId is not null && !SysId().IsMatch(sysId))
            errors["sys_id"] = $"'{sysId}' is not a ServiceNow sys_id (32 hexadecimal digits): send current.sys_id";
        var close = false;
        if (Text("close_item") is { } closeText && !bool.TryParse(closeText, out close))
            errors["close_item"] = $"'{closeText}' is not true or false";

        if (errors.Count > 0) return new RequestReading(null, errors, warnings);
        return new RequestReading(new InstanceRequest(requestNumber, os!, size!, volume, costCenter, owner, application, environment, leaseDays, approval, account,
            sysId, close), errors, warnings);
    }

    public static bool IsRequestNumber(string text) => RequestNumberPattern().IsMatch(text);

    [GeneratedRegex(@"^\$\{[^}]*\}$")]
    private static partial Regex Unsubstituted();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex SysId();

    [GeneratedRegex(@"^[A-Z]{2,8}[0-9]{4,12}$")]
    private static partial Regex RequestNumberPattern();

    /// <summary>The characters EC2 accepts in tag values across services.</summary>
    [GeneratedRegex(@"^[\p{L}\p{Nd} +\-=._:/@]+$")]
    private static partial Regex TagSafe();
}
