namespace Steward.Changes.Terraform;

public static partial class TerraformResources
{
    /// <summary>The plan types of KMS, Secrets Manager, certificates, WAF, Directory Service, CloudHSM, CloudWatch, CloudTrail, Config, SSM, Grafana and CloudFormation; null for a type of another service.</summary>
    private static Priceable? Management(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string> volumesOfTheirOwn) => type switch
    {
        "aws_wafv2_web_acl" => WebAcl.Of(p.List("rule").Select(r => r.Child("statement")).ToList(), "rule_group_reference_statement", "managed_rule_group_statement"),
        "aws_acmpca_certificate_authority" => new PrivateCertificateAuthority(p.String("usage_mode") == "SHORT_LIVED_CERTIFICATE"),
        "aws_directory_service_directory" => (p.String("type") ?? "SimpleAD") switch
        {
            "MicrosoftAD" => ManagedDirectory.Of("microsoftAd", p.String("edition")),
            "ADConnector" => ManagedDirectory.Of("adConnector", p.String("size")),
            _ => ManagedDirectory.Of("simpleAd", p.String("size")),
        },
        "aws_cloudwatch_dashboard" => new CloudWatchDashboard(),
        "aws_acm_certificate" => p.Has("certificate_authority_arn") ? new PrivateCertificate() : new FreeResource("public certificates are free"),
        "aws_cloudhsm_v2_hsm" => new CloudHsm(),
        // WAF Classic is priced as WAF (v2) is: a web ACL a month, a rule each (REGULAR and RATE_BASED), a rule group each (GROUP).
        "aws_waf_web_acl" or "aws_wafregional_web_acl" => new WebAcl(
            p.List("rules").Count(r => (r.String("type") ?? "REGULAR").ToUpperInvariant() is "REGULAR" or "RATE_BASED")
                + p.List("rule").Count(r => (r.String("type") ?? "REGULAR").ToUpperInvariant() is "REGULAR" or "RATE_BASED"),
            p.List("rules").Concat(p.List("rule")).Count(r => (r.String("type") ?? "").ToUpperInvariant() == "GROUP"), 0),
        "aws_kms_external_key" => new KmsKey("SYMMETRIC_DEFAULT"),
        "aws_cloudformation_stack" => new CloudFormationStack(),
        "aws_cloudformation_stack_set" => new CloudFormationStack(),
        "aws_ssm_activation" => new ManagedOnPremInstances(),
        "aws_grafana_workspace" => new GrafanaWorkspace(),
        "aws_config_config_rule" or "aws_config_organization_managed_rule" or "aws_config_organization_custom_rule" => new ConfigRule(),
        "aws_config_configuration_recorder" => new ConfigRecorder(),
        "aws_cloudtrail" => new CloudTrail(p.Bool("include_global_service_events") ?? true, p.List("insight_selector").Count > 0),
        "aws_cloudwatch_log_group" => new LogGroup(),
        "aws_cloudwatch_metric_alarm" => new MetricAlarm((p.Number("period") ?? 60) < 60,
            Math.Max(1, p.List("metric_query").Count(q => q.List("metric").Count > 0))),
        "aws_kms_key" => new KmsKey(p.String("customer_master_key_spec") ?? p.String("key_spec") ?? "SYMMETRIC_DEFAULT"),
        "aws_secretsmanager_secret" => new Secret(),
        _ => null,
    };
}
