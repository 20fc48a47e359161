namespace Steward.Changes.CloudFormation;

public static partial class CloudFormationResources
{
    /// <summary>The template types of API Gateway, SNS, SQS, EventBridge, Step Functions, Kinesis, MSK, MQ, MWAA, AppSync and Glue; null for a type of another service.</summary>
    private static Priceable? Integration(string type, Props p, Reading c) => type switch
    {
        "AWS::Events::EventBus" => new EventBus(),
        "AWS::Events::Archive" => new EventArchive(),
        "AWS::AppSync::GraphQLApi" or "AWS::Serverless::GraphQLApi" => new GraphQlApi(),
        "AWS::Events::ApiDestination" => new ApiDestination(),
        "AWS::Events::Connection" => new FreeResource("the secret EventBridge keeps for it is paid for in its API destinations' price"),
        "AWS::Pipes::Pipe" => new EventPipe(),
        "AWS::Scheduler::Schedule" => new Schedule(),
        "AWS::Serverless::Api" => new ApiGateway(Http: false) { CacheGb = p.Bool("CacheClusterEnabled") == true ? p.String("CacheClusterSize") ?? "0.5" : null },
        "AWS::ApiGateway::RestApi" => new ApiGateway(Http: false),
        "AWS::Serverless::HttpApi" => new ApiGateway(Http: true),
        "AWS::ApiGatewayV2::Api" => p.String("ProtocolType") == "WEBSOCKET"
            ? new WebSocketApi() : new ApiGateway(Http: true),
        "AWS::Serverless::StateMachine" => new StateMachine(p.String("Type") == "EXPRESS"),
        "AWS::StepFunctions::StateMachine" => new StateMachine(p.String("StateMachineType") == "EXPRESS"),
        "AWS::Kinesis::Stream" => new KinesisStream(p.String("StreamModeDetails.StreamMode") == "ON_DEMAND", (int)(p.Number("ShardCount") ?? 1)),
        "AWS::MSK::Cluster" => new MskCluster(p.String("BrokerNodeGroupInfo.InstanceType") ?? "", (int)(p.Number("NumberOfBrokerNodes") ?? 0),
            p.Number("BrokerNodeGroupInfo.StorageInfo.EBSStorageInfo.VolumeSize") ?? 1000), // MSK's default broker storage: 1,000 GiB
        "AWS::AmazonMQ::Broker" => new MqBroker(p.String("EngineType") ?? "ACTIVEMQ", p.String("HostInstanceType") ?? "", p.String("DeploymentMode") ?? "SINGLE_INSTANCE",
            p.String("StorageType") == "EBS" || (p.String("EngineType") ?? "").Equals("RABBITMQ", StringComparison.OrdinalIgnoreCase)),
        "AWS::MWAA::Environment" => MwaaEnvironment.Of(p.String("EnvironmentClass")),
        // CloudFormation's ExtendedS3DestinationConfiguration converts where its DataFormatConversionConfiguration is
        // not disabled; the Elasticsearch (or OpenSearch) destination delivers into a VPC through VpcConfiguration's subnets.
        "AWS::KinesisFirehose::DeliveryStream" => Firehose(p),
        "AWS::KinesisAnalyticsV2::Application" => new KinesisAnalyticsApplication((p.String("RuntimeEnvironment") ?? "").StartsWith("FLINK", StringComparison.OrdinalIgnoreCase)),
        "AWS::KinesisAnalytics::Application" => new KinesisAnalyticsApplication(Flink: false),
        "AWS::Glue::Crawler" => new GlueCrawler(),
        "AWS::Glue::Job" => new GlueJob(p.Number("NumberOfWorkers") is { } workers ? workers * GlueJob.DpusPerWorker(p.String("WorkerType")) : p.Number("MaxCapacity") ?? 1),
        "AWS::Glue::Database" => new GlueCatalogDatabase(),
        "AWS::SNS::Topic" => new SnsTopic(p.Bool("FifoTopic") == true),
        "AWS::SQS::Queue" => new SqsQueue(p.Bool("FifoQueue") == true),
        "AWS::ApiGateway::Stage" when p.Bool("CacheClusterEnabled") == true =>
            new ApiGatewayCache(p.String("CacheClusterSize") ?? "0.5"),
        _ => null,
    };
}
