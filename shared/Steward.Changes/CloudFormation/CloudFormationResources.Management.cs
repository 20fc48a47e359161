namespace Steward.Changes.CloudFormation;

public static partial class CloudFormationResources
{
    /// <summary>The template types of KMS, Secrets Manager, certificates, WAF, Directory Service, CloudHSM, CloudWatch, CloudTrail, Config, SSM, Grafana, nested stacks and CloudFormation; null for a type of another service.</summary>
    private static Priceable? Management(string type, Props p, Reading c) => type switch
    {
        "AWS::CloudFormation::Stack" => new NestedTemplate(p.String("TemplateURL"), TextParameters(p, c.Warnings)),
        // A SAM application's Location is a local c.Template, or an application of the Serverless Application Repository.
        "AWS::Serverless::Application" => new NestedTemplate(p.String("Location"), TextParameters(p, c.Warnings)),
        // WAF Classic's web ACLs activate rules (or, with Type GROUP, rule groups) by id; priced as WAF (v2) is.
        "AWS::WAF::WebACL" or "AWS::WAFRegional::WebACL" => new WebAcl(p.List("Rules").Count(r => (r.String("Type") ?? "REGULAR") != "GROUP"),
            p.List("Rules").Count(r => r.String("Type") == "GROUP"), 0),
        "AWS::CloudFormation::StackSet" => new CloudFormationStack(),
        "AWS::Grafana::Workspace" => new GrafanaWorkspace(),
        "AWS::Config::ConfigRule" or "AWS::Config::OrganizationConfigRule" => new ConfigRule(),
        "AWS::Config::ConfigurationRecorder" => new ConfigRecorder(),
        "AWS::CloudTrail::Trail" => new CloudTrail(p.Bool("IncludeGlobalServiceEvents") ?? true, p.List("InsightSelectors").Count > 0),
        "AWS::WAFv2::WebACL" => WebAcl.Of(p.List("Rules").Select(r => r.Child("Statement")).ToList(),
            "RuleGroupReferenceStatement", "ManagedRuleGroupStatement"),
        "AWS::ACMPCA::CertificateAuthority" => new PrivateCertificateAuthority(p.String("UsageMode") == "SHORT_LIVED_CERTIFICATE"),
        "AWS::DirectoryService::MicrosoftAD" => ManagedDirectory.Of("microsoftAd", p.String("Edition")),
        "AWS::DirectoryService::SimpleAD" => ManagedDirectory.Of("simpleAd", p.String("Size")),
        "AWS::CloudWatch::Dashboard" => new CloudWatchDashboard(),
        "AWS::CertificateManager::Certificate" => p.Has("CertificateAuthorityArn") ? new PrivateCertificate() : new FreeResource("public certificates are free"),
        "AWS::Logs::LogGroup" => new LogGroup(),
        "AWS::CloudWatch::Alarm" => Alarm(p),
        "AWS::KMS::Key" => new KmsKey(p.String("KeySpec") ?? "SYMMETRIC_DEFAULT"),
        "AWS::SecretsManager::Secret" => new Secret(),
        "AWS::SSM::Parameter" when p.String("Tier") is "Advanced" or "Intelligent-Tiering" =>
            new AdvancedParameter(),
        _ => null,
    };
}
