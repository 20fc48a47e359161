namespace Steward.Changes.Terraform;

/// <summary>
/// A Terraform AWS resource's planned attributes read into what decides its price, with the AWS provider's defaults where
/// an attribute is absent (an EBS volume is gp2, a DynamoDB table PROVISIONED, a Lambda function 128 MB x86_64).
/// </summary>
public static partial class TerraformResources
{
    /// <param name="referenced">A resource this one references by type (an instance's <c>aws_launch_template</c>).</param>
    /// <param name="volumesOfTheirOwn">The ids of the plan's <c>aws_ebs_volume</c>s: an instance lists a volume attached to it
    /// (by <c>aws_volume_attachment</c>) among its <c>ebs_block_device</c>s too, and it is priced once, as the volume.</param>
    public static Priceable Read(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string>? volumesOfTheirOwn = null)
    {
        var volumes = volumesOfTheirOwn ?? new HashSet<string>();
        // One switch a service (TerraformResources.<Service>.cs), as the priced kinds are foldered; then what is free or not priced.
        return Compute(type, p, referenced, volumes) ?? Storage(type, p, referenced, volumes) ?? Databases(type, p, referenced, volumes)
            ?? Networking(type, p, referenced, volumes) ?? Integration(type, p, referenced, volumes) ?? Management(type, p, referenced, volumes)
            ?? Classify(type, p);
    }

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
        "aws_waf_ipset", "aws_waf_rule", "aws_waf_rate_based_rule", "aws_waf_rule_group", "aws_waf_byte_match_set",
        "aws_waf_sql_injection_match_set", "aws_waf_xss_match_set", "aws_waf_size_constraint_set",
        "aws_waf_geo_match_set", "aws_waf_regex_match_set", "aws_waf_regex_pattern_set", "aws_wafregional_ipset",
        "aws_wafregional_rule", "aws_wafregional_rate_based_rule", "aws_wafregional_rule_group",
        "aws_wafregional_byte_match_set", "aws_wafregional_sql_injection_match_set", "aws_wafregional_xss_match_set",
        "aws_wafregional_size_constraint_set", "aws_wafregional_geo_match_set", "aws_wafregional_regex_match_set",
        "aws_wafregional_regex_pattern_set", "aws_wafregional_web_acl_association",
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
