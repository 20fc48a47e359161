namespace Steward.Changes;

/// <summary>
/// An MSK (Kafka) cluster: each broker by the hour at its instance type's rate, and the EBS storage provisioned for each
/// broker by the GB-month (charged whether used or not).
/// </summary>
public sealed record MskCluster(string BrokerType, int Brokers, decimal StorageGbPerBroker) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => new(name, type)
    {
        Components =
        [
            PriceLines.AtPrice(at, $"Instance ({BrokerType})", "hours", at.Hours * Brokers, $"msk.broker.{BrokerType}"),
            new("Storage", "GB", StorageGbPerBroker * Brokers, at.Catalog.Price("msk.storage")),
        ],
        Notes = [$"{Brokers} broker(s) of {StorageGbPerBroker:0} GB"],
    };
}
