using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A Kinesis data stream: provisioned (by the shard-hour, and put units) or on demand (by the stream-hour, and the GB in
/// and out); retention past 24 hours and enhanced fan-out are usage in both.
/// </summary>
public sealed record KinesisStream(bool OnDemand, int Shards) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        decimal P(string key) => at.Catalog.Price(key);
        if (OnDemand)
            return new(name, type)
            {
                Components =
                [
                    new("ON_DEMAND", "hours", at.Hours, P("kinesis.onDemand.streamHour")),
                    Usage("Data ingested", "GB", usage["monthly_on_demand_data_in_gb"], P("kinesis.onDemand.dataIn")),
                    Usage("Data retrieval", "GB", usage["monthly_on_demand_data_out_gb"], P("kinesis.onDemand.dataOut")),
                    Usage("Enhanced Fan Out (EFO) Data retrieval", "GB", usage["monthly_on_demand_efo_data_out_gb"], P("kinesis.onDemand.efoData")),
                    Usage("Extended retention (24H to 7D)", "GB", usage["monthly_on_demand_extended_retention_gb"], P("kinesis.onDemand.extendedRetention")),
                    Usage("Long term retention (7D+)", "GB", usage["monthly_on_demand_long_term_retention_gb"], P("kinesis.onDemand.longTermRetention")),
                ],
            };
        return new(name, type)
        {
            Components =
            [
                new("PROVISIONED", "hours", at.Hours * Shards, P("kinesis.provisioned.shardHour")),
                Usage("Put request unit", "units", usage["monthly_provisioned_put_units"], P("kinesis.provisioned.putUnit")),
                Usage("Extended retention (24H to 7D)", "GB", usage["monthly_provisioned_extended_retention_gb"], P("kinesis.provisioned.extendedRetention")),
                Usage("Long term retention (7D+)", "GB", usage["monthly_provisioned_long_term_retention_gb"], P("kinesis.provisioned.longTermRetention")),
                Usage("Extended retention retrieval (7D+)", "GB", usage["monthly_provisioned_long_term_retrieval_gb"], P("kinesis.provisioned.longTermRetrieval")),
                Usage("Enhanced Fan Out (EFO) Data retrieval", "GB", usage["monthly_provisioned_efo_data_out_gb"], P("kinesis.provisioned.efoData")),
                Usage("Enhanced Fan Out (EFO)", "consumer-shard hour", usage["monthly_provisioned_efo_consumer_hours"], P("kinesis.provisioned.efoConsumerShardHour")),
            ],
        };
    }
}
