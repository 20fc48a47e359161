namespace Steward.Changes.CloudFormation;

public static partial class CloudFormationResources
{
    /// <summary>The template types of EC2, Auto Scaling, EKS, ECS, Lambda and SAM functions, App Runner, Lightsail and CodeBuild; null for a type of another service.</summary>
    private static Priceable? Compute(string type, Props p, Reading c) => type switch
    {
        "AWS::Serverless::Function" => SamFunction(p, c.ImplicitApis, c.SamAliases),
        "AWS::EKS::FargateProfile" => new FargateProfile(),
        "AWS::EC2::Host" => DedicatedHost.Of(p.String("InstanceFamily"), p.String("InstanceType")),
        "AWS::CodeBuild::Project" => new CodeBuildProject(p.String("Environment.ComputeType") ?? "", (p.String("Environment.Type") ?? "").StartsWith("WINDOWS", StringComparison.Ordinal)),
        "AWS::Lambda::Version" or "AWS::Lambda::Alias" when p.Number("ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions") is { } executions =>
            ProvisionedFor(executions, Referenced(p, "FunctionName", "AWS::Lambda::Function", c.Raw, c.Resolver, c.Warnings)
                ?? Referenced(p, "FunctionName", "AWS::Serverless::Function", c.Raw, c.Resolver, c.Warnings), 128),
        "AWS::Lambda::Function" => Lambda(p, defaultMemory: 128),
        "AWS::EC2::Instance" => Instance(p, LaunchTemplateData(p.Child("LaunchTemplate"), c.Raw, c.Resolver, c.Resource.LogicalId, c.Warnings),
            WindowsImage(c.Resource.Properties.GetValueOrDefault("ImageId"), c.Template)),
        "AWS::AutoScaling::AutoScalingGroup" => AutoScaling(p, c.Raw, c.Resolver, c.Warnings),
        "AWS::EKS::Cluster" => new EksCluster(p.String("Version")),
        "AWS::ECS::Service" => EcsService(p, c.Raw, c.Resolver, c.Warnings),
        "AWS::EKS::Nodegroup" => NodeGroup(p, c.Raw, c.Resolver, c.Warnings),
        "AWS::AppRunner::Service" => new AppRunnerService(
            FargateService.VcpusOf(p.String("InstanceConfiguration.Cpu")) ?? 1, FargateService.GbOf(p.String("InstanceConfiguration.Memory")) ?? 2,
            (int)(Referenced(p, "AutoScalingConfigurationArn", "AWS::AppRunner::AutoScalingConfiguration", c.Raw, c.Resolver, c.Warnings)?.Number("MinSize") ?? 1),
            p.Bool("SourceConfiguration.AutoDeploymentsEnabled") ?? false, p.Has("SourceConfiguration.CodeRepository")),
        "AWS::Lightsail::Instance" => new LightsailInstance(p.String("BundleId") ?? ""),
        _ => null,
    };
}
