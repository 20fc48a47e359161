using System.Globalization;

namespace Steward.Changes;

/// <summary>A value a template cannot settle before deployment (an import, an SSM value, a parameter nobody gave).</summary>
public sealed record Unresolved(string Why);

/// <summary>A reference to another resource of the same template or plan (<c>Ref</c>, <c>Fn::GetAtt</c>, a plan's reference).</summary>
public sealed record ResourceReference(string Name);

/// <summary>
/// A resource's properties (a template's, resolved) or attributes (a plan's) as plain data, read by path
/// (<c>root_block_device.0.volume_size</c>, <c>Ebs.VolumeSize</c>). A value that cannot be known before deployment is
/// reported as a warning naming the resource and property, and the caller's default stands in.
/// </summary>
public sealed class Props(IReadOnlyDictionary<string, object?> values, string owner, ICollection<string> warnings)
{
    public string Owner => owner;

    public object? Get(string path)
    {
        object? current = values;
        foreach (var step in path.Split('.'))
        {
            current = current switch
            {
                IReadOnlyDictionary<string, object?> d => d.GetValueOrDefault(step),
                List<object?> l when int.TryParse(step, out var i) => i < l.Count ? l[i] : null,
                _ => null,
            };
            if (current is null or Unresolved) break;
        }
        if (current is Unresolved u)
        {
            warnings.Add($"{owner}: {path} {u.Why}; priced with the default");
            return null;
        }
        return current;
    }

    public bool Has(string path) => Get(path) is not null;

    public string? String(string path) => Get(path) switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        ResourceReference r => r.Name,
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    public decimal? Number(string path) => Get(path) switch
    {
        null => null,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        string s => Warn<decimal?>(path, $"is \"{s}\", not a number"),
        bool => null,
        IConvertible c => c.ToDecimal(CultureInfo.InvariantCulture),
        _ => null,
    };

    public bool? Bool(string path) => Get(path) switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        _ => null,
    };

    public ResourceReference? Reference(string path) => Get(path) as ResourceReference;

    public IReadOnlyList<Props> List(string path) => Get(path) switch
    {
        List<object?> l => l.OfType<Dictionary<string, object?>>().Select(d => new Props(d, owner, warnings)).ToList(),
        Dictionary<string, object?> single => [new Props(single, owner, warnings)],
        _ => [],
    };

    public IReadOnlyList<string> Strings(string path) => Get(path) switch
    {
        List<object?> l => l.Select(v => v?.ToString() ?? "").ToList(),
        string s => [s],
        _ => [],
    };

    public Props? Child(string path) => Get(path) switch
    {
        Dictionary<string, object?> d => new Props(d, owner, warnings),
        List<object?> { Count: > 0 } l when l[0] is Dictionary<string, object?> first => new Props(first, owner, warnings),
        _ => null,
    };

    /// <summary>Says what was assumed for this resource where its source is silent (a default storage type, an OS).</summary>
    public void Assume(string what) => warnings.Add($"{owner}: {what}");

    private T? Warn<T>(string path, string what)
    {
        warnings.Add($"{owner}: {path} {what}; priced with the default");
        return default;
    }
}
