using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SimpleSystemsManagement;
using Amazon.SecurityToken;
using Amazon.SQS;

namespace Steward.Aws;

/// <summary>
/// The one place SDK clients are built, each pointed at its endpoint override when there is one. A function builds the
/// clients it needs once, in its constructor (Lambda's init phase), never per invocation.
/// </summary>
/// <param name="transport">What carries the clients' HTTP requests; null: the SDK's own. Tests put a fault injector here.</param>
public sealed class AwsClients(AwsEnvironment environment, Func<HttpMessageHandler>? transport = null, AWSCredentials? credentials = null)
{
    public static AwsClients FromProcess() => new(AwsEnvironment.FromProcess());

    public AwsEnvironment Environment => environment;

    /// <summary>
    /// Keys from the environment the clients were given (Lambda sets them there, and so does the local runner); otherwise the
    /// SDK's default chain (profile, container, instance role). Resolved once.
    /// </summary>
    public AWSCredentials Credentials => _credentials ??= environment.Credentials() ?? DefaultAWSCredentialsIdentityResolver.GetCredentials();
    private AWSCredentials? _credentials = credentials;

    /// <summary>The same endpoints and transport, signed with other credentials (a member account's role session).</summary>
    public AwsClients As(AWSCredentials other) => new(environment, transport, other);

    public IAmazonEC2 Ec2() => new AmazonEC2Client(Credentials, Configure(new AmazonEC2Config(), AwsService.Ec2));
    public IAmazonSimpleSystemsManagement Ssm() => new AmazonSimpleSystemsManagementClient(Credentials, Configure(new AmazonSimpleSystemsManagementConfig(), AwsService.Ssm));
    public IAmazonDynamoDB DynamoDb() => new AmazonDynamoDBClient(Credentials, Configure(new AmazonDynamoDBConfig(), AwsService.DynamoDb));
    public IAmazonSecurityTokenService Sts() => new AmazonSecurityTokenServiceClient(Credentials, Configure(new AmazonSecurityTokenServiceConfig(), AwsService.Sts));
    public IAmazonSQS Sqs() => new AmazonSQSClient(Credentials, Configure(new AmazonSQSConfig(), AwsService.Sqs));

    public IAmazonS3 S3()
    {
        var config = Configure(new AmazonS3Config(), AwsService.S3);
        // Emulators (moto, MinIO) answer on one host: virtual-hosted bucket names would not resolve.
        if (environment.EndpointOverride(AwsService.S3) is not null) config.ForcePathStyle = true;
        return new AmazonS3Client(Credentials, config);
    }

    /// <summary>A SigV4-signed HTTP client for a service whose SDK package is not available (SNS, Cost Explorer, EventBridge).</summary>
    public SignedAwsClient Signed(AwsService service) =>
        new(service, Credentials, environment.SigningRegion(service), environment.Endpoint(service), transport?.Invoke());

    private T Configure<T>(T config, AwsService service) where T : ClientConfig
    {
        if (transport is not null) config.HttpClientFactory = new TransportFactory(transport);
        var region = environment.SigningRegion(service);
        if (environment.EndpointOverride(service) is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }

    /// <summary>The SDK's clients over the given transport.</summary>
    private sealed class TransportFactory(Func<HttpMessageHandler> transport) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(transport(), disposeHandler: true);
    }
}

