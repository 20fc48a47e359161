namespace Steward.Changes.Terraform;

public static partial class TerraformResources
{
    /// <summary>The plan types of NAT, load balancers, addresses, endpoints, Route 53, VPN, transit gateways, Direct Connect, CloudFront and the rest of the network; null for a type of another service.</summary>
    private static Priceable? Networking(string type, Props p, Func<string, Props?> referenced, IReadOnlySet<string> volumesOfTheirOwn) => type switch
    {
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
        "aws_ec2_traffic_mirror_session" => new TrafficMirrorSession(),
        "aws_cloudfront_function" => new CloudFrontFunction(),
        // A Direct Connect gateway's association with a transit gateway is billed as a transit gateway attachment.
        "aws_dx_gateway_association" => new TransitGatewayAttachment(Peering: false),
        "aws_route53_record" => p.List("alias").Count > 0 ? new FreeResource("an alias record's queries to an AWS resource are free") : new DnsRecord(),
        // As Infracost reads it: the first origin's shield, a vip viewer certificate, a logging bucket (its real-time log
        // lines) and the default cache behavior's field-level encryption.
        "aws_cloudfront_distribution" => new CloudFrontDistribution(p.Bool("origin.0.origin_shield.0.enabled") == true,
            p.String("origin.0.origin_shield.0.origin_shield_region") is { Length: > 0 } shield ? shield : null,
            p.String("viewer_certificate.0.ssl_support_method") == "vip", p.String("logging_config.0.bucket") is { Length: > 0 },
            p.String("default_cache_behavior.0.field_level_encryption_id") is { Length: > 0 }),
        _ => null,
    };
}
