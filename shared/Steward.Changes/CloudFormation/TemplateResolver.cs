using System.Globalization;
using System.Text.RegularExpressions;

namespace Steward.Changes.CloudFormation;

/// <summary>
/// What only a deployment knows, answered by whoever resolves a template: the pricing (which has no deployment, so a
/// resource's id is a <see cref="ResourceReference"/> and a condition it cannot settle is priced as if it holds, and
/// said) or the local runner (which deploys to moto, so a resource's <c>Ref</c> is its physical name and anything it
/// cannot answer is an error). The intrinsic functions themselves are resolved once, by <see cref="TemplateResolver"/>.
/// </summary>
public interface IDeploymentFacts
{
    /// <summary><c>AWS::Region</c>, <c>AWS::AccountId</c>, <c>AWS::StackName</c>, … (<c>AWS::NoValue</c> is the resolver's).</summary>
    IReadOnlyDictionary<string, string> PseudoParameters { get; }

    /// <summary>What <c>Ref</c> answers for a resource the template declares.</summary>
    object? Ref(TemplateResource resource);

    /// <summary>What <c>Fn::GetAtt</c> answers for a resource the template declares.</summary>
    object? GetAtt(TemplateResource resource, string attribute);

    /// <summary>Whether a condition that depends on deployment-time values counts as holding (or a refusal, by exception).</summary>
    bool Unsettled(string condition);
}

/// <summary>
/// Pricing's answers: no deployment exists, so another resource is a <see cref="ResourceReference"/>, the account is a
/// placeholder, and a condition only a deployment can settle is priced as holding (said in the warnings).
/// </summary>
public sealed class EstimateFacts(string region, ICollection<string> warnings) : IDeploymentFacts
{
    public IReadOnlyDictionary<string, string> PseudoParameters { get; } = new Dictionary<string, string>
    {
        ["AWS::Region"] = region, ["AWS::Partition"] = "aws", ["AWS::URLSuffix"] = "amazonaws.com",
        ["AWS::AccountId"] = "123456789012", ["AWS::StackName"] = "stack", ["AWS::StackId"] = "stack-id",
    };

    public object? Ref(TemplateResource resource) => new ResourceReference(resource.LogicalId);
    public object? GetAtt(TemplateResource resource, string attribute) => new ResourceReference(resource.LogicalId);

    public bool Unsettled(string condition)
    {
        warnings.Add($"condition {condition} depends on values only known at deployment: its resources are priced as if it holds");
        return true;
    }
}

/// <summary>
/// CloudFormation's intrinsic functions, resolved as far as the template and the <see cref="IDeploymentFacts"/> allow:
/// parameters (overrides, else defaults), pseudo parameters, <c>Conditions</c>, <c>Ref</c>, <c>Fn::GetAtt</c>,
/// <c>Fn::If</c>, <c>Fn::FindInMap</c> (with <c>DefaultValue</c>), <c>Fn::Select</c>, <c>Fn::Sub</c>, <c>Fn::Join</c>,
/// <c>Fn::Split</c>, and <c>AWS::NoValue</c> (the property or item is left out, in mappings as in lists, as
/// CloudFormation does). What neither knows (an import, an AZ list, an SSM value, a parameter nobody gave) becomes an
/// <see cref="Unresolved"/> saying why, never an exception: the caller decides whether that is an assumption (pricing)
/// or an error (the runner).
/// </summary>
public sealed partial class TemplateResolver
{
    private readonly CloudFormationTemplate _template;
    private readonly IDeploymentFacts _facts;
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TemplateResource> _resources;
    private readonly Dictionary<string, bool> _conditions = new(StringComparer.Ordinal);

    public TemplateResolver(CloudFormationTemplate template, IReadOnlyDictionary<string, string> overrides, IDeploymentFacts facts)
    {
        _template = template;
        _facts = facts;
        _resources = template.Resources.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        var declared = template.Section("Parameters");
        foreach (var (name, _) in overrides)
            if (!declared.ContainsKey(name))
                throw new TemplateException($"--parameter {name}: {template.Path} declares no parameter {name} (it declares {string.Join(", ", declared.Keys)})");
        foreach (var (name, body) in declared)
        {
            var p = body as Dictionary<string, object?> ?? [];
            var type = p.GetValueOrDefault("Type") as string ?? "String";
            if (overrides.TryGetValue(name, out var given)) _parameters[name] = given;
            else if (type.StartsWith("AWS::SSM::Parameter::Value", StringComparison.Ordinal))
                _parameters[name] = new Unresolved($"comes from SSM parameter {p.GetValueOrDefault("Default")} at deployment (give it with --parameter {name}=…)");
            else if (p.TryGetValue("Default", out var d)) _parameters[name] = d is null ? "" : Convert.ToString(d, CultureInfo.InvariantCulture);
            else _parameters[name] = new Unresolved($"uses parameter {name}, which has no default and was not given (--parameter {name}=…)");
            if (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal))
                if (_parameters[name] is string list) _parameters[name] = list.Split(',').Select(v => (object?)v.Trim()).ToList();
        }
    }

    /// <summary>A parameter's value: its override, else its default; a list for list types; an <see cref="Unresolved"/> when neither is known.</summary>
    public object? Parameter(string name) =>
        _parameters.TryGetValue(name, out var v) ? v : new Unresolved($"uses parameter {name}, which the template does not declare");

    /// <summary>Whether a resource with this condition exists; one the template alone cannot settle is the facts' to decide.</summary>
    public bool Condition(string name)
    {
        if (_conditions.TryGetValue(name, out var known)) return known;
        var conditions = _template.Section("Conditions");
        if (!conditions.TryGetValue(name, out var expression)) throw new TemplateException($"{_template.Path}: condition {name} is used but not declared");
        _conditions[name] = false; // a condition referring to itself settles as false rather than recursing forever
        if (Truth(expression) is { } holds) return _conditions[name] = holds;
        return _conditions[name] = _facts.Unsettled(name);
    }

    private bool? Truth(object? expression)
    {
        if (expression is not Dictionary<string, object?> { Count: 1 } d) return null;
        var (fn, arg) = d.First();
        switch (fn)
        {
            case "Fn::Equals" when arg is List<object?> { Count: 2 } pair:
                var a = Resolve(pair[0]);
                var b = Resolve(pair[1]);
                if (a is Unresolved or ResourceReference || b is Unresolved or ResourceReference) return null;
                return Text(a) == Text(b);
            case "Fn::Not" when arg is List<object?> { Count: 1 } one: return !Truth(one[0]);
            case "Fn::And" when arg is List<object?> all: return all.Select(Truth).Aggregate((bool?)true, (x, y) => x & y);
            case "Fn::Or" when arg is List<object?> any: return any.Select(Truth).Aggregate((bool?)false, (x, y) => x | y);
            case "Condition" when arg is string other: return Condition(other);
            default: return null;
        }
    }

    /// <summary>Resolves intrinsic functions in a value, leaving plain data as it is and dropping <c>AWS::NoValue</c>.</summary>
    public object? Resolve(object? value) => value switch
    {
        Dictionary<string, object?> d when d.Count == 1 && IsIntrinsic(d.Keys.First()) => ResolveIntrinsic(d.Keys.First(), d.Values.First()),
        Dictionary<string, object?> d => d.Select(kv => (kv.Key, Value: Resolve(kv.Value))).Where(kv => kv.Value is not NoValue)
            .ToDictionary(kv => kv.Key, kv => kv.Value),
        List<object?> l => l.Select(Resolve).Where(v => v is not NoValue).ToList(),
        _ => value,
    };

    private static bool IsIntrinsic(string key) => key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private object? ResolveIntrinsic(string function, object? argument)
    {
        switch (function, argument)
        {
            case ("Ref", "AWS::NoValue"): return NoValue.Instance;
            case ("Ref", string name) when _facts.PseudoParameters.TryGetValue(name, out var p): return p;
            case ("Ref", string name) when _parameters.TryGetValue(name, out var v): return v;
            case ("Ref", string name) when _resources.TryGetValue(name, out var r): return _facts.Ref(r);
            case ("Ref", string name): return new Unresolved($"refers to {name}, which the template does not declare");
            case ("Fn::GetAtt", List<object?> { Count: 2 } parts): return GetAtt(Text(Resolve(parts[0])), Text(Resolve(parts[1])));
            case ("Fn::GetAtt", string dotted) when dotted.Contains('.'): return GetAtt(dotted[..dotted.IndexOf('.')], dotted[(dotted.IndexOf('.') + 1)..]);
            case ("Fn::If", List<object?> { Count: 3 } branches):
                return Resolve(Condition(Text(branches[0])) ? branches[1] : branches[2]);
            case ("Fn::FindInMap", List<object?> { Count: >= 3 } keys):
                var path = keys.Take(3).Select(Resolve).ToList();
                if (path.FirstOrDefault(k => k is Unresolved) is { } unknown) return unknown;
                var map = _template.Section("Mappings").GetValueOrDefault(Text(path[0])) as Dictionary<string, object?>;
                var top = map?.GetValueOrDefault(Text(path[1])) as Dictionary<string, object?>;
                if (top is null || !top.TryGetValue(Text(path[2]), out var found))
                    return keys.Count == 4 && keys[3] is Dictionary<string, object?> dflt && dflt.TryGetValue("DefaultValue", out var dv)
                        ? Resolve(dv) : new Unresolved($"looks up {Text(path[0])}.{Text(path[1])}.{Text(path[2])}, which Mappings does not hold");
                return Resolve(found);
            case ("Fn::Select", List<object?> { Count: 2 } pair):
                var list = Resolve(pair[1]);
                var index = Resolve(pair[0]);
                if (list is Unresolved) return list;
                if (list is not List<object?> items) return new Unresolved("selects from a list only known at deployment");
                return int.TryParse(Text(index), out var i) && i >= 0 && i < items.Count
                    ? items[i] : new Unresolved($"selects item {Text(index)} of a list of {items.Count} (Fn::Select counts from 0)");
            case ("Fn::Split", List<object?> { Count: 2 } pair):
                var whole = Resolve(pair[1]);
                return whole is string s ? s.Split(Text(Resolve(pair[0]))).Cast<object?>().ToList() : new Unresolved("splits a value only known at deployment");
            case ("Fn::Join", List<object?> { Count: 2 } pair):
                var joined = Resolve(pair[1]);
                if (joined is not List<object?> parts2 || parts2.Any(x => x is Unresolved or ResourceReference)) return new Unresolved("joins values only known at deployment");
                return string.Join(Text(Resolve(pair[0])), parts2.Select(Text));
            case ("Fn::Sub", string text): return Substitute(text, new Dictionary<string, object?>());
            case ("Fn::Sub", List<object?> { Count: 2 } pair) when pair[1] is Dictionary<string, object?> vars:
                return Substitute(Text(pair[0]), vars.ToDictionary(kv => kv.Key, kv => Resolve(kv.Value)));
            // AWS::LanguageExtensions' functions (its Fn::ForEach is expanded when the template is read).
            case ("Fn::Length", _):
                return Resolve(argument) switch
                {
                    List<object?> all => (long)all.Count,
                    Unresolved u => u,
                    _ => new Unresolved("takes the length of a list only known at deployment"),
                };
            case ("Fn::ToJsonString", _):
                var json = Resolve(argument);
                return Contains<Unresolved>(json) || Contains<ResourceReference>(json)
                    ? new Unresolved("writes as JSON values only known at deployment")
                    : System.Text.Json.JsonSerializer.Serialize(json, TemplateJsonContext.Default.Object);
            case ("Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or" or "Condition", _):
                return Truth(new Dictionary<string, object?> { [function] = argument }) is { } t ? (t ? "true" : "false") : new Unresolved("is a condition only known at deployment");
            case ("Ref" or "Fn::GetAtt" or "Fn::If" or "Fn::FindInMap" or "Fn::Select" or "Fn::Split" or "Fn::Join" or "Fn::Sub", _):
                return new Unresolved($"has a malformed {function} (its arguments are not as CloudFormation defines them)");
            default:
                return new Unresolved($"uses {function}, which only a deployment can resolve");
        }
    }

    private static bool Contains<T>(object? value) => value switch
    {
        T => true,
        Dictionary<string, object?> d => d.Values.Any(Contains<T>),
        List<object?> l => l.Any(Contains<T>),
        _ => false,
    };

    private object? GetAtt(string logicalId, string attribute) =>
        _resources.TryGetValue(logicalId, out var r) ? _facts.GetAtt(r, attribute)
            : new Unresolved($"gets {attribute} of {logicalId}, which the template does not declare");

    private object? Substitute(string text, IReadOnlyDictionary<string, object?> variables)
    {
        Unresolved? unknown = null;
        var result = SubVariable().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (name.StartsWith('!')) return "${" + name[1..] + "}"; // ${!Literal} is the escape for a literal ${Literal}
            var dot = name.IndexOf('.');
            var value = variables.TryGetValue(name, out var v) ? v
                : dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal) ? GetAtt(name[..dot], name[(dot + 1)..])
                : ResolveIntrinsic("Ref", name);
            if (value is Unresolved u) unknown = u;
            return value is ResourceReference r ? "${" + r.Name + "}" : Text(value);
        });
        return unknown ?? (object)result;
    }

    /// <summary>A resolved scalar as CloudFormation writes it into a string.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();

    /// <summary><c>Ref AWS::NoValue</c>: the property or list item is left out.</summary>
    private sealed class NoValue
    {
        public static readonly NoValue Instance = new();
    }
}

/// <summary>Plain template data (dictionaries, lists, strings, numbers, booleans) as JSON, for <c>Fn::ToJsonString</c>.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(object))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
internal sealed partial class TemplateJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
