namespace Steward.Changes.Terraform;

/// <summary>
/// A Terraform AWS resource's planned attributes read into what decides its price, with the AWS provider's defaults where
/// an attribute is absent (an EBS volume is gp2, a DynamoDB table PROVISIONED, a Lambda function 128 MB x86_64).
/// </summary>
public static class TerraformResources
{
    /// <param name="referenced">A resource this one references by type (an instance's <c>aws_launch_template</c>).</param>
    public static Priceable Read(string type, Props p, Func<string, Props?> referenced) => type switch
    {
        "aws_instance" => Instance(p, referenced("aws_launch_template")),
        "aws_autoscaling_group" => AutoScaling(p, referenced),
        "aws_ebs_volume" => new Volume(p.String("type") ?? "gp2", p.Number("size") ?? 0, p.Number("iops"), p.Number("throughput")),
        "aws_eip" => new PublicIpv4Address(),
        "aws_nat_gateway" => p.String("connectivity_type") == "private"
            ? new UnpricedResource("private NAT gateways are priced like public ones but are not estimated yet") : new NatGateway(),
        "aws_lb" or "aws_alb" => (p.String("load_balancer_type") ?? "application") switch
        {
            "network" => new LoadBalancer(Network: true),
            "gateway" => new UnpricedResource("Gateway Load Balancers are not priced yet"),
            _ => new LoadBalancer(Network: false),
        },
        "aws_elb" => new UnpricedResource("Classic Load Balancers are not priced (previous generation)"),
        "aws_db_instance" => Rds(p),
        "aws_rds_cluster" => new UnpricedResource("Aurora cluster storage and I/O are usage-based and not priced yet"),
        "aws_lambda_function" => new LambdaFunction(p.Number("memory_size") ?? 128, p.Strings("architectures").FirstOrDefault() ?? "x86_64",
            p.Number("ephemeral_storage.0.size") ?? 512),
        "aws_api_gateway_rest_api" => new ApiGateway(Http: false),
        "aws_apigatewayv2_api" => p.String("protocol_type") == "WEBSOCKET"
            ? new UnpricedResource("WebSocket APIs (messages and connection minutes) are not priced yet") : new ApiGateway(Http: true),
        "aws_dynamodb_table" => p.String("billing_mode") == "PAY_PER_REQUEST"
            ? new DynamoDbTable(true, 0, 0) : new DynamoDbTable(false, p.Number("write_capacity") ?? 0, p.Number("read_capacity") ?? 0),
        "aws_s3_bucket" => new S3Bucket(),
        "aws_sns_topic" => new SnsTopic(p.Bool("fifo_topic") == true),
        "aws_sqs_queue" => new SqsQueue(p.Bool("fifo_queue") == true),
        "aws_cloudwatch_log_group" => new LogGroup(),
        "aws_cloudwatch_metric_alarm" => new MetricAlarm((p.Number("period") ?? 60) < 60,
            Math.Max(1, p.List("metric_query").Count(q => q.List("metric").Count > 0))),
        "aws_kms_key" => new KmsKey(p.String("customer_master_key_spec") ?? p.String("key_spec") ?? "SYMMETRIC_DEFAULT"),
        "aws_secretsmanager_secret" => new Secret(),
        "aws_sfn_state_machine" => new StateMachine(p.String("type") == "EXPRESS"),
        _ => Classify(type),
    };

    /// <summary>An instance: its own attributes over its launch template's; without a root block size the AMI's, assumed 8 GB gp2.</summary>
    private static Priceable Instance(Props p, Props? launch)
    {
        var type = p.String("instance_type") ?? launch?.String("instance_type");
        if (type is null) return new UnpricedResource("instance_type is not known before apply");
        var rootSize = p.Number("root_block_device.0.volume_size");
        var root = new Volume(p.String("root_block_device.0.volume_type") ?? "gp2", rootSize ?? 8, p.Number("root_block_device.0.iops"), p.Number("root_block_device.0.throughput"));
        // The instance's block devices, then its launch template's; one on the same device name is the instance's over the template's.
        var fromTemplate = launch?.List("block_device_mappings").Where(b => b.Child("ebs") is not null).ToList() ?? [];
        var volumes = new List<Volume>();
        foreach (var d in p.List("ebs_block_device"))
        {
            var t = fromTemplate.FirstOrDefault(b => b.String("device_name") == d.String("device_name"))?.Child("ebs");
            volumes.Add(new Volume(d.String("volume_type") ?? t?.String("volume_type") ?? "gp2", d.Number("volume_size") ?? t?.Number("volume_size") ?? 8,
                d.Number("iops") ?? t?.Number("iops"), d.Number("throughput") ?? t?.Number("throughput")));
        }
        foreach (var b in fromTemplate.Where(b => !p.List("ebs_block_device").Any(d => d.String("device_name") == b.String("device_name"))))
        {
            var t = b.Child("ebs")!;
            volumes.Add(new Volume(t.String("volume_type") ?? "gp2", t.Number("volume_size") ?? 8, t.Number("iops"), t.Number("throughput")));
        }
        return new Ec2Instance(type, p.String("tenancy") ?? launch?.String("placement.0.tenancy") ?? "default", Windows: false,
            root, rootSize is null, volumes,
            p.Bool("monitoring") ?? launch?.Bool("monitoring.0.enabled") ?? false,
            p.String("credit_specification.0.cpu_credits") ?? launch?.String("credit_specification.0.cpu_credits"),
            p.Bool("associate_public_ip_address") == true);
    }

    private static Priceable AutoScaling(Props p, Func<string, Props?> referenced)
    {
        var (count, from) = p.Number("desired_capacity") is { } d ? ((int)d, "desired capacity") : ((int)(p.Number("min_size") ?? 0), "minimum size");
        var launch = referenced("aws_launch_template");
        if (launch is null) return new UnpricedResource("its launch template is not in this plan");
        return Instance(new Props(new Dictionary<string, object?>(), p.Owner, []), launch) is Ec2Instance i
            ? new AutoScalingGroup(i, count, from) : new UnpricedResource("its launch template names no instance type");
    }

    private static Priceable Rds(Props p)
    {
        var iops = p.Number("iops");
        var storage = p.String("storage_type") ?? (iops is null ? "gp2" : "io1");
        return new RdsInstance(p.String("instance_class") ?? "", p.String("engine") ?? "mysql", p.String("engine_version"),
            p.Bool("multi_az") == true, storage, p.Number("allocated_storage") ?? 20, iops);
    }

    private static readonly string[] FreePrefixes =
    [
        "aws_iam_", "aws_security_group", "aws_vpc", "aws_subnet", "aws_route", "aws_internet_gateway", "aws_network_acl",
        "aws_s3_bucket_", "aws_lambda_permission", "aws_lambda_alias", "aws_lambda_event_source_mapping", "aws_lambda_layer_version",
        "aws_sns_topic_subscription", "aws_sns_topic_policy", "aws_sqs_queue_policy", "aws_cloudwatch_event_", "aws_ssm_parameter",
        "aws_kms_alias", "aws_lb_listener", "aws_lb_target_group", "aws_alb_listener", "aws_alb_target_group", "aws_db_subnet_group",
        "aws_db_parameter_group", "aws_eip_association", "aws_volume_attachment", "aws_launch_template", "aws_launch_configuration",
        "aws_key_pair", "aws_api_gateway_", "aws_apigatewayv2_", "aws_appautoscaling_", "aws_cloudwatch_log_subscription_filter",
    ];

    private static Priceable Classify(string type) =>
        type is "aws_vpc_endpoint" or "aws_vpn_gateway" or "aws_vpn_connection" or "aws_ec2_transit_gateway_vpc_attachment"
            ? new UnpricedResource($"{type} is charged by the hour but not priced yet")
        : FreePrefixes.Any(f => type.StartsWith(f, StringComparison.Ordinal)) ? new FreeResource("no charge of its own")
        : !type.StartsWith("aws_", StringComparison.Ordinal) ? new FreeResource("not an AWS resource: no cloud cost")
        : new UnpricedResource($"{type} is not priced yet");
}
