using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An RDS instance. Engine as RDS names it (mysql, postgres, mariadb, aurora-mysql, oracle-se2, sqlserver-web, …), and its
/// version, which decides Extended Support charges once the major version is past standard support. Storage without a
/// type and without provisioned IOPS is gp2, the default both CloudFormation and the Terraform provider document (gp2 and
/// gp3 cost the same per GB; gp3 adds IOPS only past its baseline).
/// </summary>
public sealed record RdsInstance(
    string InstanceClass, string Engine, string? EngineVersion, bool MultiAz, string StorageType, decimal StorageGb, decimal? Iops,
    int ReadReplicas = 0) : Priceable
{
    /// <summary>Lower case, as RDS names engines: CloudFormation takes <c>Engine: MySQL</c> (its engine names are case-insensitive).</summary>
    public string Engine { get; init; } = Engine.ToLowerInvariant();

    public string StorageType { get; init; } = StorageType.ToLowerInvariant();

    /// <summary>RDS keeps the master user's password in a Secrets Manager secret of its own (ManageMasterUserPassword), billed to the account.</summary>
    public bool ManagedSecret { get; init; }

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var r = this;
        var c = new List<CostComponent>();
        var notes = new List<string>();
        var az = r.MultiAz ? "Multi-AZ" : "Single-AZ";
        var azFactor = r.MultiAz ? 2 : 1;
        var instances = 1 + r.ReadReplicas;
        var classPrice = at.Catalog.RdsInstance(r.InstanceClass);
        var hourly = classPrice?.Hourly(EngineKey(r.Engine), r.MultiAz);
        c.Add(new($"Database instance (on-demand, {az}, {r.InstanceClass})", "hours", at.Hours * instances, hourly ?? 0) { PriceNotFound = hourly is null });
        if (hourly is null) notes.Add($"{r.InstanceClass} running {r.Engine} is not in the {at.Catalog.Region} catalog");
        if (r.ReadReplicas > 0) notes.Add($"{r.ReadReplicas} read replica(s) priced as copies of the instance");
        var storage = r.StorageType.ToLowerInvariant();
        switch (storage)
        {
            case "io1" or "io2":
                // RDS's minimums for Provisioned IOPS storage: 100 GB and 1,000 IOPS.
                c.Add(new($"Storage (provisioned IOPS SSD, {storage})", "GB", Math.Max(100, r.StorageGb) * instances, at.Catalog.Price("rds.io1.storage") * azFactor));
                c.Add(new("Provisioned IOPS", "IOPS", Math.Max(1000, r.Iops ?? 1000) * instances, at.Catalog.Price("rds.io1.iops") * azFactor));
                break;
            case "gp3":
                c.Add(new("Storage (general purpose SSD, gp3)", "GB", r.StorageGb * instances, at.Catalog.Price("rds.gp3.storage") * azFactor));
                // gp3's included IOPS: 3,000 under 400 GB, 12,000 from 400 GB (MySQL, MariaDB, PostgreSQL).
                var baseline = r.StorageGb < 400 ? 3000 : 12000;
                if (r.Iops is { } iops && iops > baseline)
                    c.Add(new($"Provisioned GP3 IOPS (above {baseline:#,0})", "IOPS", (iops - baseline) * instances, at.Catalog.Price("rds.gp3.iops") * azFactor));
                break;
            case "standard":
                c.Add(new("Storage (magnetic)", "GB", r.StorageGb * instances, at.Catalog.Price("rds.standard.storage") * azFactor));
                c.Add(Usage("I/O requests", "1M requests", Millions(usage["monthly_standard_io_requests"]), at.Catalog.Price("rds.standard.io")));
                break;
            case "aurora" or "aurora-iopt1": // an Aurora cluster's instance: the cluster's volume holds its data
                notes.Add("storage, I/O and backups are the Aurora cluster's");
                break;
            default:
                c.Add(new("Storage (general purpose SSD, gp2)", "GB", r.StorageGb * instances, at.Catalog.Price("rds.gp2.storage") * azFactor));
                break;
        }
        if (!storage.StartsWith("aurora", StringComparison.Ordinal))
            c.Add(Usage("Additional backup storage", "GB", usage["additional_backup_storage_gb"],
                at.Catalog.Price(r.Engine.StartsWith("aurora", StringComparison.Ordinal) ? "rds.backup.aurora" : "rds.backup")));
        if (r.ManagedSecret) c.Add(new("Master user password (Secrets Manager secret)", "months", 1, at.Catalog.Price("secretsmanager.secret")));
        if (r.InstanceClass.StartsWith("db.t", StringComparison.Ordinal) && usage["monthly_cpu_credit_hrs"] is > 0 and var credits && classPrice is not null)
            c.Add(Usage("CPU credits", "vCPU-hours", credits * classPrice.Vcpus, at.Catalog.Price("rds.cpuCredits")));
        if (ExtendedSupport.YearOf(r.Engine, r.EngineVersion, at.AsOf) is { } year && classPrice is { Vcpus: > 0 })
        {
            c.Add(new($"Extended support (year {year})", "vCPU-hours", classPrice.Vcpus * at.Hours * azFactor * instances, at.Catalog.Price($"rds.extendedSupport.year{year}")));
            notes.Add($"{r.Engine} {r.EngineVersion} is past standard support on {at.AsOf:yyyy-MM-dd}: RDS Extended Support is charged (year {year})");
        }
        return new PricedResource(name, type) { Components = c, Notes = notes };
    }
    /// <summary>The catalog's engine names: Aurora's engines share a price, licence-included engines keep their edition.</summary>
    private static string EngineKey(string engine) => engine switch
    {
        "aurora" or "aurora-mysql" or "aurora-postgresql" => "aurora",
        "oracle-se2-cdb" => "oracle-se2",
        "oracle-ee-cdb" => "oracle-ee",
        _ => engine,
    };
}


/// <summary>
/// RDS Extended Support: once an engine's major version passes its end of standard support, RDS charges per vCPU-hour,
/// at one price in years 1 and 2 and a higher one in year 3. The dates are AWS's published ones (RDS and Aurora release
/// calendars); which year applies depends on the day the estimate is made, so it is part of the estimate's inputs.
/// </summary>
public static class ExtendedSupport
{
    private static readonly Dictionary<(string Engine, string Major), DateOnly> StandardSupportEnds = new()
    {
        [("mysql", "5.7")] = new(2024, 2, 29),
        [("mysql", "8.0")] = new(2026, 7, 31),
        [("postgres", "11")] = new(2024, 2, 29),
        [("postgres", "12")] = new(2025, 2, 28),
        [("postgres", "13")] = new(2026, 2, 28),
        [("aurora", "5.7")] = new(2024, 10, 31),
        [("aurora-mysql", "5.7")] = new(2024, 10, 31),
        [("aurora-postgresql", "11")] = new(2024, 2, 29),
        [("aurora-postgresql", "12")] = new(2025, 2, 28),
        [("aurora-postgresql", "13")] = new(2026, 2, 28),
    };

    /// <summary>1, 2 or 3 when the version is in Extended Support on <paramref name="on"/>; null when in standard support or unknown.</summary>
    public static int? YearOf(string engine, string? version, DateOnly on)
    {
        if (string.IsNullOrEmpty(version)) return null;
        var parts = version.Split('.');
        var major = engine is "mysql" or "aurora" or "aurora-mysql" || (parts.Length > 1 && parts[0] == "5") ? string.Join('.', parts.Take(2)) : parts[0];
        if (!StandardSupportEnds.TryGetValue((engine, major), out var end) || on <= end) return null;
        var months = (on.Year - end.Year) * 12 + on.Month - end.Month; // whole months begun since the end of standard support
        return Math.Min(3, 1 + (months - 1) / 12);
    }
}
