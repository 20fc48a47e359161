namespace Steward.Changes.Terraform;

/// <summary>
/// A Terraform AWS resource's planned attributes read into what decides its price, with the AWS provider's defaults where
/// an attribute is absent (an EBS volume is gp2, a DynamoDB table PROVISIONED, a Lambda function 128 MB x86_64).
/// </summary>
public static class TerraformResources
{
    /// <param name="referenced">A resource this one references by type (an instance's <c>aws_launch_template</c>).</param>
    /// <param name="volumesOfTheirOwn">The ids of the plan's <c>aws_ebs_volume</c>s: an instance lists a volume attached to it
    /// (by <c>aws_volume_attachment</c>) among its <c>ebs_block_device</c>s too, and it is priced once, as the volume.</param>
    public static Priceable Read(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string>? volumesOfTheirOwn = null) => type switch
    {
        "aws_instance" => Instance(p, referenced("aws_launch_template"), volumesOfTheirOwn ?? new HashSet<string>()),
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
        "aws_elb" => new ClassicLoadBalancer(),
        "aws_eks_cluster" => new EksCluster(p.String("version")),
        "aws_vpc_endpoint" when p.String("vpc_endpoint_type") is "Interface" or "GatewayLoadBalancer" =>
            new VpcEndpoint(p.String("vpc_endpoint_type") == "GatewayLoadBalancer", p.Strings("subnet_ids").Count),
        // A connection on a transit gateway created in the same plan has no transit_gateway_id before apply: its reference says it.
        "aws_vpn_connection" => new VpnConnection(p.String("transit_gateway_id") is { Length: > 0 } || referenced("aws_ec2_transit_gateway") is not null),
        "aws_ec2_transit_gateway_vpc_attachment" => new TransitGatewayAttachment(Peering: false),
        "aws_ec2_transit_gateway_peering_attachment" => new TransitGatewayAttachment(Peering: true),
        "aws_ec2_client_vpn_endpoint" => new ClientVpnEndpoint(),
        "aws_ec2_client_vpn_network_association" => new ClientVpnNetworkAssociation(),
        "aws_networkfirewall_firewall" => new NetworkFirewall(p.List("subnet_mapping").Count + p.List("availability_zone_mapping").Count),
        "aws_route53_resolver_endpoint" => ResolverEndpoint.Of(p.List("ip_address").Count, p),
        "aws_transfer_server" => TransferServer.Of(p.Strings("protocols")),
        "aws_globalaccelerator_accelerator" => new GlobalAccelerator(),
        "aws_dx_connection" => p.String("bandwidth") is { } bandwidth
            ? new DirectConnectConnection(bandwidth, p.String("location") ?? "") : new UnpricedResource("its bandwidth is not known before apply"),
        "aws_route53_zone" => new HostedZone(),
        "aws_route53_health_check" => new HealthCheck(HealthCheck.FeaturesOf(p.String("type"), p.Number("request_interval"), p.Bool("measure_latency"))),
        "aws_kinesis_stream" => new KinesisStream(p.String("stream_mode_details.0.stream_mode") == "ON_DEMAND", (int)(p.Number("shard_count") ?? 1)),
        "aws_wafv2_web_acl" => WebAcl.Of(p.List("rule").Select(r => r.Child("statement")).ToList(), "rule_group_reference_statement", "managed_rule_group_statement"),
        "aws_acmpca_certificate_authority" => new PrivateCertificateAuthority(p.String("usage_mode") == "SHORT_LIVED_CERTIFICATE"),
        "aws_db_instance" => Rds(p),
        "aws_rds_cluster" => (p.String("engine") ?? "aurora").StartsWith("aurora", StringComparison.Ordinal)
            ? CloudFormation.CloudFormationResources.Aurora(p.String("engine") ?? "aurora", p.String("engine_mode"), p.String("storage_type"), p.Number("backup_retention_period"))
            : new UnpricedResource("Multi-AZ DB clusters (three instances of db_cluster_instance_class) are not priced yet"),
        "aws_rds_cluster_instance" => p.String("instance_class") == "db.serverless"
            ? new AuroraServerlessV2Instance(referenced("aws_rds_cluster")?.Number("serverlessv2_scaling_configuration.0.min_capacity"))
            : new RdsInstance(p.String("instance_class") ?? "", p.String("engine") ?? "aurora", p.String("engine_version") ?? referenced("aws_rds_cluster")?.String("engine_version"), false, "aurora", 0, null),
        "aws_ecs_service" => EcsService(p, referenced),
        "aws_eks_node_group" => NodeGroup(p, referenced),
        "aws_elasticache_cluster" => p.String("replication_group_id") is not null
            ? new FreeResource("a member of its replication group, whose nodes are priced on the group")
            : new CacheNodes(p.String("node_type") ?? "", (int)(p.Number("num_cache_nodes") ?? 1), "the cluster's num_cache_nodes", p.Number("snapshot_retention_limit") is > 0),
        "aws_elasticache_replication_group" => ReplicationGroup(p),
        "aws_dms_replication_instance" => new DmsReplicationInstance(p.String("replication_instance_class") ?? "", p.Bool("multi_az") == true, p.Number("allocated_storage") ?? 50),
        "aws_directory_service_directory" => (p.String("type") ?? "SimpleAD") switch
        {
            "MicrosoftAD" => ManagedDirectory.Of("microsoftAd", p.String("edition")),
            "ADConnector" => ManagedDirectory.Of("adConnector", p.String("size")),
            _ => ManagedDirectory.Of("simpleAd", p.String("size")),
        },
        "aws_cloudwatch_dashboard" => new CloudWatchDashboard(),
        "aws_acm_certificate" => p.Has("certificate_authority_arn") ? new PrivateCertificate() : new FreeResource("public certificates are free"),
        "aws_msk_cluster" => new MskCluster(p.String("broker_node_group_info.0.instance_type") ?? "", (int)(p.Number("number_of_broker_nodes") ?? 0),
            p.Number("broker_node_group_info.0.storage_info.0.ebs_storage_info.0.volume_size") ?? p.Number("broker_node_group_info.0.ebs_volume_size") ?? 1000),
        "aws_mq_broker" => new MqBroker(p.String("engine_type") ?? "ActiveMQ", p.String("host_instance_type") ?? "", p.String("deployment_mode") ?? "SINGLE_INSTANCE",
            p.String("storage_type") == "ebs" || (p.String("engine_type") ?? "").Equals("RabbitMQ", StringComparison.OrdinalIgnoreCase)),
        "aws_docdb_cluster_instance" => new DocDbInstance(p.String("instance_class") ?? ""),
        // The provider's number_of_nodes is 1 unless set (a single-node cluster).
        "aws_redshift_cluster" => new RedshiftCluster(p.String("node_type") ?? "", (int)(p.Number("number_of_nodes") ?? 1)),
        "aws_opensearch_domain" => SearchDomain(p, "m3.medium.search"),
        "aws_elasticsearch_domain" => SearchDomain(p, "m3.medium.elasticsearch"),
        "aws_cloudhsm_v2_hsm" => new CloudHsm(),
        // An instance's rate is its cluster's storage type's (I/O-Optimized, iopt1, or standard).
        "aws_neptune_cluster_instance" => new NeptuneInstance(p.String("instance_class") ?? "",
            referenced("aws_neptune_cluster")?.String("storage_type") is { } storage && storage.Equals("iopt1", StringComparison.OrdinalIgnoreCase)),
        // The provider keeps a day of backups unless told: that day is free.
        "aws_neptune_cluster" => new NeptuneCluster(p.Number("backup_retention_period") ?? 1, (p.String("storage_type") ?? "").Equals("iopt1", StringComparison.OrdinalIgnoreCase)),
        "aws_mwaa_environment" => MwaaEnvironment.Of(p.String("environment_class")),
        // A snapshot of a cluster that keeps a single day of backups is within the backup storage AWS does not charge for
        // (as Infracost counts it); of one kept longer, or not in this plan, its storage is backup storage.
        "aws_neptune_cluster_snapshot" => referenced("aws_neptune_cluster") is { } cluster && (cluster.Number("backup_retention_period") ?? 1) < 2
            ? new FreeResource("its cluster keeps a single day of backups: the snapshot is within the free backup storage")
            : new NeptuneClusterSnapshot(),
        "aws_apprunner_service" => new AppRunnerService(
            FargateService.VcpusOf(p.String("instance_configuration.0.cpu")) ?? 1, FargateService.GbOf(p.String("instance_configuration.0.memory")) ?? 2,
            (int)(referenced("aws_apprunner_auto_scaling_configuration_version")?.Number("min_size") ?? 1),
            p.Bool("source_configuration.0.auto_deployments_enabled") ?? false, p.Has("source_configuration.0.code_repository.0.repository_url")),
        "aws_lambda_function" => new LambdaFunction(p.Number("memory_size") ?? 128, p.Strings("architectures").FirstOrDefault() ?? "x86_64",
            p.Number("ephemeral_storage.0.size") ?? 512),
        "aws_lambda_provisioned_concurrency_config" => referenced("aws_lambda_function") is { } function
            ? new ProvisionedConcurrency(p.Number("provisioned_concurrent_executions") ?? 0, function.Number("memory_size") ?? 128, function.Strings("architectures").FirstOrDefault() == "arm64")
            : new ProvisionedConcurrency(p.Number("provisioned_concurrent_executions") ?? 0, null, false),
        "aws_efs_file_system" => new ElasticFileSystem(p.Has("availability_zone_name"), p.List("lifecycle_policy").Any(l => l.Has("transition_to_ia")),
            p.String("throughput_mode") == "provisioned" ? p.Number("provisioned_throughput_in_mibps") ?? 0 : 0),
        // WAF Classic is priced as WAF (v2) is: a web ACL a month, a rule each (REGULAR and RATE_BASED), a rule group each (GROUP).
        "aws_waf_web_acl" or "aws_wafregional_web_acl" => new WebAcl(
            p.List("rules").Count(r => (r.String("type") ?? "REGULAR").ToUpperInvariant() is "REGULAR" or "RATE_BASED")
                + p.List("rule").Count(r => (r.String("type") ?? "REGULAR").ToUpperInvariant() is "REGULAR" or "RATE_BASED"),
            p.List("rules").Concat(p.List("rule")).Count(r => (r.String("type") ?? "").ToUpperInvariant() == "GROUP"), 0),
        "aws_kms_external_key" => new KmsKey("SYMMETRIC_DEFAULT"),
        "aws_cloudwatch_event_bus" => new EventBus(),
        "aws_cloudwatch_event_archive" => new EventArchive(),
        "aws_cloudformation_stack" => new CloudFormationStack(),
        "aws_cloudformation_stack_set" => new CloudFormationStack(),
        "aws_docdb_cluster_snapshot" => new DocDbCluster(),
        "aws_ebs_snapshot" => new EbsSnapshot(referenced("aws_ebs_volume")?.Number("size") ?? p.Number("volume_size"), Copy: false),
        "aws_ebs_snapshot_copy" => new EbsSnapshot(referenced("aws_ebs_snapshot")?.Number("volume_size") ?? p.Number("volume_size"), Copy: true),
        "aws_ssm_activation" => new ManagedOnPremInstances(),
        "aws_ec2_traffic_mirror_session" => new TrafficMirrorSession(),
        "aws_cloudfront_function" => new CloudFrontFunction(),
        "aws_eks_fargate_profile" => new FargateProfile(),
        "aws_grafana_workspace" => new GrafanaWorkspace(),
        // A Direct Connect gateway's association with a transit gateway is billed as a transit gateway attachment.
        "aws_dx_gateway_association" => new TransitGatewayAttachment(Peering: false),
        "aws_ec2_host" => DedicatedHost.Of(p.String("instance_family"), p.String("instance_type")),
        "aws_appsync_graphql_api" => new GraphQlApi(),
        "aws_cloudwatch_event_api_destination" => new ApiDestination(),
        "aws_cloudwatch_event_connection" => new FreeResource("the secret EventBridge keeps for it is paid for in its API destinations' price"),
        "aws_pipes_pipe" => new EventPipe(),
        "aws_scheduler_schedule" => new Schedule(),
        "aws_ecr_repository" => new EcrRepository(),
        "aws_docdb_cluster" => new DocDbCluster(),
        "aws_config_config_rule" or "aws_config_organization_managed_rule" or "aws_config_organization_custom_rule" => new ConfigRule(),
        "aws_config_configuration_recorder" => new ConfigRecorder(),
        "aws_cloudtrail" => new CloudTrail(p.Bool("include_global_service_events") ?? true, p.List("insight_selector").Count > 0),
        "aws_route53_record" => p.List("alias").Count > 0 ? new FreeResource("an alias record's queries to an AWS resource are free") : new DnsRecord(),
        "aws_codebuild_project" => new CodeBuildProject(p.String("environment.0.compute_type") ?? "", p.String("environment.0.type") is "WINDOWS_CONTAINER" or "WINDOWS_SERVER_2019_CONTAINER"),
        "aws_api_gateway_rest_api" => new ApiGateway(Http: false),
        "aws_apigatewayv2_api" => p.String("protocol_type") == "WEBSOCKET"
            ? new WebSocketApi() : new ApiGateway(Http: true),
        "aws_dynamodb_table" => p.String("billing_mode") == "PAY_PER_REQUEST"
            ? new DynamoDbTable(true, 0, 0)
            : new DynamoDbTable(false, (p.Number("write_capacity") ?? 0) + p.List("global_secondary_index").Sum(i => i.Number("write_capacity") ?? 0),
                (p.Number("read_capacity") ?? 0) + p.List("global_secondary_index").Sum(i => i.Number("read_capacity") ?? 0)),
        // As Infracost reads it: the first origin's shield, a vip viewer certificate, a logging bucket (its real-time log
        // lines) and the default cache behavior's field-level encryption.
        "aws_cloudfront_distribution" => new CloudFrontDistribution(p.Bool("origin.0.origin_shield.0.enabled") == true,
            p.String("origin.0.origin_shield.0.origin_shield_region") is { Length: > 0 } shield ? shield : null,
            p.String("viewer_certificate.0.ssl_support_method") == "vip", p.String("logging_config.0.bucket") is { Length: > 0 },
            p.String("default_cache_behavior.0.field_level_encryption_id") is { Length: > 0 }),
        // Format conversion is on where extended_s3_configuration has a conversion block not disabled; delivery into a VPC
        // where the Elasticsearch destination has a vpc_config, through each of its subnets (as Infracost reads it).
        "aws_kinesis_firehose_delivery_stream" => new FirehoseDeliveryStream(
            p.Has("extended_s3_configuration.0.data_format_conversion_configuration.0") && p.Bool("extended_s3_configuration.0.data_format_conversion_configuration.0.enabled") != false,
            p.Has("elasticsearch_configuration.0.vpc_config.0"), p.Strings("elasticsearch_configuration.0.vpc_config.0.subnet_ids").Count),
        // The provider's defaults: SSD storage, and for Windows a SINGLE_AZ_1 deployment.
        "aws_fsx_windows_file_system" => new FsxFileSystem("windows", (p.String("deployment_type") ?? "SINGLE_AZ_1").StartsWith("MULTI_AZ", StringComparison.Ordinal),
            p.String("storage_type") == "HDD", p.Number("storage_capacity") ?? 0, p.Number("throughput_capacity") ?? 0),
        "aws_fsx_openzfs_file_system" => new FsxFileSystem("openzfs", (p.String("deployment_type") ?? "").StartsWith("MULTI_AZ", StringComparison.Ordinal), false,
            p.Number("storage_capacity") ?? 0, p.Number("throughput_capacity") ?? 0,
            p.String("disk_iops_configuration.0.mode") == "USER_PROVISIONED" ? p.Number("disk_iops_configuration.0.iops") : null,
            p.String("root_volume_configuration.0.data_compression_type") is { Length: > 0 } c && c != "NONE" ? c : null),
        "aws_backup_vault" => new BackupVault(),
        "aws_glue_crawler" => new GlueCrawler(),
        "aws_glue_job" => new GlueJob(p.Number("number_of_workers") is { } workers ? workers * GlueJob.DpusPerWorker(p.String("worker_type")) : p.Number("max_capacity") ?? 1),
        "aws_glue_catalog_database" => new GlueCatalogDatabase(),
        "aws_kinesisanalyticsv2_application" => new KinesisAnalyticsApplication((p.String("runtime_environment") ?? "").StartsWith("FLINK", StringComparison.OrdinalIgnoreCase)),
        "aws_kinesis_analytics_application" => new KinesisAnalyticsApplication(Flink: false),
        "aws_kinesisanalyticsv2_application_snapshot" => new KinesisAnalyticsSnapshot(),
        "aws_lightsail_instance" => new LightsailInstance(p.String("bundle_id") ?? ""),
        "aws_s3_bucket" => new S3Bucket(),
        "aws_s3_bucket_analytics_configuration" => new S3AnalyticsConfiguration(),
        "aws_s3_bucket_inventory" => new S3Inventory(),
        // Intelligent-Tiering's monitoring is charged per object in the class, on the bucket (its usage), as Infracost has it.
        "aws_s3_bucket_intelligent_tiering_configuration" => new FreeResource("its monitoring is charged on the bucket's Intelligent-Tiering objects (the bucket's usage)"),
        "aws_sns_topic" => new SnsTopic(p.Bool("fifo_topic") == true),
        "aws_sqs_queue" => new SqsQueue(p.Bool("fifo_queue") == true),
        "aws_cloudwatch_log_group" => new LogGroup(),
        "aws_cloudwatch_metric_alarm" => new MetricAlarm((p.Number("period") ?? 60) < 60,
            Math.Max(1, p.List("metric_query").Count(q => q.List("metric").Count > 0))),
        "aws_kms_key" => new KmsKey(p.String("customer_master_key_spec") ?? p.String("key_spec") ?? "SYMMETRIC_DEFAULT"),
        "aws_secretsmanager_secret" => new Secret(),
        "aws_sfn_state_machine" => new StateMachine(p.String("type") == "EXPRESS"),
        _ => Classify(type, p),
    };

    /// <summary>An instance: its own attributes over its launch template's; without a root block size the AMI's, assumed 8 GB gp2.</summary>
    private static Priceable Instance(Props p, Props? launch, IReadOnlySet<string> volumesOfTheirOwn)
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
            if (d.String("volume_id") is { } id && volumesOfTheirOwn.Contains(id)) continue;
            var t = fromTemplate.FirstOrDefault(b => b.String("device_name") == d.String("device_name"))?.Child("ebs");
            volumes.Add(new Volume(d.String("volume_type") ?? t?.String("volume_type") ?? "gp2", d.Number("volume_size") ?? t?.Number("volume_size") ?? 8,
                d.Number("iops") ?? t?.Number("iops"), d.Number("throughput") ?? t?.Number("throughput")));
        }
        var rootAssumed = rootSize is null;
        foreach (var b in fromTemplate.Where(b => !p.List("ebs_block_device").Any(d => d.String("device_name") == b.String("device_name"))))
        {
            var t = b.Child("ebs")!;
            var volume = new Volume(t.String("volume_type") ?? "gp2", t.Number("volume_size") ?? 8, t.Number("iops"), t.Number("throughput"));
            // The template's mapping on a root device name is the root volume, unless the instance sizes its own.
            if (rootAssumed && b.String("device_name") is "/dev/xvda" or "/dev/sda1") (root, rootAssumed) = (volume, false);
            else volumes.Add(volume);
        }
        return new Ec2Instance(type, p.String("tenancy") ?? launch?.String("placement.0.tenancy") ?? "default", Windows: false,
            root, rootAssumed, volumes,
            p.Bool("monitoring") ?? launch?.Bool("monitoring.0.enabled") ?? false,
            p.String("credit_specification.0.cpu_credits") ?? launch?.String("credit_specification.0.cpu_credits"),
            p.Bool("associate_public_ip_address") == true);
    }

    private static Priceable AutoScaling(Props p, Func<string, Props?> referenced)
    {
        var (count, from) = p.Number("desired_capacity") is { } d ? ((int)d, "desired capacity") : ((int)(p.Number("min_size") ?? 0), "minimum size");
        var launch = referenced("aws_launch_template");
        if (launch is null) return new UnpricedResource("its launch template is not in this plan");
        return Instance(new Props(new Dictionary<string, object?>(), p.Owner, []), launch, new HashSet<string>()) is Ec2Instance i
            ? new AutoScalingGroup(i, count, from) : new UnpricedResource("its launch template names no instance type");
    }

    /// <summary>An ECS service on Fargate (its launch type or capacity providers): its tasks' vCPU and memory; on EC2, nothing of its own.</summary>
    private static Priceable EcsService(Props p, Func<string, Props?> referenced)
    {
        var providers = p.List("capacity_provider_strategy").Select(s => s.String("capacity_provider") ?? "").ToList();
        // Without either, the cluster's default capacity provider strategy decides, which a plan keeps on another resource.
        if (p.String("launch_type") is null && providers.Count == 0)
            return new UnpricedResource("launch_type is not set: the cluster's default capacity provider strategy (aws_ecs_cluster_capacity_providers) decides whether its tasks run on Fargate or EC2; set launch_type to price it");
        if (p.String("launch_type") != "FARGATE" && !providers.Any(c => c.StartsWith("FARGATE", StringComparison.Ordinal)))
            return new FreeResource("runs on the cluster's EC2 (or external) instances, which are priced as what they are");
        var task = referenced("aws_ecs_task_definition");
        if (task is null) return new UnpricedResource("its task definition is not in this plan: its vCPU and memory are not known");
        if (FargateService.VcpusOf(task.String("cpu")) is not { } cpu || FargateService.GbOf(task.String("memory")) is not { } memory)
            return new UnpricedResource("its task definition's cpu and memory are not known before apply");
        if (providers.Contains("FARGATE_SPOT")) p.Assume("FARGATE_SPOT tasks are priced at Fargate's on-demand rates (Spot is up to 70% less, and varies)");
        return new FargateService(cpu, memory, (int)(p.Number("desired_count") ?? 0),
            task.String("runtime_platform.0.cpu_architecture") == "ARM64",
            (task.String("runtime_platform.0.operating_system_family") ?? "LINUX").StartsWith("WINDOWS", StringComparison.Ordinal));
    }

    /// <summary>An EKS managed node group: its desired size of its first instance type (t3.medium by default), its disk_size (20 GB) or launch template's devices.</summary>
    private static Priceable NodeGroup(Props p, Func<string, Props?> referenced)
    {
        var named = p.Has("launch_template.0.id") || p.Has("launch_template.0.name");
        var launch = named ? referenced("aws_launch_template") : null;
        if (named && launch is null) p.Assume("its launch template is not followed in this plan (named through a local or another module): priced as its instance_types with EKS's default disk");
        var own = new Dictionary<string, object?> { ["instance_type"] = p.Strings("instance_types").FirstOrDefault() ?? launch?.String("instance_type") ?? "t3.medium" };
        if (launch is null) own["root_block_device"] = new List<object?> { new Dictionary<string, object?> { ["volume_size"] = p.Number("disk_size") ?? 20 } };
        if (p.String("capacity_type") == "SPOT") p.Assume("SPOT node groups are priced at on-demand rates (Spot varies, and is up to 90% less)");
        return Instance(new Props(own, p.Owner, []), launch, new HashSet<string>()) switch
        {
            Ec2Instance i => new EksNodeGroup(i with { Windows = (p.String("ami_type") ?? "").StartsWith("WINDOWS", StringComparison.Ordinal) },
                (int)(p.Number("scaling_config.0.desired_size") ?? 1)),
            var other => other,
        };
    }

    private static Priceable ReplicationGroup(Props p)
    {
        var (nodes, from) = (p.Number("num_node_groups") ?? p.Number("cluster_mode.0.num_node_groups")) is { } groups
            ? ((int)(groups * (1 + (p.Number("replicas_per_node_group") ?? p.Number("cluster_mode.0.replicas_per_node_group") ?? 0))), "its shards (num_node_groups), each a primary and its replicas")
            : ((int)(p.Number("num_cache_clusters") ?? p.Number("number_cache_clusters") ?? 1), "its num_cache_clusters");
        return new CacheNodes(p.String("node_type") ?? "", nodes, from, p.Number("snapshot_retention_limit") is > 0);
    }

    /// <summary>
    /// A search domain: cluster_config's instances (the provider's default type, one instance, three masters when
    /// dedicated masters are on and uncounted) and ebs_options' volume on each data node (gp2 unless typed).
    /// </summary>
    private static Priceable SearchDomain(Props p, string defaultType)
    {
        SearchDomain.Volume? ebs = null;
        if (p.Bool("ebs_options.0.ebs_enabled") == true)
        {
            if (p.Number("ebs_options.0.volume_size") is null) p.Assume("ebs_options.0.volume_size is not known before apply: priced as 10 GB a data node, OpenSearch's smallest and the console's default");
            ebs = new(p.String("ebs_options.0.volume_type") ?? "gp2", p.Number("ebs_options.0.volume_size") ?? 10, p.Number("ebs_options.0.iops"), p.Number("ebs_options.0.throughput"));
        }
        var masters = p.Bool("cluster_config.0.dedicated_master_enabled") == true;
        if (masters && p.Number("cluster_config.0.dedicated_master_count") is null) p.Assume("dedicated_master_count is not set: priced as three dedicated masters, AWS's recommended count (as Infracost)");
        var warm = p.Bool("cluster_config.0.warm_enabled") == true;
        return new SearchDomain(p.String("cluster_config.0.instance_type") ?? defaultType, (int)(p.Number("cluster_config.0.instance_count") ?? 1), ebs,
            masters ? p.String("cluster_config.0.dedicated_master_type") ?? p.String("cluster_config.0.instance_type") ?? defaultType : null,
            (int)(p.Number("cluster_config.0.dedicated_master_count") ?? 3),
            warm ? p.String("cluster_config.0.warm_type") : null, (int)(p.Number("cluster_config.0.warm_count") ?? 0));
    }

    private static Priceable Rds(Props p)
    {
        // An iops of 0 is the provider's "not set" (a plan writes it so when storage_type is known only after apply).
        var iops = p.Number("iops") is > 0 and var given ? given : (decimal?)null;
        var storage = p.String("storage_type") ?? (iops is null ? "gp2" : "io1");
        if (p.String("storage_type") is null) p.Assume($"storage_type is not set or not known before apply: priced as {storage}, the provider's default{(iops is null ? " without iops" : " with iops")}");
        return new RdsInstance(p.String("instance_class") ?? "", p.String("engine") ?? "mysql", p.String("engine_version"),
            p.Bool("multi_az") == true, storage, p.Number("allocated_storage") ?? 20, iops) { ManagedSecret = p.Bool("manage_master_user_password") == true };
    }

    /// <summary>
    /// Types with no charge of their own (their usage, if any, is charged on the resource they belong to), by exact name:
    /// a prefix made paid things free (<c>aws_route</c> took in <c>aws_route53_zone</c>, <c>aws_s3_bucket_</c> inventory
    /// and analytics, <c>aws_cloudwatch_event_</c> archives). Only IAM, all of it free, is matched by its prefix.
    /// </summary>
    private static readonly HashSet<string> FreeTypes = new(StringComparer.Ordinal)
    {
        "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
        "aws_default_security_group", "aws_vpc", "aws_default_vpc", "aws_vpc_dhcp_options", "aws_vpc_dhcp_options_association",
        "aws_vpc_ipv4_cidr_block_association", "aws_subnet", "aws_default_subnet", "aws_route", "aws_route_table", "aws_default_route_table",
        "aws_route_table_association", "aws_main_route_table_association", "aws_internet_gateway", "aws_internet_gateway_attachment",
        "aws_egress_only_internet_gateway", "aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule", "aws_network_acl_association",
        "aws_s3_bucket_policy", "aws_s3_bucket_versioning", "aws_s3_bucket_public_access_block", "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_acl", "aws_s3_bucket_ownership_controls", "aws_s3_bucket_notification",
        "aws_s3_bucket_cors_configuration", "aws_s3_bucket_website_configuration", "aws_s3_bucket_logging", "aws_s3_bucket_object_lock_configuration",
        "aws_s3_bucket_request_payment_configuration", "aws_s3_account_public_access_block",
        "aws_lambda_permission", "aws_lambda_alias", "aws_lambda_event_source_mapping", "aws_lambda_layer_version", "aws_lambda_layer_version_permission",
        "aws_lambda_function_url", "aws_sns_topic_subscription", "aws_sns_topic_policy", "aws_sqs_queue_policy", "aws_sqs_queue_redrive_policy",
        "aws_sqs_queue_redrive_allow_policy", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target",
        "aws_cloudwatch_event_permission", "aws_cloudwatch_event_bus_policy", "aws_cloudwatch_log_subscription_filter", "aws_cloudwatch_log_stream",
        "aws_cloudwatch_log_resource_policy", "aws_kms_alias", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_listener_certificate",
        "aws_lb_target_group", "aws_lb_target_group_attachment", "aws_alb_listener", "aws_alb_listener_rule", "aws_alb_target_group",
        "aws_alb_target_group_attachment", "aws_db_subnet_group", "aws_db_parameter_group", "aws_db_option_group", "aws_rds_cluster_parameter_group",
        "aws_eip_association", "aws_volume_attachment", "aws_launch_template", "aws_launch_configuration", "aws_key_pair", "aws_placement_group",
        "aws_autoscaling_policy", "aws_autoscaling_schedule", "aws_autoscaling_lifecycle_hook", "aws_autoscaling_notification", "aws_autoscaling_attachment",
        "aws_appautoscaling_target", "aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action",
        "aws_api_gateway_resource", "aws_api_gateway_method", "aws_api_gateway_method_response", "aws_api_gateway_method_settings",
        "aws_api_gateway_integration", "aws_api_gateway_integration_response", "aws_api_gateway_deployment", "aws_api_gateway_rest_api_policy",
        "aws_api_gateway_authorizer", "aws_api_gateway_model", "aws_api_gateway_account", "aws_api_gateway_gateway_response",
        "aws_api_gateway_request_validator", "aws_api_gateway_base_path_mapping", "aws_api_gateway_domain_name", "aws_api_gateway_usage_plan",
        "aws_api_gateway_usage_plan_key", "aws_api_gateway_api_key", "aws_api_gateway_documentation_part",
        "aws_apigatewayv2_route", "aws_apigatewayv2_route_response", "aws_apigatewayv2_integration", "aws_apigatewayv2_integration_response",
        "aws_apigatewayv2_stage", "aws_apigatewayv2_deployment", "aws_apigatewayv2_authorizer", "aws_apigatewayv2_model",
        "aws_apigatewayv2_api_mapping", "aws_apigatewayv2_domain_name", "aws_apigatewayv2_vpc_link",
        "aws_acm_certificate_validation", "aws_ecs_cluster", "aws_ecs_task_definition", "aws_ecs_cluster_capacity_providers",
        "aws_ssm_document", "aws_ssm_association",
        "aws_efs_mount_target", "aws_efs_access_point", "aws_efs_file_system_policy", "aws_efs_backup_policy",
        "aws_scheduler_schedule_group", "aws_grafana_license_association",
        "aws_appsync_resolver", "aws_appsync_datasource", "aws_appsync_function", "aws_appsync_api_key", "aws_appsync_domain_name",
        "aws_appsync_domain_name_api_association", "aws_grafana_role_association", "aws_grafana_workspace_api_key",
        "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy", "aws_config_delivery_channel", "aws_config_configuration_recorder_status",
        // WAF Classic's conditions, rules and rule groups: charged through the web ACLs that use them.
        "aws_waf_ipset", "aws_waf_rule", "aws_waf_rate_based_rule", "aws_waf_rule_group", "aws_waf_byte_match_set", "aws_waf_sql_injection_match_set", "aws_waf_xss_match_set", "aws_waf_size_constraint_set", "aws_waf_geo_match_set", "aws_waf_regex_match_set", "aws_waf_regex_pattern_set", "aws_wafregional_ipset", "aws_wafregional_rule", "aws_wafregional_rate_based_rule", "aws_wafregional_rule_group", "aws_wafregional_byte_match_set", "aws_wafregional_sql_injection_match_set", "aws_wafregional_xss_match_set", "aws_wafregional_size_constraint_set", "aws_wafregional_geo_match_set", "aws_wafregional_regex_match_set", "aws_wafregional_regex_pattern_set", "aws_wafregional_web_acl_association",
        "aws_customer_gateway", "aws_vpn_gateway", "aws_vpn_gateway_attachment", "aws_vpn_gateway_route_propagation", "aws_vpn_connection_route",
        "aws_ec2_transit_gateway", "aws_ec2_transit_gateway_route", "aws_ec2_transit_gateway_route_table",
        "aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation",
        "aws_ec2_client_vpn_authorization_rule", "aws_ec2_client_vpn_route",
        "aws_networkfirewall_firewall_policy", "aws_networkfirewall_rule_group", "aws_networkfirewall_logging_configuration",
        "aws_route53_resolver_rule", "aws_route53_resolver_rule_association", "aws_route53_resolver_query_log_config",
        "aws_route53_resolver_query_log_config_association", "aws_route53_resolver_dnssec_config",
        "aws_transfer_user", "aws_transfer_ssh_key", "aws_transfer_access", "aws_transfer_tag",
        "aws_globalaccelerator_listener",
        "aws_dx_gateway", "aws_dx_lag", "aws_dx_bgp_peer", "aws_dx_gateway_association_proposal", "aws_dx_private_virtual_interface",
        "aws_dx_public_virtual_interface", "aws_dx_transit_virtual_interface", "aws_dx_hosted_private_virtual_interface",
        "aws_dx_hosted_private_virtual_interface_accepter", "aws_dx_hosted_public_virtual_interface", "aws_dx_hosted_public_virtual_interface_accepter",
        "aws_dx_hosted_transit_virtual_interface", "aws_dx_hosted_transit_virtual_interface_accepter",
    };

    /// <summary>The providers of other clouds: their resources cost money Steward does not price, never "free".</summary>
    private static readonly (string Prefix, string Cloud)[] OtherClouds =
    [
        ("azurerm_", "Azure"), ("azuread_", "Microsoft Entra ID"), ("google_", "Google Cloud"), ("oci_", "Oracle Cloud"), ("ibm_", "IBM Cloud"),
        ("alicloud_", "Alibaba Cloud"), ("digitalocean_", "DigitalOcean"),
    ];

    /// <summary>Resources of Terraform itself and of its utility providers: they create nothing in a cloud.</summary>
    private static readonly string[] NoCloudPrefixes = ["null_", "random_", "time_", "tls_", "local_", "terraform_", "archive_", "external_", "template_"];

    private static Priceable Classify(string type, Props p) => type switch
    {
        _ when type.StartsWith("aws_iam_", StringComparison.Ordinal) => new FreeResource("IAM is free"),
        _ when FreeTypes.Contains(type) => new FreeResource("no charge of its own"),
        "aws_vpc_endpoint" => new FreeResource("gateway endpoints (S3, DynamoDB) are free"),
        "aws_api_gateway_stage" => p.Bool("cache_cluster_enabled") == true
            ? new ApiGatewayCache(p.String("cache_cluster_size") ?? "0.5")
            : new FreeResource("API Gateway charges per request on the API"),
        "aws_ssm_parameter" => p.String("tier") is "Advanced" or "Intelligent-Tiering"
            ? new AdvancedParameter() : new FreeResource("standard parameters are free"),
        "aws_s3_object" or "aws_s3_bucket_object" => new FreeResource("its storage is the bucket's (give it in the bucket's usage)"),
        _ when OtherClouds.FirstOrDefault(c => type.StartsWith(c.Prefix, StringComparison.Ordinal)) is { Cloud: { } cloud } =>
            new UnpricedResource($"not supported: {(cloud[0] is 'A' or 'E' or 'I' or 'O' ? "an" : "a")} {cloud} resource, and Steward prices AWS only"),
        _ when NoCloudPrefixes.Any(n => type.StartsWith(n, StringComparison.Ordinal)) => new FreeResource("creates nothing in a cloud (a Terraform utility)"),
        _ when !type.StartsWith("aws_", StringComparison.Ordinal) => new UnpricedResource($"not supported: {type} is not an AWS resource, and Steward prices AWS only"),
        _ => new UnpricedResource($"{type} is not priced yet"),
    };
}
