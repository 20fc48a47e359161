namespace Steward.Core.Costs;

/// <summary>What a non-engineer calls each AWS service in Cost Explorer's SERVICE dimension, with its short name kept.</summary>
public static class ServiceNames
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["Amazon Elastic Compute Cloud - Compute"] = "virtual servers (EC2)",
        ["EC2 - Other"] = "server disks, snapshots and traffic (EC2 other)",
        ["Amazon Simple Storage Service"] = "object storage (S3)",
        ["Amazon Relational Database Service"] = "databases (RDS)",
        ["AWS Lambda"] = "serverless functions (Lambda)",
        ["Amazon DynamoDB"] = "key-value tables (DynamoDB)",
        ["Amazon CloudFront"] = "content delivery (CloudFront)",
        ["Amazon Virtual Private Cloud"] = "private networking (VPC)",
        ["AmazonCloudWatch"] = "monitoring (CloudWatch)",
        ["Amazon CloudWatch"] = "monitoring (CloudWatch)",
        ["Amazon Elastic Container Service for Kubernetes"] = "Kubernetes clusters (EKS)",
        ["Amazon Elastic Container Service"] = "containers (ECS)",
        ["Amazon Elastic Load Balancing"] = "load balancers (ELB)",
        ["Elastic Load Balancing"] = "load balancers (ELB)",
        ["Amazon Simple Notification Service"] = "notifications (SNS)",
        ["Amazon Simple Queue Service"] = "message queues (SQS)",
        ["AWS Key Management Service"] = "encryption keys (KMS)",
        ["Amazon Route 53"] = "DNS (Route 53)",
        ["Amazon ElastiCache"] = "in-memory caches (ElastiCache)",
        ["Amazon Redshift"] = "data warehouse (Redshift)",
        ["Amazon OpenSearch Service"] = "search (OpenSearch)",
        ["Amazon Elastic File System"] = "shared file storage (EFS)",
        ["Amazon API Gateway"] = "APIs (API Gateway)",
        ["Amazon GuardDuty"] = "threat detection (GuardDuty)",
        ["Amazon SageMaker"] = "machine learning (SageMaker)",
        ["Amazon Athena"] = "data queries (Athena)",
        ["Amazon Kinesis"] = "data streams (Kinesis)",
        ["AWS Glue"] = "data pipelines (Glue)",
        ["AWS Config"] = "configuration recording (Config)",
        ["AWS CloudTrail"] = "audit logging (CloudTrail)",
        ["Amazon EC2 Container Registry (ECR)"] = "container images (ECR)",
        ["AWS Secrets Manager"] = "secrets (Secrets Manager)",
        ["AWS Backup"] = "backups (AWS Backup)",
        ["AWS WAF"] = "web firewall (WAF)",
        ["Amazon Bedrock"] = "generative AI (Bedrock)",
        ["AWS Cost Explorer"] = "Cost Explorer queries",
        ["Tax"] = "tax",
    };

    public static string InWords(string service) => Words.TryGetValue(service, out var words) ? words : service;
}
