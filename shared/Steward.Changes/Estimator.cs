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
        var resources = Declared(template, parameters, "", warnings, new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(template.Path) });
        return Priced(resources, warnings, Changes.Breakdown.CloudFormation);
    }

    /// <summary>Nested templates deeper than this are not read (CloudFormation itself allows five levels).</summary>
    private const int DeepestNesting = 5;

    /// <summary>
    /// A template's resources, and in place of each nested stack or SAM application whose template is a file beside it, that
    /// template's resources, named <c>Parent/Child</c> and read with the parameters the parent passes; the stack itself is
    /// free (it has no charge of its own). A template that nests itself, directly or not, is not read twice.
    /// </summary>
    private IReadOnlyList<DeclaredResource> Declared(CloudFormationTemplate template, IReadOnlyDictionary<string, string> given, string prefix, List<string> warnings, HashSet<string> open)
    {
        IReadOnlyList<DeclaredResource> resources;
        var own = new List<string>();
        try { resources = CloudFormationResources.Read(template, given, pricer.Catalog.Region, own); }
        catch (TemplateException e) { throw new ChangeInputException(e.Message); }
        warnings.AddRange(own.Select(w => prefix + w));
        var all = new List<DeclaredResource>();
        foreach (var r in resources)
        {
            var name = prefix + r.Name;
            if (r.What is not NestedTemplate nested || nested.LocalFile(template.Path) is not { } file)
            {
                all.Add(r with { Name = name });
                continue;
            }
            if (open.Count > DeepestNesting || !open.Add(file))
            {
                all.Add(r with { Name = name, What = nested with { Why = $"its template {nested.Location} nests its own parent, or is deeper than {DeepestNesting} levels: not read again" } });
                continue;
            }
            if (Open(file) is not CloudFormationTemplate child)
                throw new ChangeInputException($"{name}: {nested.Location} is not a CloudFormation or SAM template");
            all.Add(new DeclaredResource(name, r.Type, new FreeResource($"no charge of its own: its template {nested.Location} is priced here, its resources named {name}/…")));
            all.AddRange(Declared(child, nested.Parameters, name + "/", warnings, open));
            open.Remove(file);
        }
        return all;
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
