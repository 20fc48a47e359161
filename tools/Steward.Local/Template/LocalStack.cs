using Steward.Changes;
using Steward.Changes.CloudFormation;

namespace Steward.Local.Template;

/// <summary>
/// The template deployed as a stack on moto: the physical name of each resource (deterministic, so <c>invoke</c> and
/// <c>serve</c> agree on them), answered to the one <see cref="TemplateResolver"/> that steward-cost also uses, with
/// the parameters' overrides and defaults and the pseudo parameters. What the runner cannot answer (an import, an
/// attribute it does not know, a parameter nobody gave) is an error naming it, never a guess.
/// </summary>
public sealed class LocalStack : IDeploymentFacts
{
    /// <summary>moto's default account; what its ARNs carry.</summary>
    public const string AccountId = "123456789012";

    private readonly CloudFormationTemplate _template;
    private readonly TemplateResolver _resolver;
    private readonly Dictionary<string, TemplateResource> _resources;
    private readonly HashSet<string> _resolving = [];

    /// <param name="account">The account the stack is deployed in: the hub's (moto's default), or a member account's.</param>
    public LocalStack(CloudFormationTemplate template, string region, string apiEndpoint, IReadOnlyDictionary<string, string>? parameterOverrides = null, string account = AccountId)
    {
        _template = template;
        Region = region;
        Account = account;
        _resources = template.Resources.ToDictionary(r => r.LogicalId);
        PseudoParameters = new Dictionary<string, string>
        {
            ["AWS::AccountId"] = account, ["AWS::Region"] = region, ["AWS::Partition"] = "aws", ["AWS::URLSuffix"] = "amazonaws.com",
            ["AWS::StackName"] = "steward-local", ["AWS::StackId"] = $"arn:aws:cloudformation:{region}:{account}:stack/steward-local/local",
        };
        _resolver = new TemplateResolver(template, parameterOverrides ?? new Dictionary<string, string>(), this);
        ApiEndpoint = apiEndpoint;
    }

    public string Region { get; }
    public string Account { get; }
    public string ApiEndpoint { get; }
    public CloudFormationTemplate Template => _template;
    public IReadOnlyDictionary<string, string> PseudoParameters { get; }

    public string Parameter(string name) => _resolver.Parameter(name) switch
    {
        Unresolved u => throw new TemplateException($"parameter {name}: {u.Why}"),
        List<object?> items => string.Join(",", items.Select(TemplateResolver.Text)),
        var v => TemplateResolver.Text(v),
    };

    /// <summary>Resources that exist: those without a condition, or whose condition holds.</summary>
    public IEnumerable<TemplateResource> Resources => _resources.Values.Where(r => r.Condition is null || Condition(r.Condition));

    public bool Condition(string name) => _resolver.Condition(name);

    /// <summary>What <c>Ref</c> answers for a resource, a parameter or a pseudo parameter.</summary>
    public string Ref(string logicalId) => ResolveString(new Dictionary<string, object?> { ["Ref"] = logicalId });

    /// <summary>What <c>Fn::GetAtt</c> answers.</summary>
    public string GetAtt(string logicalId, string attribute) =>
        ResolveString(new Dictionary<string, object?> { ["Fn::GetAtt"] = new List<object?> { logicalId, attribute } });

    object? IDeploymentFacts.Ref(TemplateResource r) => r.Type switch
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

    object? IDeploymentFacts.GetAtt(TemplateResource r, string attribute) => (r.Type, attribute) switch
    {
        ("AWS::S3::Bucket", "Arn") => $"arn:aws:s3:::{BucketName(r)}",
        ("AWS::S3::Bucket", "DomainName") => $"{BucketName(r)}.s3.amazonaws.com",
        ("AWS::SNS::Topic", "TopicName") => TopicName(r),
        ("AWS::SNS::Topic", "TopicArn") => Ref(r.LogicalId),
        ("AWS::SQS::Queue", "Arn") => QueueArn(QueueName(r)),
        ("AWS::SQS::Queue", "QueueName") => QueueName(r),
        ("AWS::SQS::Queue", "QueueUrl") => Ref(r.LogicalId),
        ("AWS::DynamoDB::Table", "Arn") => $"arn:aws:dynamodb:{Region}:{AccountId}:table/{Ref(r.LogicalId)}",
        ("AWS::Serverless::Function", "Arn") => $"arn:aws:lambda:{Region}:{AccountId}:function:{Ref(r.LogicalId)}",
        ("AWS::IAM::Role", "Arn") => $"arn:aws:iam::{Account}:role/{NameProperty(r, "RoleName", () => "steward-local-" + r.LogicalId)}",
        _ => throw new TemplateException($"Fn::GetAtt {r.LogicalId}.{attribute}: the local runner does not know this attribute of {r.Type}"),
    };

    /// <summary>moto settles nothing at deployment that the template does not say: a condition it cannot settle is an error.</summary>
    bool IDeploymentFacts.Unsettled(string condition) =>
        throw new TemplateException($"condition {condition} depends on values the local runner does not know");

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

    /// <summary>Resolves intrinsic functions, leaving plain data as it is; anything left unresolved is an error naming why.</summary>
    public object? Resolve(object? value) => Settled(_resolver.Resolve(value));

    public string ResolveString(object? value) => TemplateResolver.Text(Resolve(value));

    private static object? Settled(object? value) => value switch
    {
        Unresolved u => throw new TemplateException($"the local runner cannot deploy a value that {u.Why}"),
        ResourceReference r => throw new TemplateException($"{r.Name} has no physical name in the local runner"),
        Dictionary<string, object?> d => d.ToDictionary(kv => kv.Key, kv => Settled(kv.Value)),
        List<object?> l => l.Select(Settled).ToList(),
        _ => value,
    };
}
