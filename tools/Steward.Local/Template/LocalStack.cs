using System.Globalization;
using System.Text.RegularExpressions;
using Steward.Changes.CloudFormation;

namespace Steward.Local.Template;

/// <summary>
/// The template deployed as a stack on moto: the physical name of each resource (deterministic, so <c>invoke</c> and
/// <c>serve</c> agree on them) and the resolution of intrinsic functions (<c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>,
/// <c>Fn::If</c>, …) against those names, the parameters' defaults and the pseudo parameters.
/// </summary>
public sealed partial class LocalStack
{
    /// <summary>moto's default account; what its ARNs carry.</summary>
    public const string AccountId = "123456789012";

    private readonly CloudFormationTemplate _template;
    private readonly Dictionary<string, string> _parameters;
    private readonly Dictionary<string, string> _pseudo;
    private readonly Dictionary<string, TemplateResource> _resources;
    private readonly HashSet<string> _resolving = [];

    public LocalStack(CloudFormationTemplate template, string region, string apiEndpoint, IReadOnlyDictionary<string, string>? parameterOverrides = null)
    {
        _template = template;
        Region = region;
        _resources = template.Resources.ToDictionary(r => r.LogicalId);
        _pseudo = new()
        {
            ["AWS::AccountId"] = AccountId, ["AWS::Region"] = region, ["AWS::Partition"] = "aws", ["AWS::URLSuffix"] = "amazonaws.com",
            ["AWS::StackName"] = "steward-local", ["AWS::StackId"] = $"arn:aws:cloudformation:{region}:{AccountId}:stack/steward-local/local",
        };
        _parameters = template.Section("Parameters").ToDictionary(kv => kv.Key,
            kv => kv.Value is Dictionary<string, object?> p && p.TryGetValue("Default", out var d) ? d?.ToString() ?? "" : "");
        foreach (var (k, v) in parameterOverrides ?? new Dictionary<string, string>())
            _parameters[k] = _parameters.ContainsKey(k) ? v : throw new TemplateException($"parameter override {k}: the template declares no such parameter");
        ApiEndpoint = apiEndpoint;
    }

    public string Region { get; }
    public string ApiEndpoint { get; }
    public CloudFormationTemplate Template => _template;

    public string Parameter(string name) => _parameters.TryGetValue(name, out var v) ? v : throw new TemplateException($"no parameter {name}");

    /// <summary>Resources that exist: those without a condition, or whose condition holds.</summary>
    public IEnumerable<TemplateResource> Resources => _resources.Values.Where(r => r.Condition is null || Condition(r.Condition));

    /// <summary>What <c>Ref</c> answers for a resource.</summary>
    public string Ref(string logicalId)
    {
        if (_pseudo.TryGetValue(logicalId, out var p)) return p;
        if (_parameters.TryGetValue(logicalId, out var v)) return v;
        var r = Resource(logicalId);
        return r.Type switch
        {
            "AWS::S3::Bucket" => BucketName(r),
            "AWS::SNS::Topic" => $"arn:aws:sns:{Region}:{AccountId}:{TopicName(r)}",
            "AWS::SQS::Queue" => QueueUrl(QueueName(r)),
            "AWS::SSM::Parameter" => NameProperty(r, "Name", () => "/steward-local/" + r.LogicalId),
            "AWS::DynamoDB::Table" => NameProperty(r, "TableName", () => "steward-local-" + r.LogicalId),
            "AWS::Serverless::Function" => "steward-local-" + r.LogicalId,
            "AWS::Serverless::Api" => "local",
            _ => "steward-local-" + r.LogicalId,
        };
    }

    /// <summary>What <c>Fn::GetAtt</c> answers.</summary>
    public string GetAtt(string logicalId, string attribute)
    {
        var r = Resource(logicalId);
        return (r.Type, attribute) switch
        {
            ("AWS::S3::Bucket", "Arn") => $"arn:aws:s3:::{BucketName(r)}",
            ("AWS::S3::Bucket", "DomainName") => $"{BucketName(r)}.s3.amazonaws.com",
            ("AWS::SNS::Topic", "TopicName") => TopicName(r),
            ("AWS::SNS::Topic", "TopicArn") => Ref(logicalId),
            ("AWS::SQS::Queue", "Arn") => QueueArn(QueueName(r)),
            ("AWS::SQS::Queue", "QueueName") => QueueName(r),
            ("AWS::SQS::Queue", "QueueUrl") => Ref(logicalId),
            ("AWS::DynamoDB::Table", "Arn") => $"arn:aws:dynamodb:{Region}:{AccountId}:table/{Ref(logicalId)}",
            ("AWS::Serverless::Function", "Arn") => $"arn:aws:lambda:{Region}:{AccountId}:function:{Ref(logicalId)}",
            _ => throw new TemplateException($"Fn::GetAtt {logicalId}.{attribute}: the local runner does not know this attribute of {r.Type}"),
        };
    }

    public string BucketName(TemplateResource r) => NameProperty(r, "BucketName", () => "steward-local-" + r.LogicalId.ToLowerInvariant());
    public string TopicName(TemplateResource r) => NameProperty(r, "TopicName", () => "steward-local-" + r.LogicalId);
    public string QueueName(TemplateResource r) => NameProperty(r, "QueueName", () => "steward-local-" + r.LogicalId);
    public string QueueArn(string queueName) => $"arn:aws:sqs:{Region}:{AccountId}:{queueName}";
    public string QueueUrl(string queueName) => $"{QueueEndpoint}/{AccountId}/{queueName}";

    /// <summary>Set by the runner once moto's address is known: SQS queue URLs contain it.</summary>
    public string QueueEndpoint { get; set; } = "http://127.0.0.1:4566";

    private string NameProperty(TemplateResource r, string property, Func<string> generated)
    {
        if (!r.Properties.TryGetValue(property, out var value) || value is null) return generated();
        if (!_resolving.Add(r.LogicalId)) throw new TemplateException($"{r.LogicalId}.{property} refers to itself");
        try { return ResolveString(value); }
        finally { _resolving.Remove(r.LogicalId); }
    }

    private TemplateResource Resource(string logicalId) =>
        _resources.TryGetValue(logicalId, out var r) ? r : throw new TemplateException($"Ref {logicalId}: the template declares no such resource or parameter");

    public bool Condition(string name)
    {
        var conditions = _template.Section("Conditions");
        if (!conditions.TryGetValue(name, out var expression)) throw new TemplateException($"no condition {name} in the template");
        return Truth(expression);
    }

    private bool Truth(object? expression) => expression switch
    {
        Dictionary<string, object?> d when d.Count == 1 => d.First() switch
        {
            { Key: "Fn::Equals", Value: List<object?> pair } when pair.Count == 2 => ResolveString(pair[0]) == ResolveString(pair[1]),
            { Key: "Fn::Not", Value: List<object?> one } when one.Count == 1 => !Truth(one[0]),
            { Key: "Fn::And", Value: List<object?> all } => all.All(Truth),
            { Key: "Fn::Or", Value: List<object?> any } => any.Any(Truth),
            { Key: "Condition", Value: string other } => Condition(other),
            var kv => throw new TemplateException($"condition function {kv.Key} is not supported by the local runner"),
        },
        _ => throw new TemplateException("a condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition"),
    };

    /// <summary>Resolves intrinsic functions, leaving plain data as it is.</summary>
    public object? Resolve(object? value) => value switch
    {
        Dictionary<string, object?> d when d.Count == 1 && IsIntrinsic(d.Keys.First()) => ResolveIntrinsic(d.Keys.First(), d.Values.First()),
        Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Resolve(kv.Value)),
        List<object?> l => l.Select(Resolve).Where(v => v is not NoValue).ToList(),
        _ => value,
    };

    public string ResolveString(object? value) => Resolve(value) switch
    {
        string s => s,
        null => "",
        bool b => b ? "true" : "false",
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary><c>CommaDelimitedList</c> and <c>List&lt;…&gt;</c> parameters: their <c>Ref</c> is a list, as in CloudFormation.</summary>
    private bool IsListParameter(string name) =>
        _template.Section("Parameters").TryGetValue(name, out var p) && p is Dictionary<string, object?> d &&
        d.GetValueOrDefault("Type") is string type && (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal));

    private static bool IsIntrinsic(string key) => key == "Ref" || key == "Condition" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private object? ResolveIntrinsic(string function, object? argument) => (function, argument) switch
    {
        ("Ref", "AWS::NoValue") => NoValue.Instance,
        ("Ref", string name) when IsListParameter(name) => Ref(name).Split(',').Select(v => (object?)v.Trim()).ToList(),
        ("Ref", string name) => Ref(name),
        ("Fn::GetAtt", List<object?> parts) when parts.Count == 2 => GetAtt(ResolveString(parts[0]), ResolveString(parts[1])),
        ("Fn::GetAtt", string dotted) when dotted.Contains('.') => GetAtt(dotted[..dotted.IndexOf('.')], dotted[(dotted.IndexOf('.') + 1)..]),
        ("Fn::Sub", string text) => Substitute(text, new Dictionary<string, string>()),
        ("Fn::Sub", List<object?> pair) when pair.Count == 2 && pair[1] is Dictionary<string, object?> vars =>
            Substitute(ResolveString(pair[0]), vars.ToDictionary(kv => kv.Key, kv => ResolveString(kv.Value))),
        ("Fn::Join", List<object?> pair) when pair.Count == 2 && Resolve(pair[1]) is List<object?> items =>
            string.Join(ResolveString(pair[0]), items.Select(ResolveString)),
        ("Fn::If", List<object?> branches) when branches.Count == 3 => Resolve(Condition(ResolveString(branches[0])) ? branches[1] : branches[2]),
        ("Fn::Select", List<object?> pair) when pair.Count == 2 && Resolve(pair[1]) is List<object?> items =>
            items[int.Parse(ResolveString(pair[0]), CultureInfo.InvariantCulture)],
        ("Fn::Split", List<object?> pair) when pair.Count == 2 => ResolveString(pair[1]).Split(ResolveString(pair[0])).Cast<object?>().ToList(),
        ("Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or" or "Condition", _) => Truth(new Dictionary<string, object?> { [function] = argument }) ? "true" : "false",
        _ => throw new TemplateException($"{function} is not supported by the local runner (argument: {argument})"),
    };

    private string Substitute(string text, IReadOnlyDictionary<string, string> variables) =>
        SubVariable().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (name.StartsWith('!')) return "${" + name[1..] + "}"; // ${!Literal} is the escape for a literal ${Literal}
            if (variables.TryGetValue(name, out var v)) return v;
            var dot = name.IndexOf('.');
            return dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal) ? GetAtt(name[..dot], name[(dot + 1)..]) : Ref(name);
        });

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();

    /// <summary><c>Ref AWS::NoValue</c>: the property or list item is left out.</summary>
    public sealed class NoValue
    {
        public static readonly NoValue Instance = new();
    }
}
