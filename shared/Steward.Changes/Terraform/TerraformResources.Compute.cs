namespace Steward.Changes.Terraform;

public static partial class TerraformResources
{
    /// <summary>The plan types of EC2, Auto Scaling, EKS, ECS, Lambda, App Runner, Lightsail and CodeBuild; null for a type of another service.</summary>
    private static Priceable? Compute(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string> volumesOfTheirOwn) => type switch
    {
        "aws_instance" => Instance(p, referenced("aws_launch_template"), volumesOfTheirOwn),
        "aws_autoscaling_group" => AutoScaling(p, referenced),
        "aws_eks_cluster" => new EksCluster(p.String("version")),
        "aws_ecs_service" => EcsService(p, referenced),
        "aws_eks_node_group" => NodeGroup(p, referenced),
        "aws_apprunner_service" => new AppRunnerService(
            FargateService.VcpusOf(p.String("instance_configuration.0.cpu")) ?? 1, FargateService.GbOf(p.String("instance_configuration.0.memory")) ?? 2,
            (int)(referenced("aws_apprunner_auto_scaling_configuration_version")?.Number("min_size") ?? 1),
            p.Bool("source_configuration.0.auto_deployments_enabled") ?? false, p.Has("source_configuration.0.code_repository.0.repository_url")),
        "aws_lambda_function" => new LambdaFunction(p.Number("memory_size") ?? 128, p.Strings("architectures").FirstOrDefault() ?? "x86_64",
            p.Number("ephemeral_storage.0.size") ?? 512),
        "aws_lambda_provisioned_concurrency_config" => referenced("aws_lambda_function") is { } function
            ? new ProvisionedConcurrency(p.Number("provisioned_concurrent_executions") ?? 0, function.Number("memory_size") ?? 128, function.Strings("architectures").FirstOrDefault() == "arm64")
            : new ProvisionedConcurrency(p.Number("provisioned_concurrent_executions") ?? 0, null, false),
        "aws_eks_fargate_profile" => new FargateProfile(),
        "aws_ec2_host" => DedicatedHost.Of(p.String("instance_family"), p.String("instance_type")),
        "aws_codebuild_project" => new CodeBuildProject(p.String("environment.0.compute_type") ?? "", p.String("environment.0.type") is "WINDOWS_CONTAINER" or "WINDOWS_SERVER_2019_CONTAINER"),
        "aws_lightsail_instance" => new LightsailInstance(p.String("bundle_id") ?? ""),
        _ => null,
    };
}
