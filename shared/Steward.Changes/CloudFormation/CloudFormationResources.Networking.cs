namespace Steward.Changes.CloudFormation;

public static partial class CloudFormationResources
{
    /// <summary>The template types of NAT, load balancers, addresses, endpoints, Route 53, VPN, transit gateways, Direct Connect, CloudFront and the rest of the network; null for a type of another service.</summary>
    private static Priceable? Networking(string type, Props p, Reading c) => type switch
    {
        "AWS::EC2::TrafficMirrorSession" => new TrafficMirrorSession(),
        "AWS::CloudFront::Function" => new CloudFrontFunction(),
        "AWS::Route53::RecordSet" => p.Has("AliasTarget") ? new FreeResource("an alias record's queries to an AWS resource are free") : new DnsRecord(),
        "AWS::EC2::EIP" => new PublicIpv4Address(),
        "AWS::EC2::NatGateway" => new NatGateway(),
        "AWS::ElasticLoadBalancingV2::LoadBalancer" => (p.String("Type") ?? "application") switch
        {
            "network" => new LoadBalancer(Network: true),
            "gateway" => new UnpricedResource("Gateway Load Balancers are not priced yet"),
            _ => new LoadBalancer(Network: false),
        },
        "AWS::ElasticLoadBalancing::LoadBalancer" => new ClassicLoadBalancer(),
        "AWS::EC2::VPNConnection" => new VpnConnection(p.String("TransitGatewayId") is { Length: > 0 }),
        // TransitGatewayAttachment is the older name of a VPC's attachment (TransitGatewayVpcAttachment).
        "AWS::EC2::TransitGatewayAttachment" or "AWS::EC2::TransitGatewayVpcAttachment" => new TransitGatewayAttachment(Peering: false),
        "AWS::EC2::TransitGatewayPeeringAttachment" => new TransitGatewayAttachment(Peering: true),
        "AWS::EC2::ClientVpnEndpoint" => new ClientVpnEndpoint(),
        "AWS::EC2::ClientVpnTargetNetworkAssociation" => new ClientVpnNetworkAssociation(),
        "AWS::NetworkFirewall::Firewall" => new NetworkFirewall(p.List("SubnetMappings").Count + p.List("AvailabilityZoneMappings").Count),
        "AWS::Route53Resolver::ResolverEndpoint" => ResolverEndpoint.Of(p.List("IpAddresses").Count, p),
        "AWS::Transfer::Server" => TransferServer.Of(p.Strings("Protocols")),
        "AWS::GlobalAccelerator::Accelerator" => new GlobalAccelerator(),
        "AWS::DirectConnect::Connection" => p.String("Bandwidth") is { } bandwidth
            ? new DirectConnectConnection(bandwidth, p.String("Location") ?? "") : new UnpricedResource("its Bandwidth is not known"),
        "AWS::Route53::HostedZone" => new HostedZone(),
        "AWS::Route53::HealthCheck" => new HealthCheck(HealthCheck.FeaturesOf(p.String("HealthCheckConfig.Type"),
            p.Number("HealthCheckConfig.RequestInterval"), p.Bool("HealthCheckConfig.MeasureLatency"))),
        "AWS::CloudFront::Distribution" => new CloudFrontDistribution(p.Bool("DistributionConfig.Origins.0.OriginShield.Enabled") == true,
            p.String("DistributionConfig.Origins.0.OriginShield.OriginShieldRegion") is { Length: > 0 } shield ? shield : null,
            p.String("DistributionConfig.ViewerCertificate.SslSupportMethod") == "vip", p.String("DistributionConfig.Logging.Bucket") is { Length: > 0 },
            p.String("DistributionConfig.DefaultCacheBehavior.FieldLevelEncryptionId") is { Length: > 0 }),
        "AWS::EC2::VPCEndpoint" => p.String("VpcEndpointType") is "Interface" or "GatewayLoadBalancer"
            ? new VpcEndpoint(p.String("VpcEndpointType") == "GatewayLoadBalancer", p.Strings("SubnetIds").Count)
            : new FreeResource("gateway endpoints (S3, DynamoDB) are free"),
        _ => null,
    };
}
