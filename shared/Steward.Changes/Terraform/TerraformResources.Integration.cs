namespace Steward.Changes.Terraform;

public static partial class TerraformResources
{
    /// <summary>The plan types of API Gateway, SNS, SQS, EventBridge, Step Functions, Kinesis, MSK, MQ, MWAA, AppSync and Glue; null for a type of another service.</summary>
    private static Priceable? Integration(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string> volumesOfTheirOwn) => type switch
    {
        "aws_kinesis_stream" => new KinesisStream(p.String("stream_mode_details.0.stream_mode") == "ON_DEMAND", (int)(p.Number("shard_count") ?? 1)),
        "aws_msk_cluster" => new MskCluster(p.String("broker_node_group_info.0.instance_type") ?? "", (int)(p.Number("number_of_broker_nodes") ?? 0),
            p.Number("broker_node_group_info.0.storage_info.0.ebs_storage_info.0.volume_size") ?? p.Number("broker_node_group_info.0.ebs_volume_size") ?? 1000),
        "aws_mq_broker" => new MqBroker(p.String("engine_type") ?? "ActiveMQ", p.String("host_instance_type") ?? "", p.String("deployment_mode") ?? "SINGLE_INSTANCE",
            p.String("storage_type") == "ebs" || (p.String("engine_type") ?? "").Equals("RabbitMQ", StringComparison.OrdinalIgnoreCase)),
        "aws_mwaa_environment" => MwaaEnvironment.Of(p.String("environment_class")),
        "aws_cloudwatch_event_bus" => new EventBus(),
        "aws_cloudwatch_event_archive" => new EventArchive(),
        "aws_appsync_graphql_api" => new GraphQlApi(),
        "aws_cloudwatch_event_api_destination" => new ApiDestination(),
        "aws_cloudwatch_event_connection" => new FreeResource("the secret EventBridge keeps for it is paid for in its API destinations' price"),
        "aws_pipes_pipe" => new EventPipe(),
        "aws_scheduler_schedule" => new Schedule(),
        "aws_api_gateway_rest_api" => new ApiGateway(Http: false),
        "aws_apigatewayv2_api" => p.String("protocol_type") == "WEBSOCKET"
            ? new WebSocketApi() : new ApiGateway(Http: true),
        // Format conversion is on where extended_s3_configuration has a conversion block not disabled; delivery into a VPC
        // where the Elasticsearch destination has a vpc_config, through each of its subnets (as Infracost reads it).
        "aws_kinesis_firehose_delivery_stream" => new FirehoseDeliveryStream(
            p.Has("extended_s3_configuration.0.data_format_conversion_configuration.0") && p.Bool("extended_s3_configuration.0.data_format_conversion_configuration.0.enabled") != false,
            p.Has("elasticsearch_configuration.0.vpc_config.0"), p.Strings("elasticsearch_configuration.0.vpc_config.0.subnet_ids").Count),
        "aws_glue_crawler" => new GlueCrawler(),
        "aws_glue_job" => new GlueJob(p.Number("number_of_workers") is { } workers ? workers * GlueJob.DpusPerWorker(p.String("worker_type")) : p.Number("max_capacity") ?? 1),
        "aws_glue_catalog_database" => new GlueCatalogDatabase(),
        "aws_kinesisanalyticsv2_application" => new KinesisAnalyticsApplication((p.String("runtime_environment") ?? "").StartsWith("FLINK", StringComparison.OrdinalIgnoreCase)),
        "aws_kinesis_analytics_application" => new KinesisAnalyticsApplication(Flink: false),
        "aws_kinesisanalyticsv2_application_snapshot" => new KinesisAnalyticsSnapshot(),
        "aws_sns_topic" => new SnsTopic(p.Bool("fifo_topic") == true),
        "aws_sqs_queue" => new SqsQueue(p.Bool("fifo_queue") == true),
        "aws_sfn_state_machine" => new StateMachine(p.String("type") == "EXPRESS"),
        _ => null,
    };
}
