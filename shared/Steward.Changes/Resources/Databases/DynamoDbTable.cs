using static Steward.Changes.PriceLines;

namespace Steward.Changes;

public sealed record DynamoDbTable(bool OnDemand, decimal WriteCapacity, decimal ReadCapacity) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var t = this;
        var c = new List<CostComponent>();
        if (t.OnDemand)
        {
            c.Add(Usage("Write request unit (WRU)", "WRUs", usage["monthly_write_request_units"], at.Catalog.Price("dynamodb.wru") / 1_000_000));
            c.Add(Usage("Read request unit (RRU)", "RRUs", usage["monthly_read_request_units"], at.Catalog.Price("dynamodb.rru") / 1_000_000));
        }
        else
        {
            c.Add(new("Write capacity unit (WCU)", "WCU", t.WriteCapacity, at.Catalog.Price("dynamodb.wcu") * at.Hours));
            c.Add(new("Read capacity unit (RCU)", "RCU", t.ReadCapacity, at.Catalog.Price("dynamodb.rcu") * at.Hours));
        }
        c.Add(Usage("Data storage", "GB", usage["storage_gb"], at.Catalog.Price("dynamodb.storage")));
        c.Add(Usage("Point-In-Time Recovery (PITR) backup storage", "GB", usage["pitr_backup_storage_gb"], at.Catalog.Price("dynamodb.pitr")));
        c.Add(Usage("On-demand backup storage", "GB", usage["on_demand_backup_storage_gb"], at.Catalog.Price("dynamodb.backup")));
        c.Add(Usage("Table data restored", "GB", usage["monthly_data_restored_gb"], at.Catalog.Price("dynamodb.restore")));
        c.Add(Usage("Streams read request unit (sRRU)", "sRRUs", usage["monthly_streams_read_request_units"], at.Catalog.Price("dynamodb.streamsRead")));
        return new PricedResource(name, type) { Components = c };
    }
}
