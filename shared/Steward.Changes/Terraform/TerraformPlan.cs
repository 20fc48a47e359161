using System.Text.Json;
using Steward.Changes.CloudFormation;

namespace Steward.Changes.Terraform;

/// <summary>
/// A Terraform plan as <c>terraform show -json</c> writes it: each <c>resource_changes</c> entry (modules, <c>count</c> and
/// <c>for_each</c> instances already expanded into addresses) with its action. The past is every resource's
/// <c>before</c> (what exists: update, delete, replace, no-op), the planned its <c>after</c> (create, update, replace,
/// no-op). References a plan cannot know yet (a launch template's id) are followed through its <c>configuration</c>.
/// </summary>
public sealed class TerraformPlan
{
    private readonly List<(string Address, string Type, string[] Actions, Dictionary<string, object?>? Before, Dictionary<string, object?>? After)> _changes = [];
    private readonly Dictionary<string, List<string>> _references = new(StringComparer.Ordinal);

    public string Path { get; }

    private TerraformPlan(string path) => Path = path;

    /// <summary>What was noticed reading it (a wrapper's lines left out, a state rather than a plan): warnings of every answer.</summary>
    public IReadOnlyList<string> ReadNotes { get; private set; } = [];

    /// <summary>A plan (<c>resource_changes</c>, <c>planned_values</c>) or a state (<c>terraform show -json</c> without a plan: <c>values</c>).</summary>
    public static bool LooksLikePlan(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format_version", out _) &&
        (root.TryGetProperty("resource_changes", out _) || root.TryGetProperty("planned_values", out _) || root.TryGetProperty("values", out _));

    /// <summary>
    /// The JSON of <c>terraform show -json</c> when it was run through GitHub's setup-terraform wrapper (the default of
    /// <c>hashicorp/setup-terraform</c>), which writes a <c>[command]…</c> line before it and <c>::debug::</c> lines after
    /// it into the same output; null when the text is not that.
    /// </summary>
    public static string? OutOfWrapper(string text)
    {
        if (text.TrimStart().StartsWith('{') || !(text.Contains("[command]", StringComparison.Ordinal) || text.Contains("::debug::", StringComparison.Ordinal)))
            return null;
        // The text does not start with the JSON (checked above): it starts on the first line that opens with '{'.
        var at = text.IndexOf("\n{", StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + 1;
        var bytes = System.Text.Encoding.UTF8.GetBytes(text[start..]);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || !reader.TrySkip()) return null;
        }
        catch (JsonException) { return null; }
        return System.Text.Encoding.UTF8.GetString(bytes, 0, (int)reader.BytesConsumed);
    }

    public static TerraformPlan Read(string path, JsonElement root, IReadOnlyList<string>? notes = null)
    {
        var plan = new TerraformPlan(path) { ReadNotes = notes ?? [] };
        if (!root.TryGetProperty("resource_changes", out _) && !root.TryGetProperty("planned_values", out _) && root.TryGetProperty("values", out var state))
        {
            // A state: what exists, priced as it stands (a diff against itself is no change).
            if (state.TryGetProperty("root_module", out var stateModule)) plan.ReadState(stateModule);
            plan.ReadNotes = [.. plan.ReadNotes, "a Terraform state (terraform show -json without a plan): what exists now is priced, and nothing changes"];
            return plan;
        }
        if (root.TryGetProperty("resource_changes", out var changes))
            foreach (var rc in changes.EnumerateArray())
            {
                if (rc.TryGetProperty("mode", out var mode) && mode.GetString() == "data") continue;
                var change = rc.GetProperty("change");
                var actions = change.GetProperty("actions").EnumerateArray().Select(a => a.GetString() ?? "").ToArray();
                plan._changes.Add((rc.GetProperty("address").GetString()!, rc.GetProperty("type").GetString()!, actions,
                    Values(change, "before"), Values(change, "after")));
            }
        if (root.TryGetProperty("configuration", out var config) && config.TryGetProperty("root_module", out var module))
            plan.ReadReferences(module, "");
        return plan;
    }

    /// <summary>A state's resources, modules included (their addresses are already whole, as in a plan).</summary>
    private void ReadState(JsonElement module)
    {
        if (module.TryGetProperty("resources", out var resources))
            foreach (var r in resources.EnumerateArray())
            {
                if (r.TryGetProperty("mode", out var mode) && mode.GetString() == "data") continue;
                var values = Values(r, "values");
                _changes.Add((r.GetProperty("address").GetString()!, r.GetProperty("type").GetString()!, ["no-op"], values, values));
            }
        if (module.TryGetProperty("child_modules", out var children))
            foreach (var child in children.EnumerateArray()) ReadState(child);
    }

    private static Dictionary<string, object?>? Values(JsonElement change, string which) =>
        change.TryGetProperty(which, out var v) && v.ValueKind == JsonValueKind.Object ? CloudFormationTemplate.FromJson(v) as Dictionary<string, object?> : null;

    /// <summary>Each configured resource's references by attribute (<c>launch_template.id</c> → <c>aws_launch_template.web</c>), modules included.</summary>
    private void ReadReferences(JsonElement module, string prefix)
    {
        if (module.TryGetProperty("resources", out var resources))
            foreach (var r in resources.EnumerateArray())
            {
                if (!r.TryGetProperty("expressions", out var expressions)) continue;
                var address = prefix + r.GetProperty("address").GetString();
                Collect(expressions, address, prefix);
            }
        if (module.TryGetProperty("module_calls", out var calls))
            foreach (var call in calls.EnumerateObject())
                if (call.Value.TryGetProperty("module", out var inner))
                    ReadReferences(inner, $"{prefix}module.{call.Name}.");
    }

    private void Collect(JsonElement node, string address, string prefix)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object when node.TryGetProperty("references", out var refs):
                foreach (var r in refs.EnumerateArray())
                    if (r.GetString() is { } target)
                        (_references.TryGetValue(address, out var list) ? list : _references[address] = []).Add(prefix + target);
                break;
            case JsonValueKind.Object:
                foreach (var p in node.EnumerateObject()) Collect(p.Value, address, prefix);
                break;
            case JsonValueKind.Array:
                foreach (var e in node.EnumerateArray()) Collect(e, address, prefix);
                break;
        }
    }

    public IReadOnlyList<DeclaredResource> Past(ICollection<string> warnings) => Declared(before: true, warnings);
    public IReadOnlyList<DeclaredResource> Planned(ICollection<string> warnings) => Declared(before: false, warnings);

    private List<DeclaredResource> Declared(bool before, ICollection<string> warnings)
    {
        foreach (var note in ReadNotes) warnings.Add(note);
        var values = _changes.Where(c => (before ? c.Before : c.After) is not null)
            .ToDictionary(c => c.Address, c => (c.Type, Values: (before ? c.Before : c.After)!));
        // A resource in a counted or for_each module or block has its configuration under the unindexed address.
        Dictionary<string, object?>? Referenced(string address, string type)
        {
            var configured = System.Text.RegularExpressions.Regex.Replace(address, @"\[[^\]]*\]", "");
            var target = _references.GetValueOrDefault(configured)?.FirstOrDefault(t => t.StartsWith(type + ".", StringComparison.Ordinal) || t.Contains("." + type + ".", StringComparison.Ordinal));
            if (target is null) return null;
            var name = target.EndsWith(".id", StringComparison.Ordinal) || target.EndsWith(".name", StringComparison.Ordinal) ? target[..target.LastIndexOf('.')] : target;
            return values.FirstOrDefault(v => v.Key == name || v.Key.StartsWith(name + "[", StringComparison.Ordinal)).Value.Values;
        }
        var volumes = values.Values.Where(v => v.Type == "aws_ebs_volume" && v.Values.GetValueOrDefault("id") is string).Select(v => (string)v.Values["id"]!).ToHashSet(StringComparer.Ordinal);
        return values.Select(kv => new DeclaredResource(kv.Key, kv.Value.Type,
            TerraformResources.Read(kv.Value.Type, new Props(kv.Value.Values, kv.Key, warnings), t => Referenced(kv.Key, t) is { } d ? new Props(d, kv.Key, warnings) : null, volumes)))
            .ToList();
    }
}
