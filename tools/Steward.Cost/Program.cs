using System.CommandLine;
using Steward.Changes;
using Steward.Changes.Reports;
using Steward.Cost;
using Steward.Core.Pricing;

var path = new Option<string>("--path") { Description = "A CloudFormation/SAM template (YAML or JSON) or a Terraform plan (terraform show -json)" };
var basePath = new Option<string?>("--base") { Description = "diff: the template before the change (e.g. from the base branch); omit when the template is new" };
var headPath = new Option<string?>("--head") { Description = "diff: the template after the change" };
var format = new Option<string>("--format") { Description = "table, json (Infracost's format, version 0.2) or markdown (a pull-request comment)", DefaultValueFactory = _ => "table" };
format.AcceptOnlyFromAmong("table", "json", "markdown");
var parameters = new Option<string[]>("--parameter") { Description = "A template parameter, Key=Value (repeatable); defaults otherwise", AllowMultipleArgumentsPerToken = false };
var region = new Option<string>("--region") { Description = $"The region prices come from ({string.Join(", ", PriceCatalog.Regions)})", DefaultValueFactory = _ => "us-east-1" };
var usageFile = new Option<string?>("--usage-file") { Description = "Infracost's usage file (YAML): monthly requests, GB stored, … for usage-based prices" };
var failAbove = new Option<decimal?>("--fail-above") { Description = "Exit 1 when the monthly cost rises by more than this many USD", CustomParser = Amount };
var failAbovePercent = new Option<decimal?>("--fail-above-percent") { Description = "Exit 1 when the monthly cost rises by more than this percentage of the past total", CustomParser = Amount };
var output = new Option<string?>("--out-file") { Description = "Write the report to this file instead of standard output" };
var skipUnchanged = new Option<bool>("--skip-unchanged") { Description = "Print nothing when nothing priced changed (for pull-request comments)" };
var asOf = new Option<DateOnly?>("--as-of") { Description = "Price as of this date, YYYY-MM-DD (RDS Extended Support years depend on it); default today", CustomParser = Day };

Option[] common = [format, parameters, region, usageFile, failAbove, failAbovePercent, output, asOf];

var breakdown = new Command("breakdown", "The monthly cost of a template or a Terraform plan's planned state");
breakdown.Add(path);
foreach (var o in common) breakdown.Add(o);

var diff = new Command("diff", "The cost of a change: --base and --head templates, or --path with a Terraform plan (its prior state against its planned values)");
foreach (var o in new Option[] { path, basePath, headPath, skipUnchanged }.Concat(common)) diff.Add(o);

var root = new RootCommand("steward-cost: what a CloudFormation, SAM or Terraform change will cost a month, priced from Steward's catalog. " +
    "Exit codes: 0 priced, 1 a --fail-above limit was crossed, 2 the input or the call was wrong.");
root.Add(breakdown);
root.Add(diff);
root.Add(PricesCommand.Create());
root.Add(UsageCommand.Create());

breakdown.SetAction(parse => Guard(() =>
{
    var request = Request(parse);
    var file = parse.GetValue(path) ?? throw new ChangeInputException("breakdown needs --path FILE");
    var estimate = new CostDiff(Breakdown.Empty, request.Estimator.Breakdown(file));
    return Report(parse, "breakdown", file, estimate, request.Catalog);
}));
diff.SetAction(parse => Guard(() =>
{
    var request = Request(parse);
    var (plan, before, after) = (parse.GetValue(path), parse.GetValue(basePath), parse.GetValue(headPath));
    var estimate = (plan, before, after) switch
    {
        ({ } p, null, null) => request.Estimator.PlanDiff(p),
        (null, _, { } head) => request.Estimator.Diff(before, head),
        (null, { }, null) => throw new ChangeInputException("diff --base needs --head too (the template after the change)"),
        _ => throw new ChangeInputException("diff takes either --path PLAN (a Terraform plan) or --base TEMPLATE --head TEMPLATE"),
    };
    return Report(parse, "diff", after ?? plan!, estimate, request.Catalog);
}));

// A mistyped command line is a usage error, exit 2 in one line: exit 1 means a --fail-above limit was crossed, and a CI
// gate must not read a typo as a policy failure (System.CommandLine's own default is 1, with the whole help).
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"steward-cost: {Steward.Tools.UsageError.OneLine(parsed.Errors.Select(e => e.Message))} (steward-cost --help lists the commands and options)");
    return 2;
}
return parsed.Invoke();

(Estimator Estimator, PriceCatalog Catalog) Request(ParseResult parse)
{
    var catalog = PriceCatalog.Load(parse.GetValue(region)!);
    var usage = parse.GetValue(usageFile) is { } u ? UsageFile.Read(u) : UsageFile.None;
    var day = parse.GetValue(asOf) ?? DateOnly.FromDateTime(DateTime.UtcNow);
    return (new Estimator(new Pricer(catalog, day), usage, KeyValues(parse.GetValue(parameters) ?? [])), catalog);
}

int Report(ParseResult parse, string command, string file, CostDiff estimate, PriceCatalog catalog)
{
    var gate = new PolicyGate(parse.GetValue(failAbove), parse.GetValue(failAbovePercent));
    if (command == "diff" && parse.GetValue(skipUnchanged) && !estimate.AnythingPricedChanged) return 0;
    var target = parse.GetValue(output);
    using (var stream = target is null ? Console.OpenStandardOutput() : File.Create(target))
    {
        switch (parse.GetValue(format))
        {
            case "json":
                InfracostJson.Write(stream, command, file, estimate, catalog.Currency, DateTimeOffset.UtcNow, catalog.HoursPerMonth);
                stream.WriteByte((byte)'\n');
                break;
            case "markdown":
                Write(stream, TextReports.Markdown(estimate, file));
                break;
            default:
                Write(stream, command == "breakdown" ? TextReports.Table(estimate.Planned, $"Project: {file} ({catalog.Region}, prices {catalog.Currency})")
                    : TextReports.DiffTable(estimate, $"Project: {file} ({catalog.Region}, prices {catalog.Currency})"));
                break;
        }
    }
    if (gate.Note(estimate) is { } note) Console.Error.WriteLine($"steward-cost: {note}");
    var crossed = gate.Crossed(estimate);
    foreach (var limit in crossed) Console.Error.WriteLine($"steward-cost: policy failed: {limit}");
    return crossed.Count > 0 ? 1 : 0;
}

static void Write(Stream stream, string text)
{
    var bytes = System.Text.Encoding.UTF8.GetBytes(text);
    stream.Write(bytes);
}

// System.CommandLine names the CLR type it could not parse (System.Nullable`1[System.Decimal]); a person wants the value named.
static decimal? Amount(System.CommandLine.Parsing.ArgumentResult result)
{
    var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
    if (decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount >= 0) return amount;
    result.AddError($"{OptionName(result)} {text}: {(text.Length == 0 ? "an amount is needed" : $"{text} is not an amount")} (write a number such as 100 or 12.5)");
    return null;
}

static DateOnly? Day(System.CommandLine.Parsing.ArgumentResult result)
{
    var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)) return day;
    result.AddError($"{OptionName(result)} {text}: {text} is not a date (write YYYY-MM-DD, e.g. 2026-12-01)");
    return null;
}

static string OptionName(System.CommandLine.Parsing.ArgumentResult result) =>
    result.Parent is System.CommandLine.Parsing.OptionResult option ? option.Option.Name : "the value";

static Dictionary<string, string> KeyValues(string[] pairs) => pairs.ToDictionary(
    p => p.Contains('=') ? p[..p.IndexOf('=')] : throw new ChangeInputException($"--parameter {p}: write Key=Value"),
    p => p[(p.IndexOf('=') + 1)..]);

// What the person got wrong said in one line with exit code 2; a bug still shows its stack trace.
static int Guard(Func<int> run)
{
    try { return run(); }
    catch (Exception e) when (e is ChangeInputException or UnknownRegionException)
    {
        Console.Error.WriteLine($"steward-cost: {e.Message}");
        return 2;
    }
}
