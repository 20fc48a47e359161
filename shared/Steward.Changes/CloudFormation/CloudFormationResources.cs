namespace Steward.Changes.CloudFormation;

/// <summary>A resource as its source declares it, with what decides its price.</summary>
public sealed record DeclaredResource(string Name, string Type, Priceable What);

/// <summary>
/// A CloudFormation or SAM template's resources, each read into what decides its price. SAM's types are mapped as the
/// SAM translator expands them (the translator pairs in the fixtures show it): a function's <c>Api</c> and <c>HttpApi</c>
/// events without an API of their own create the implicit <c>ServerlessRestApi</c> and <c>ServerlessHttpApi</c>,
/// <c>Globals</c> apply under each resource's own properties, a <c>SimpleTable</c> is on-demand unless given throughput.
/// </summary>
public static partial class CloudFormationResources
{
    /// <summary>Defaults that CloudFormation or SAM apply when a property is absent.</summary>
    private const decimal SamDefaultMemoryMb = 128, DefaultEphemeralMb = 512;

    /// <summary>What reading one resource needs besides its own properties: its template, the other resources, the resolver,
    /// where warnings go, and the resources SAM adds beside it (implicit APIs, the aliases provisioned concurrency is on).</summary>
    private sealed record Reading(CloudFormationTemplate Template, TemplateResource Resource, IReadOnlyDictionary<string, TemplateResource> Raw,
        TemplateResolver Resolver, ICollection<string> Warnings, ISet<string> ImplicitApis, ICollection<DeclaredResource> SamAliases);

    public static IReadOnlyList<DeclaredResource> Read(CloudFormationTemplate template, IReadOnlyDictionary<string, string> parameters, string region, ICollection<string> warnings)
    {
        var resolver = new TemplateResolver(template, parameters, new EstimateFacts(region, warnings));
        foreach (var macro in Transforms(template))
            if (macro switch
            {
                "AWS::Serverless-2016-10-31" => null,
                "AWS::LanguageExtensions" => null, // expanded: Fn::ForEach when the template is read, Fn::Length and Fn::ToJsonString by the resolver
                "AWS::Include" => "Transform AWS::Include inserts snippets from S3 at deployment: they are not read, so what they declare is not priced",
                _ => $"Transform {macro} is a macro of the account that deploys the template: it is not run here, so the resources are priced as written, before the macro changes them",
            } is { } unexpanded) warnings.Add(unexpanded);
        var globals = template.Section("Globals");
        var raw = template.Resources.ToDictionary(r => r.LogicalId);
        var result = new List<DeclaredResource>();
        var implicitApis = new SortedSet<string>(StringComparer.Ordinal);
        var samAliases = new List<DeclaredResource>();

        Props PropsOf(TemplateResource r, string? globalsSection = null)
        {
            var own = resolver.Resolve(r.Properties) as Dictionary<string, object?> ?? [];
            if (globalsSection is not null && globals.GetValueOrDefault(globalsSection) is Dictionary<string, object?> g)
                foreach (var (k, v) in (Dictionary<string, object?>)resolver.Resolve(g)!)
                    own.TryAdd(k, v);
            return new Props(own, r.LogicalId, warnings);
        }

        foreach (var r in template.Resources)
        {
            if (r.Condition is { } condition && !resolver.Condition(condition)) continue;
            var p = PropsOf(r, r.Type == "AWS::Serverless::Function" ? "Function" : null);
            var c = new Reading(template, r, raw, resolver, warnings, implicitApis, samAliases);
            // One switch a service (CloudFormationResources.<Service>.cs), as the priced kinds are foldered; then what is free or not priced.
            var what = Compute(r.Type, p, c) ?? Storage(r.Type, p, c) ?? Databases(r.Type, p, c) ?? Networking(r.Type, p, c)
                ?? Integration(r.Type, p, c) ?? Management(r.Type, p, c) ?? Classify(r.Type);
            result.Add(new DeclaredResource(r.LogicalId, r.Type, what));
        }
        // SAM creates one implicit API of each kind for all the functions' events that name none.
        result.AddRange(samAliases.Where(a => !raw.ContainsKey(a.Name)));
        foreach (var api in implicitApis.Where(a => !raw.ContainsKey(a)))
            result.Add(new DeclaredResource(api, api == "ServerlessHttpApi" ? "AWS::Serverless::HttpApi" : "AWS::Serverless::Api", new ApiGateway(api == "ServerlessHttpApi")));
        return result;
    }

    /// <summary>The template's <c>Transform</c> (one name, or a list of names and <c>{Name: …}</c> forms).</summary>
    private static IEnumerable<string> Transforms(CloudFormationTemplate template) => template.Root.GetValueOrDefault("Transform") switch
    {
        string one => [one],
        List<object?> many => many.Select(t => t switch { string s => s, Dictionary<string, object?> d => d.GetValueOrDefault("Name") as string ?? "", _ => "" }).Where(t => t.Length > 0),
        Dictionary<string, object?> d when d.GetValueOrDefault("Name") is string name => [name],
        _ => [],
    };

    /// <param name="aliases">Where a function with <c>ProvisionedConcurrencyConfig</c> adds the alias SAM creates for it
    /// (<c>&lt;Function&gt;Alias&lt;AutoPublishAlias&gt;</c>, as SAM names it), which carries the provisioned concurrency.</param>
    private static Priceable SamFunction(Props p, ISet<string> implicitApis, ICollection<DeclaredResource> aliases)
    {
        if (p.Number("ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions") is { } executions)
            aliases.Add(new DeclaredResource($"{p.Owner}Alias{p.String("AutoPublishAlias") ?? "live"}", "AWS::Lambda::Alias",
                new ProvisionedConcurrency(executions, p.Number("MemorySize") ?? SamDefaultMemoryMb, p.Strings("Architectures").FirstOrDefault() == "arm64")));
        foreach (var e in (p.Get("Events") as Dictionary<string, object?> ?? []).Values.OfType<Dictionary<string, object?>>())
        {
            var type = e.GetValueOrDefault("Type") as string;
            var props = e.GetValueOrDefault("Properties") as Dictionary<string, object?> ?? [];
            if (type == "Api" && !props.ContainsKey("RestApiId")) implicitApis.Add("ServerlessRestApi");
            if (type == "HttpApi" && !props.ContainsKey("ApiId")) implicitApis.Add("ServerlessHttpApi");
        }
        return Lambda(p, SamDefaultMemoryMb);
    }

    /// <summary>The parameters a parent passes, as the text a template parameter takes (a list joined by commas); those it
    /// computes at deploy time (another stack's outputs, an attribute) are left to the child's defaults.</summary>
    private static IReadOnlyDictionary<string, string> TextParameters(Props p, ICollection<string> warnings)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        if (p.Get("Parameters") is not IReadOnlyDictionary<string, object?> given) return text;
        var later = new List<string>();
        foreach (var (name, value) in given)
            switch (value)
            {
                case string s: text[name] = s; break;
                case bool b: text[name] = b ? "true" : "false"; break;
                case decimal or int or long or double: text[name] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!; break;
                case List<object?> list when list.All(i => i is string): text[name] = string.Join(",", list.Cast<string>()); break;
                default: later.Add(name); break;
            }
        if (later.Count > 0)
            warnings.Add($"{p.Owner}: {(later.Count == 1 ? "parameter" : "parameters")} {string.Join(", ", later)} {(later.Count == 1 ? "is" : "are")} known only at deploy time (another resource's attribute or output): its template's defaults are used");
        return text;
    }

    /// <summary>A version's or alias's provisioned concurrency, sized by its function's memory where the function is in this template.</summary>
    private static Priceable ProvisionedFor(decimal executions, Props? function, decimal defaultMemory) =>
        new ProvisionedConcurrency(executions, function is null ? null : function.Number("MemorySize") ?? defaultMemory,
            function?.Strings("Architectures").FirstOrDefault() == "arm64");

    private static Priceable Lambda(Props p, decimal defaultMemory) =>
        new LambdaFunction(p.Number("MemorySize") ?? defaultMemory, p.Strings("Architectures").FirstOrDefault() ?? "x86_64",
            p.Number("EphemeralStorage.Size") ?? DefaultEphemeralMb);

    /// <summary>CloudFormation's default billing mode is PROVISIONED (SAM's SimpleTable's is on-demand).</summary>
    /// <remarks>A provisioned table's global secondary indexes have throughput of their own, billed as the table's is.</remarks>
    private static Priceable DynamoDb(Props p) => p.String("BillingMode") == "PAY_PER_REQUEST"
        ? new DynamoDbTable(true, 0, 0)
        : new DynamoDbTable(false,
            (p.Number("ProvisionedThroughput.WriteCapacityUnits") ?? 0) + p.List("GlobalSecondaryIndexes").Sum(i => i.Number("ProvisionedThroughput.WriteCapacityUnits") ?? 0),
            (p.Number("ProvisionedThroughput.ReadCapacityUnits") ?? 0) + p.List("GlobalSecondaryIndexes").Sum(i => i.Number("ProvisionedThroughput.ReadCapacityUnits") ?? 0));

    private static Priceable Alarm(Props p)
    {
        var metrics = p.List("Metrics").Count(m => m.Has("MetricStat"));
        return new MetricAlarm((p.Number("Period") ?? 60) < 60, Math.Max(1, metrics));
    }

    /// <param name="source">A read replica's source instance, when it is in this template: the replica takes its class, engine and storage where it does not state its own.</param>
    /// <param name="cluster">An Aurora instance's cluster, when it is in this template: its engine version (for Extended Support) is the cluster's.</param>
    private static Priceable Rds(Props own, Props? source, Props? cluster)
    {
        Props p = source is null ? own : new(Overlay(source, own), own.Owner, []);
        // An Aurora cluster's instance stores nothing of its own ("aurora" is RDS's storage type for it): the cluster's volume is.
        if (own.Has("DBClusterIdentifier") && (p.String("Engine") ?? "").StartsWith("aurora", StringComparison.OrdinalIgnoreCase))
            return new RdsInstance(p.String("DBInstanceClass") ?? "", p.String("Engine")!, p.String("EngineVersion") ?? cluster?.String("EngineVersion"), false, "aurora", 0, null);
        var iops = p.Number("Iops") is > 0 and var given ? given : (decimal?)null;
        if (p.String("StorageType") is null)
            own.Assume($"StorageType is not set: priced as {(iops is null ? "gp2" : "io1")}, CloudFormation's default{(iops is null ? "" : " with Iops")}");
        return new RdsInstance(p.String("DBInstanceClass") ?? "", p.String("Engine") ?? "mysql", p.String("EngineVersion"),
            own.Bool("MultiAZ") == true, p.String("StorageType") ?? (iops is null ? "gp2" : "io1"), p.Number("AllocatedStorage") ?? 20, iops)
        { ManagedSecret = own.Bool("ManageMasterUserPassword") == true };
    }

    /// <summary>The replica's own properties over its source's (the ones a replica inherits: class, engine, storage).</summary>
    private static Dictionary<string, object?> Overlay(Props source, Props own)
    {
        var merged = new Dictionary<string, object?>();
        foreach (var key in new[] { "DBInstanceClass", "Engine", "EngineVersion", "StorageType", "AllocatedStorage", "Iops" })
            merged[key] = own.Get(key) ?? source.Get(key);
        return merged;
    }

    /// <summary>
    /// An EC2 instance: its own properties over its launch template's (or an Auto Scaling group's launch configuration's,
    /// whose names differ). The root volume is the mapping on a root device name (/dev/xvda, /dev/sda1); without one the
    /// AMI's size stands, which a template does not state: 8 GB gp2 is assumed, and said.
    /// </summary>
    /// <summary>
    /// Whether an instance's image is one of AWS's public Windows images, named by its SSM parameter
    /// (<c>/aws/service/ami-windows-latest/…</c>), as a parameter's default or a <c>{{resolve:ssm:…}}</c> reference: the
    /// one place a template says its OS. Any other image is priced as Linux, and said.
    /// </summary>
    private static bool WindowsImage(object? imageId, CloudFormationTemplate template)
    {
        var named = imageId switch
        {
            Dictionary<string, object?> { Count: 1 } d when d.GetValueOrDefault("Ref") is string parameter =>
                (template.Section("Parameters").GetValueOrDefault(parameter) as Dictionary<string, object?>)?.GetValueOrDefault("Default") as string,
            string text => text,
            _ => null,
        };
        return named?.Contains("/aws/service/ami-windows-latest/", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static Priceable Instance(Props own, Props? launch, bool windows = false)
    {
        var type = own.String("InstanceType") ?? launch?.String("InstanceType");
        if (type is null) return new UnpricedResource("InstanceType is not known before deployment");
        var mappings = own.List("BlockDeviceMappings") is { Count: > 0 } m ? m : launch?.List("BlockDeviceMappings") ?? [];
        var volumes = mappings.Where(v => v.Has("Ebs")).Select(v => (Device: v.String("DeviceName") ?? "", Volume: new Volume(
            v.String("Ebs.VolumeType") ?? "gp2", v.Number("Ebs.VolumeSize") ?? 8, v.Number("Ebs.Iops"), v.Number("Ebs.Throughput")))).ToList();
        var root = volumes.FirstOrDefault(v => v.Device is "/dev/xvda" or "/dev/sda1");
        var interfaces = own.List("NetworkInterfaces") is { Count: > 0 } n ? n : launch?.List("NetworkInterfaces") ?? [];
        return new Ec2Instance(type,
            own.String("Tenancy") ?? launch?.String("Placement.Tenancy") ?? launch?.String("PlacementTenancy") ?? "default", Windows: windows,
            root.Volume ?? new Volume("gp2", 8), root.Volume is null,
            volumes.Where(v => v != root).Select(v => v.Volume).ToList(),
            own.Bool("Monitoring") ?? launch?.Bool("Monitoring.Enabled") ?? launch?.Bool("InstanceMonitoring") ?? false,
            own.String("CreditSpecification.CPUCredits") ?? launch?.String("CreditSpecification.CpuCredits"),
            interfaces.Any(i => i.Bool("AssociatePublicIpAddress") == true) || launch?.Bool("AssociatePublicIpAddress") == true);
    }

    /// <summary>An Aurora cluster (Serverless v1 by its engine mode); its backups are kept a day unless it says otherwise.</summary>
    internal static AuroraCluster Aurora(string engine, string? mode, string? storageType, decimal? retentionDays) => new(
        storageType == "aurora-iopt1", mode == "serverless",
        Backtrack: mode != "serverless" && !engine.Contains("postgresql", StringComparison.OrdinalIgnoreCase), retentionDays ?? 1);

    /// <summary>
    /// A search domain: its cluster configuration's instances (one unless counted; three dedicated masters when they are
    /// on and uncounted) and, when EBS is enabled, a volume on each data node (gp2 and 10 GB unless given).
    /// </summary>
    private static Priceable SearchDomain(Props p, string cluster)
    {
        if (p.String($"{cluster}.InstanceType") is not { } instanceType)
            return new UnpricedResource($"{cluster}.InstanceType is not set: the domain's instance type is not known");
        var ebs = p.Bool("EBSOptions.EBSEnabled") == true
            ? new SearchDomain.Volume(p.String("EBSOptions.VolumeType") ?? "gp2", p.Number("EBSOptions.VolumeSize") ?? 10, p.Number("EBSOptions.Iops"), p.Number("EBSOptions.Throughput"))
            : null;
        if (p.Bool($"{cluster}.DedicatedMasterEnabled") == true && p.Number($"{cluster}.DedicatedMasterCount") is null)
            p.Assume($"{cluster}.DedicatedMasterCount is not set: priced as three dedicated masters, AWS's recommended count (as Infracost)");
        return new SearchDomain(instanceType, (int)(p.Number($"{cluster}.InstanceCount") ?? 1), ebs,
            p.Bool($"{cluster}.DedicatedMasterEnabled") == true ? p.String($"{cluster}.DedicatedMasterType") ?? instanceType : null,
            (int)(p.Number($"{cluster}.DedicatedMasterCount") ?? 3),
            p.Bool($"{cluster}.WarmEnabled") == true ? p.String($"{cluster}.WarmType") : null, (int)(p.Number($"{cluster}.WarmCount") ?? 0));
    }

    /// <summary>The resource of <paramref name="type"/> a property names (by <c>Ref</c> or <c>Fn::GetAtt</c>), when it is in this template.</summary>
    private static Props? Referenced(Props p, string property, string type, IReadOnlyDictionary<string, TemplateResource> raw, TemplateResolver resolver, ICollection<string> warnings) =>
        p.Reference(property) is { } r && raw.TryGetValue(r.Name, out var target) && target.Type == type
            ? new Props(resolver.Resolve(target.Properties) as Dictionary<string, object?> ?? [], p.Owner, warnings) : null;

    /// <summary>
    /// An ECS service: on Fargate (its launch type, or a FARGATE capacity provider, its own or its cluster's default) its
    /// tasks' vCPU and memory from its task definition; on EC2 or external instances nothing of its own. A service without
    /// either runs on EC2 unless its cluster's default strategy says otherwise.
    /// </summary>
    private static Priceable EcsService(Props p, IReadOnlyDictionary<string, TemplateResource> raw, TemplateResolver resolver, ICollection<string> warnings)
    {
        var strategy = p.List("CapacityProviderStrategy") is { Count: > 0 } own ? own
            : p.Has("LaunchType") ? [] : Referenced(p, "Cluster", "AWS::ECS::Cluster", raw, resolver, warnings)?.List("DefaultCapacityProviderStrategy") ?? [];
        var providers = strategy.Select(s => s.String("CapacityProvider") ?? "").ToList();
        var fargate = p.String("LaunchType") == "FARGATE" || providers.Any(c => c.StartsWith("FARGATE", StringComparison.Ordinal));
        if (!fargate) return new FreeResource("runs on the cluster's EC2 (or external) instances, which are priced as what they are");
        var task = Referenced(p, "TaskDefinition", "AWS::ECS::TaskDefinition", raw, resolver, warnings);
        if (task is null) return new UnpricedResource("its task definition is not in this template: its vCPU and memory are not known");
        if (FargateService.VcpusOf(task.String("Cpu")) is not { } cpu || FargateService.GbOf(task.String("Memory")) is not { } memory)
            return new UnpricedResource("its task definition's Cpu and Memory are not known before deployment");
        if (providers.Contains("FARGATE_SPOT")) p.Assume("FARGATE_SPOT tasks are priced at Fargate's on-demand rates (Spot is up to 70% less, and varies)");
        // CloudFormation's DesiredCount is 1 when not given (for a REPLICA service).
        return new FargateService(cpu, memory, (int)(p.Number("DesiredCount") ?? 1),
            task.String("RuntimePlatform.CpuArchitecture") == "ARM64", (task.String("RuntimePlatform.OperatingSystemFamily") ?? "LINUX").StartsWith("WINDOWS", StringComparison.Ordinal));
    }

    /// <summary>
    /// An EKS managed node group: its desired size of instances of its first instance type (EKS's default t3.medium), with
    /// its launch template's devices, or a root volume of its DiskSize (20 GB gp2 by default) without one.
    /// </summary>
    private static Priceable NodeGroup(Props p, IReadOnlyDictionary<string, TemplateResource> raw, TemplateResolver resolver, ICollection<string> warnings)
    {
        var launch = p.Child("LaunchTemplate") is { } reference ? LaunchTemplateData(reference, raw, resolver, p.Owner, warnings) : null;
        var type = p.Strings("InstanceTypes").FirstOrDefault() ?? launch?.String("InstanceType") ?? "t3.medium";
        var own = new Dictionary<string, object?> { ["InstanceType"] = type };
        if (launch is null)
            own["BlockDeviceMappings"] = new List<object?> { new Dictionary<string, object?> { ["DeviceName"] = "/dev/xvda",
                ["Ebs"] = new Dictionary<string, object?> { ["VolumeSize"] = p.Number("DiskSize") ?? 20, ["VolumeType"] = "gp2" } } };
        if (p.String("CapacityType") == "SPOT") p.Assume("SPOT node groups are priced at on-demand rates (Spot varies, and is up to 90% less)");
        var windows = (p.String("AmiType") ?? "").StartsWith("WINDOWS", StringComparison.Ordinal);
        // EKS's scaling default: a desired size of 2.
        return Instance(new Props(own, p.Owner, warnings), launch, windows) switch
        {
            Ec2Instance i => new EksNodeGroup(i, (int)(p.Number("ScalingConfig.DesiredSize") ?? 2)),
            var other => other,
        };
    }

    /// <summary>
    /// A replication group's nodes: with shards, each shard's primary and replicas; without, its NumCacheClusters (or its
    /// node groups' configuration).
    /// </summary>
    private static Priceable ReplicationGroup(Props p)
    {
        var shards = p.List("NodeGroupConfiguration");
        var (nodes, from) = p.Number("NumNodeGroups") is { } groups
            ? ((int)(groups * (1 + (p.Number("ReplicasPerNodeGroup") ?? 1))), "its shards (NumNodeGroups), each a primary and its replicas")
            : p.Number("NumCacheClusters") is { } clusters ? ((int)clusters, "its NumCacheClusters")
            : shards.Count > 0 ? (shards.Sum(s => 1 + (int)(s.Number("ReplicaCount") ?? 0)), "its node groups' primaries and replicas")
            : (1, "one node (NumCacheClusters not given)");
        return new CacheNodes(p.String("CacheNodeType") ?? "", nodes, from, p.Number("SnapshotRetentionLimit") is > 0);
    }

    /// <summary>
    /// The <c>LaunchTemplateData</c> of the template a <c>LaunchTemplate</c> property points at, when it is in this
    /// template: EC2 and Auto Scaling name it <c>LaunchTemplateId</c> or <c>LaunchTemplateName</c>, an EKS node group
    /// (<c>LaunchTemplateSpecification</c>) <c>Id</c> or <c>Name</c>.
    /// </summary>
    private static Props? LaunchTemplateData(Props? reference, IReadOnlyDictionary<string, TemplateResource> raw, TemplateResolver resolver, string owner, ICollection<string> warnings)
    {
        if (reference is null) return null;
        var name = (reference.Reference("LaunchTemplateId") ?? reference.Reference("LaunchTemplateName") ?? reference.Reference("Id") ?? reference.Reference("Name"))?.Name;
        if (name is null || !raw.TryGetValue(name, out var lt) || lt.Type != "AWS::EC2::LaunchTemplate")
        {
            warnings.Add($"{owner}: its launch template is not in this template; priced from its own properties only");
            return null;
        }
        var data = resolver.Resolve(lt.Properties) as Dictionary<string, object?>;
        return new Props(data?.GetValueOrDefault("LaunchTemplateData") as Dictionary<string, object?> ?? [], owner, warnings);
    }

    private static Priceable AutoScaling(Props p, IReadOnlyDictionary<string, TemplateResource> raw, TemplateResolver resolver, ICollection<string> warnings)
    {
        var (count, from) = p.Number("DesiredCapacity") is { } desired ? ((int)desired, "desired capacity") : ((int)(p.Number("MinSize") ?? 0), "minimum size");
        var reference = p.Child("LaunchTemplate") ?? p.Child("MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification");
        var launch = reference is not null ? LaunchTemplateData(reference, raw, resolver, p.Owner, warnings)
            : p.Reference("LaunchConfigurationName") is { } lc && raw.TryGetValue(lc.Name, out var config)
                ? new Props(resolver.Resolve(config.Properties) as Dictionary<string, object?> ?? [], p.Owner, warnings) : null;
        if (launch is null) return new UnpricedResource("its launch template or configuration is not in this template");
        return Instance(new Props(new Dictionary<string, object?>(), p.Owner, warnings), launch) switch
        {
            Ec2Instance i => new AutoScalingGroup(i, count, from),
            var other => other,
        };
    }

    /// <summary>More types with no charge of their own, by exact name (what they configure is charged elsewhere, or never).</summary>
    /// <summary>An FSx file system by its FileSystemType: Windows and OpenZFS priced (CloudFormation's defaults: SSD, Windows SINGLE_AZ_1).</summary>
    private static Priceable Fsx(Props p)
    {
        var multiAz = (string section) => (p.String($"{section}.DeploymentType") ?? "SINGLE_AZ_1").StartsWith("MULTI_AZ", StringComparison.Ordinal);
        return (p.String("FileSystemType") ?? "").ToUpperInvariant() switch
        {
            "WINDOWS" => new FsxFileSystem("windows", multiAz("WindowsConfiguration"), p.String("StorageType") == "HDD", p.Number("StorageCapacity") ?? 0,
                p.Number("WindowsConfiguration.ThroughputCapacity") ?? 0),
            "OPENZFS" => new FsxFileSystem("openzfs", multiAz("OpenZFSConfiguration"), false, p.Number("StorageCapacity") ?? 0, p.Number("OpenZFSConfiguration.ThroughputCapacity") ?? 0,
                p.String("OpenZFSConfiguration.DiskIopsConfiguration.Mode") == "USER_PROVISIONED" ? p.Number("OpenZFSConfiguration.DiskIopsConfiguration.Iops") : null,
                p.String("OpenZFSConfiguration.RootVolumeConfiguration.DataCompressionType") is { Length: > 0 } c && c != "NONE" ? c : null),
            var other => new UnpricedResource($"FSx for {(other is "" ? "this file system type" : other == "LUSTRE" ? "Lustre" : other == "ONTAP" ? "NetApp ONTAP" : other)} is not priced yet"),
        };
    }

    private static FirehoseDeliveryStream Firehose(Props p)
    {
        var vpc = p.Child("ElasticsearchDestinationConfiguration.VpcConfiguration") ?? p.Child("AmazonopensearchserviceDestinationConfiguration.VpcConfiguration");
        return new FirehoseDeliveryStream(
            p.Has("ExtendedS3DestinationConfiguration.DataFormatConversionConfiguration") && p.Bool("ExtendedS3DestinationConfiguration.DataFormatConversionConfiguration.Enabled") != false,
            vpc is not null, vpc?.Strings("SubnetIds").Count ?? 0);
    }

    private static readonly HashSet<string> FreeTypes = new(StringComparer.Ordinal)
    {
        "AWS::EC2::NetworkAcl", "AWS::EC2::NetworkAclEntry", "AWS::EC2::SubnetNetworkAclAssociation", "AWS::EC2::NetworkInterface",
        "AWS::EC2::NetworkInterfaceAttachment", "AWS::EC2::DHCPOptions", "AWS::EC2::VPCDHCPOptionsAssociation", "AWS::EC2::VPCCidrBlock",
        "AWS::EC2::EgressOnlyInternetGateway", "AWS::EC2::SubnetCidrBlock", "AWS::EC2::PlacementGroup", "AWS::EC2::VPCEndpointServicePermissions",
        "AWS::EC2::SecurityGroupVpcAssociation", "AWS::EC2::LaunchTemplateVersion",
        "AWS::ECS::Cluster", "AWS::ECS::TaskDefinition", "AWS::ECS::ClusterCapacityProviderAssociations", "AWS::ECS::CapacityProvider",
        "AWS::EFS::MountTarget", "AWS::EFS::AccessPoint", "AWS::Logs::QueryDefinition", "AWS::Logs::ResourcePolicy", "AWS::Logs::LogStream",
        "AWS::Logs::MetricFilter", "AWS::CloudFormation::Macro", "AWS::CloudFront::CachePolicy", "AWS::CloudFront::OriginAccessControl",
        "AWS::CloudFront::CloudFrontOriginAccessIdentity", "AWS::CloudFront::OriginRequestPolicy", "AWS::CloudFront::ResponseHeadersPolicy",
        "AWS::AutoScaling::ScalingPolicy", "AWS::AutoScaling::ScheduledAction", "AWS::AutoScaling::LifecycleHook",
        "AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy",
        "AWS::Events::EventBusPolicy", "AWS::IoT::Policy", "AWS::IoT::PolicyPrincipalAttachment",
        "AWS::IoT::ThingPrincipalAttachment", "AWS::IoT::Thing", "AWS::SSM::Association", "AWS::SSM::Document",
        "AWS::ServiceCatalog::TagOption", "AWS::ServiceCatalog::TagOptionAssociation", "AWS::ServiceCatalog::PortfolioProductAssociation",
        "AWS::ServiceCatalog::Portfolio", "AWS::ServiceCatalog::PortfolioPrincipalAssociation", "AWS::ServiceCatalog::LaunchRoleConstraint",
        "AWS::Cognito::UserPoolClient", "AWS::Cognito::UserPoolDomain", "AWS::Cognito::UserPoolGroup", "AWS::Cognito::IdentityPoolRoleAttachment",
        "AWS::DMS::ReplicationSubnetGroup", "AWS::DMS::Endpoint", "AWS::Neptune::DBClusterParameterGroup", "AWS::Neptune::DBParameterGroup",
        "AWS::Neptune::DBSubnetGroup", "AWS::DocDB::DBSubnetGroup", "AWS::DocDB::DBClusterParameterGroup", "AWS::ElastiCache::SubnetGroup",
        "AWS::ElastiCache::ParameterGroup", "AWS::RDS::OptionGroup", "AWS::RDS::DBSecurityGroup", "AWS::Lambda::Url", "AWS::Lambda::EventInvokeConfig",
        "AWS::SecretsManager::SecretTargetAttachment", "AWS::SecretsManager::ResourcePolicy", "AWS::SecretsManager::RotationSchedule",
        "AWS::ApiGateway::BasePathMapping", "AWS::ApiGateway::DomainName", "AWS::ApiGateway::GatewayResponse",
        "AWS::ApiGatewayV2::ApiMapping", "AWS::ApiGatewayV2::DomainName", "AWS::ApiGatewayV2::VpcLink", "AWS::ApiGatewayV2::RouteResponse",
        "AWS::ApiGatewayV2::IntegrationResponse", "AWS::ApiGateway::DocumentationPart", "AWS::CertificateManager::Certificate",
        "AWS::ElasticLoadBalancingV2::ListenerCertificate", "AWS::Route53::RecordSetGroup", "AWS::CodeStarConnections::Connection",
        // Configuration and attachments whose charges are the resource's they configure (what was left "not priced yet"
        // on the pinned public templates): an EC2 Instance Connect endpoint (no charge; the instances are priced), a CA's
        // activation and permissions (the CA is priced), an MSK cluster's configuration and SCRAM secrets (the secret is
        // a Secrets Manager secret, priced), a proxy's target group (the proxy is not), a DMS task (it runs on its
        // replication instance), a web ACL's association (the ACL is priced), a broker's configuration, a MemoryDB subnet
        // group, a Glue schema registry and its schemas (free, as AWS's Glue pricing says), Config's delivery channel (its
        // recorder and rules are what is billed), an API Gateway client certificate, and a VPC endpoint service (its
        // consumers pay for their endpoints; its load balancer is priced).
        "AWS::EC2::InstanceConnectEndpoint", "AWS::ACMPCA::CertificateAuthorityActivation", "AWS::ACMPCA::Permission",
        "AWS::MSK::Configuration", "AWS::MSK::BatchScramSecret", "AWS::RDS::DBProxyTargetGroup", "AWS::DMS::ReplicationTask",
        "AWS::WAFv2::WebACLAssociation", "AWS::AmazonMQ::Configuration", "AWS::MemoryDB::SubnetGroup", "AWS::Glue::Registry",
        "AWS::Glue::Schema", "AWS::Scheduler::ScheduleGroup", "AWS::Config::DeliveryChannel", "AWS::ApiGateway::ClientCertificate",
        "AWS::EC2::VPCEndpointService",
        // An AppSync API's parts: its operations are priced on the API.
        "AWS::AppSync::Resolver", "AWS::AppSync::DataSource", "AWS::AppSync::FunctionConfiguration", "AWS::AppSync::GraphQLSchema",
        "AWS::AppSync::ApiKey", "AWS::AppSync::DomainName", "AWS::AppSync::DomainNameApiAssociation", "AWS::AppSync::SourceApiAssociation",
        // An OpenSearch Serverless collection's policies: the collection's capacity is what is billed.
        "AWS::OpenSearchServerless::SecurityPolicy", "AWS::OpenSearchServerless::AccessPolicy", "AWS::OpenSearchServerless::LifecyclePolicy",
        // WAF Classic's conditions and rules: charged through the web ACLs that activate them.
        "AWS::WAF::IPSet", "AWS::WAF::Rule", "AWS::WAF::RateBasedRule", "AWS::WAF::ByteMatchSet", "AWS::WAF::SqlInjectionMatchSet",
        "AWS::WAF::XssMatchSet", "AWS::WAF::SizeConstraintSet", "AWS::WAF::GeoMatchSet", "AWS::WAF::RegexPatternSet",
        "AWS::WAFRegional::IPSet", "AWS::WAFRegional::Rule", "AWS::WAFRegional::RateBasedRule", "AWS::WAFRegional::ByteMatchSet",
        "AWS::WAFRegional::SqlInjectionMatchSet", "AWS::WAFRegional::XssMatchSet", "AWS::WAFRegional::SizeConstraintSet",
        "AWS::WAFRegional::GeoMatchSet", "AWS::WAFRegional::RegexPatternSet", "AWS::WAFRegional::WebACLAssociation",
        // The network around priced connections: gateways, routes, route tables, rules, policies, users, listeners,
        // interfaces; the connections, attachments, endpoints and firewalls they serve are what is billed.
        "AWS::EC2::CustomerGateway", "AWS::EC2::VPNGateway", "AWS::EC2::VPNGatewayRoutePropagation", "AWS::EC2::VPNConnectionRoute",
        "AWS::EC2::TransitGateway", "AWS::EC2::TransitGatewayRoute", "AWS::EC2::TransitGatewayRouteTable",
        "AWS::EC2::TransitGatewayRouteTableAssociation", "AWS::EC2::TransitGatewayRouteTablePropagation",
        "AWS::EC2::ClientVpnAuthorizationRule", "AWS::EC2::ClientVpnRoute",
        "AWS::NetworkFirewall::FirewallPolicy", "AWS::NetworkFirewall::RuleGroup", "AWS::NetworkFirewall::LoggingConfiguration",
        "AWS::Route53Resolver::ResolverRule", "AWS::Route53Resolver::ResolverRuleAssociation", "AWS::Route53Resolver::ResolverQueryLoggingConfig",
        "AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation", "AWS::Route53Resolver::ResolverDNSSECConfig",
        "AWS::Transfer::User", "AWS::GlobalAccelerator::Listener",
        "AWS::DirectConnect::DirectConnectGateway", "AWS::DirectConnect::Lag", "AWS::DirectConnect::PrivateVirtualInterface",
        "AWS::DirectConnect::PublicVirtualInterface", "AWS::DirectConnect::TransitVirtualInterface",
    };

    /// <summary>Types that cost nothing in themselves, or that are priced through another resource.</summary>
    private static Priceable Classify(string type) => type switch
    {
        _ when type.StartsWith("AWS::IAM::", StringComparison.Ordinal) => new FreeResource("IAM is free"),
        "AWS::EC2::LaunchTemplate" or "AWS::AutoScaling::LaunchConfiguration" => new FreeResource("priced through the instances that use it"),
        "AWS::EC2::SecurityGroup" or "AWS::EC2::SecurityGroupIngress" or "AWS::EC2::SecurityGroupEgress" or "AWS::EC2::VPC" or "AWS::EC2::Subnet"
            or "AWS::EC2::RouteTable" or "AWS::EC2::Route" or "AWS::EC2::InternetGateway" or "AWS::EC2::VPCGatewayAttachment"
            or "AWS::EC2::SubnetRouteTableAssociation" or "AWS::EC2::EIPAssociation" or "AWS::EC2::VolumeAttachment" or "AWS::EC2::KeyPair"
            => new FreeResource("no charge of its own"),
        "AWS::Lambda::Permission" or "AWS::Lambda::Version" or "AWS::Lambda::Alias" or "AWS::Lambda::EventSourceMapping" or "AWS::Lambda::LayerVersion"
            or "AWS::Serverless::LayerVersion" or "AWS::Serverless::Connector" => new FreeResource("no charge of its own"),
        "AWS::S3::BucketPolicy" or "AWS::SQS::QueuePolicy" or "AWS::SNS::TopicPolicy" or "AWS::SNS::Subscription" or "AWS::KMS::Alias"
            => new FreeResource("no charge of its own (usage is charged on the resource it belongs to)"),
        "AWS::Events::Rule" => new FreeResource("rules are free; AWS service events are delivered free"),
        "AWS::SSM::Parameter" => new FreeResource("standard parameters are free"),
        "AWS::ApiGateway::Deployment" or "AWS::ApiGateway::Stage" or "AWS::ApiGateway::Resource" or "AWS::ApiGateway::Method"
            or "AWS::ApiGateway::Account" or "AWS::ApiGateway::Model" or "AWS::ApiGateway::RequestValidator" or "AWS::ApiGateway::Authorizer"
            or "AWS::ApiGateway::UsagePlan" or "AWS::ApiGateway::ApiKey" or "AWS::ApiGateway::UsagePlanKey"
            or "AWS::ApiGatewayV2::Stage" or "AWS::ApiGatewayV2::Route" or "AWS::ApiGatewayV2::Integration" or "AWS::ApiGatewayV2::Deployment"
            or "AWS::ApiGatewayV2::Authorizer" => new FreeResource("API Gateway charges per request on the API"),
        "AWS::ElasticLoadBalancingV2::Listener" or "AWS::ElasticLoadBalancingV2::TargetGroup" or "AWS::ElasticLoadBalancingV2::ListenerRule"
            => new FreeResource("charged through the load balancer's hours and LCUs"),
        "AWS::RDS::DBSubnetGroup" or "AWS::RDS::DBParameterGroup" or "AWS::RDS::DBClusterParameterGroup" or "AWS::Logs::SubscriptionFilter"
            or "AWS::CloudFormation::WaitCondition" or "AWS::CloudFormation::WaitConditionHandle" or "AWS::CloudFormation::Interface"
            => new FreeResource("no charge of its own"),
        _ when FreeTypes.Contains(type) => new FreeResource("no charge of its own (what it configures is charged on the resource it belongs to)"),
        _ when type.StartsWith("Custom::", StringComparison.Ordinal) || type == "AWS::CloudFormation::CustomResource"
            => new FreeResource("a custom resource: what runs it (its Lambda function or SNS topic) is priced, and what it creates is not known here"),
        _ when type.Contains('/') || type.EndsWith(".yml", StringComparison.Ordinal) || type.EndsWith(".yaml", StringComparison.Ordinal)
            => new UnpricedResource($"not supported: a Rain module ({type}); price the template `rain pkg` writes"),
        _ => new UnpricedResource($"{type} is not priced yet"),
    };
}
