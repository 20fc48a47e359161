using System.Text.Json;
using Steward.Changes.CloudFormation;
using Steward.Changes.Terraform;

namespace Steward.Changes;

/// <summary>
/// Reads a template or a plan and prices what it declares: a breakdown of one file, the difference between two templates
/// (a pull request's base and head), or a plan's own past and planned. Every resource is priced, free or listed as not
/// priced; every assumption is a warning in the answer.
/// </summary>
public sealed class Estimator(Pricer pricer, UsageFile usage, IReadOnlyDictionary<string, string> parameters)
{
    public Breakdown Breakdown(string path) => Open(path) switch
    {
        CloudFormationTemplate t => PriceTemplate(t),
        TerraformPlan plan => Price(plan.Planned, plan.Path),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Two templates: the base branch's and the head's. A missing base (a new template) has nothing before it.</summary>
    public CostDiff Diff(string? basePath, string headPath)
    {
        var head = Breakdown(headPath);
        var past = basePath is null ? Changes.Breakdown.Empty : Breakdown(basePath);
        return new CostDiff(past, head);
    }

    /// <summary>A plan: its prior state against its planned values.</summary>
    public CostDiff PlanDiff(string path) => Open(path) switch
    {
        TerraformPlan plan => new CostDiff(Price(plan.Past, plan.Path), Price(plan.Planned, plan.Path)),
        _ => throw new ChangeInputException($"{path} is a template: give the two versions with --base and --head (diff --path takes a Terraform plan)"),
    };

    private Breakdown PriceTemplate(CloudFormationTemplate template)
    {
        var warnings = new List<string>();
        IReadOnlyList<DeclaredResource> resources;
        try { resources = CloudFormationResources.Read(template, parameters, pricer.Catalog.Region, warnings); }
        catch (TemplateException e) { throw new ChangeInputException(e.Message); }
        return Priced(resources, warnings, Changes.Breakdown.CloudFormation);
    }

    private Breakdown Price(Func<ICollection<string>, IReadOnlyList<DeclaredResource>> read, string path)
    {
        if (parameters.Count > 0) throw new ChangeInputException($"--parameter is for templates; {path} is a Terraform plan, whose variables are already applied");
        var warnings = new List<string>();
        return Priced(read(warnings), warnings, Changes.Breakdown.TerraformPlan);
    }

    private Breakdown Priced(IReadOnlyList<DeclaredResource> resources, List<string> warnings, string sourceType)
    {
        var priced = resources.Select(r => pricer.Price(r.Name, r.Type, r.What, usage.For(r.Name, r.Type)))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new Breakdown(priced, warnings.Distinct().ToList(), sourceType);
    }

    /// <summary>What a file is, by its content: a Terraform plan (JSON with <c>format_version</c>) or a template (<c>Resources</c>).</summary>
    public static object Open(string path)
    {
        if (Directory.Exists(path)) throw new ChangeInputException($"{path} is a folder: give a template file or a plan (terraform show -json plan > plan.json)");
        if (!File.Exists(path)) throw new ChangeInputException($"no file at {path}");
        var text = File.ReadAllText(path);
        var read = new List<string>();
        if (TerraformPlan.OutOfWrapper(text) is { } json)
        {
            text = json;
            read.Add("read out of the output of GitHub's setup-terraform wrapper (its [command] and ::debug:: lines left out): set terraform_wrapper: false to write the plan alone");
        }
        if (text.TrimStart().StartsWith('{'))
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
            catch (JsonException e) { throw new ChangeInputException($"{path} is not valid JSON (line {e.LineNumber + 1}): {e.Message}"); }
            if (TerraformPlan.LooksLikePlan(doc.RootElement))
            {
                try { return TerraformPlan.Read(path, doc.RootElement, read); }
                catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
                {
                    throw new ChangeInputException($"{path} is not a Terraform plan as `terraform show -json` writes it: a resource change lacks its address, type or change ({e.Message})");
                }
            }
        }
        if (path.EndsWith(".tf", StringComparison.OrdinalIgnoreCase))
            throw new ChangeInputException($"{path} is Terraform source: price its plan instead (terraform plan -out plan.bin && terraform show -json plan.bin > plan.json)");
        CloudFormationTemplate template;
        try { template = CloudFormationTemplate.Parse(text, path); }
        catch (TemplateException e) { throw new ChangeInputException(e.Message); }
        if (!template.Root.TryGetValue("Resources", out var resources))
            throw new ChangeInputException($"{path} is neither a CloudFormation/SAM template (no Resources section) nor a Terraform plan (no format_version and resource_changes)");
        if (resources is not Dictionary<string, object?>)
            throw new ChangeInputException($"{path}: Resources must be a mapping of logical ids to resources");
        try
        {
            foreach (var r in template.Resources)
                if (r.Type.Length == 0) throw new ChangeInputException($"{path}: resource {r.LogicalId} has no Type");
        }
        catch (TemplateException e) { throw new ChangeInputException(e.Message); }
        return template;
    }
}
