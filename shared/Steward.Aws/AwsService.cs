namespace Steward.Aws;

/// <summary>
/// What we need to know to reach an AWS service by hand: its SDK service id (which names the
/// <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c> override), its SigV4 signing name and endpoint prefix, and, for the JSON protocol,
/// the <c>X-Amz-Target</c> prefix. Values are botocore's service-2.json metadata for each service.
/// </summary>
public sealed record AwsService(string ServiceId, string SigningName, string EndpointPrefix, string? JsonTargetPrefix = null, string? FixedRegion = null)
{
    /// <summary>SNS: Query protocol, API version 2010-03-31.</summary>
    public static readonly AwsService Sns = new("SNS", "sns", "sns");

    /// <summary>Cost Explorer: JSON 1.1, one global endpoint in us-east-1, signed for us-east-1.</summary>
    public static readonly AwsService CostExplorer = new("Cost Explorer", "ce", "ce", "AWSInsightsIndexService", FixedRegion: "us-east-1");

    /// <summary>The Price List Query API: JSON 1.1, served in us-east-1 (api.pricing.us-east-1.amazonaws.com), signed as "pricing".</summary>
    public static readonly AwsService Pricing = new("Pricing", "pricing", "api.pricing", "AWSPriceListService", FixedRegion: "us-east-1");

    /// <summary>GuardDuty: REST-JSON (ListDetectors is <c>GET /detector</c>, CreateSampleFindings <c>POST /detector/{id}/findings/create</c>).</summary>
    public static readonly AwsService GuardDuty = new("GuardDuty", "guardduty", "guardduty");

    /// <summary>Lambda: REST-JSON (Invoke is <c>POST /2015-03-31/functions/{name}/invocations</c>).</summary>
    public static readonly AwsService Lambda = new("Lambda", "lambda", "lambda");

    /// <summary>CloudWatch metrics: Query protocol, API version 2010-08-01.</summary>
    public static readonly AwsService CloudWatch = new("CloudWatch", "monitoring", "monitoring");

    /// <summary>CloudFormation: Query protocol, API version 2010-05-15.</summary>
    public static readonly AwsService CloudFormation = new("CloudFormation", "cloudformation", "cloudformation");

    /// <summary>EventBridge (CloudWatch Events): JSON 1.1.</summary>
    public static readonly AwsService EventBridge = new("EventBridge", "events", "events", "AWSEvents");

    /// <summary>Organizations: JSON 1.1, one global endpoint in us-east-1 (organizations.us-east-1.amazonaws.com), signed for us-east-1.</summary>
    public static readonly AwsService Organizations = new("Organizations", "organizations", "organizations", "AWSOrganizationsV20161128", FixedRegion: "us-east-1");

    public static readonly AwsService Ec2 = new("EC2", "ec2", "ec2");
    public static readonly AwsService S3 = new("S3", "s3", "s3");
    public static readonly AwsService Ssm = new("SSM", "ssm", "ssm");
    public static readonly AwsService DynamoDb = new("DynamoDB", "dynamodb", "dynamodb");
    public static readonly AwsService Sqs = new("SQS", "sqs", "sqs");
    public static readonly AwsService Sts = new("STS", "sts", "sts");

    /// <summary>IAM: Query protocol, API version 2010-05-08, one global endpoint signed for us-east-1 (the runner creates member roles with it).</summary>
    public static readonly AwsService Iam = new("IAM", "iam", "iam", FixedRegion: "us-east-1");

    /// <summary>The suffix of the service's endpoint variable: the service id upper-cased, spaces as underscores (AWS's SDK convention).</summary>
    public string EndpointVariableSuffix => ServiceId.ToUpperInvariant().Replace(' ', '_');
}
