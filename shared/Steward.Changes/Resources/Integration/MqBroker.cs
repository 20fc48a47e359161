using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An Amazon MQ broker: its instances by the hour (one for a single instance, two for active/standby, three for a
/// RabbitMQ cluster) at its instance type's rate; its storage (EFS or EBS) is usage.
/// </summary>
public sealed record MqBroker(string Engine, string InstanceType, string DeploymentMode, bool Ebs) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var mode = DeploymentMode.ToLowerInvariant();
        var instances = mode switch { "active_standby_multi_az" => 2, "cluster_multi_az" => 3, _ => 1 };
        var engine = Engine.Equals("rabbitmq", StringComparison.OrdinalIgnoreCase) ? "RabbitMQ" : "ActiveMQ";
        var storage = Ebs ? "EBS" : "EFS";
        return new(name, type)
        {
            Components =
            [
                AtPrice(at, $"Instance usage ({engine}, {InstanceType}, {mode})", "hours", at.Hours * instances, $"mq.instance.{InstanceType}"),
                Usage($"Storage ({engine}, {storage})", "GB", usage["storage_size_gb"] * instances, at.Catalog.Price($"mq.storage.{storage.ToLowerInvariant()}")),
            ],
        };
    }
}
