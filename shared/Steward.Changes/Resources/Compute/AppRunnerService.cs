using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// An App Runner service: the memory of its provisioned instances by the hour, always (App Runner keeps at least one
/// instance provisioned: the auto scaling configuration's minimum, 1 by default); the vCPU of active instances while
/// they serve requests is usage (<c>active_instance_hours</c>); automatic deployments are a monthly fee per service.
/// </summary>
public sealed record AppRunnerService(decimal Vcpus, decimal MemoryGb, int Provisioned, bool AutomaticDeployments, bool FromSource) : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage)
    {
        var c = at.Catalog;
        var lines = new List<CostComponent>
        {
            new($"Provisioned container instances ({MemoryGb:0.##} GB)", "GB-hours", MemoryGb * Provisioned * at.Hours, c.Price("apprunner.provisioned.gbHour")),
            // An instance serving requests pays its vCPU on top of the memory already provisioned (and, past the provisioned
            // instances, its memory at the active rate, which the same hours give).
            Usage($"Active container instances ({Vcpus:0.##} vCPU)", "vCPU-hours", usage["active_instance_hours"] * Vcpus, c.Price("apprunner.active.vcpuHour")),
        };
        if (AutomaticDeployments) lines.Add(new("Automatic deployments", "months", 1, c.Price("apprunner.automaticDeployments")));
        if (FromSource) lines.Add(Usage("Builds", "build-minutes", usage["monthly_build_minutes"], c.Price("apprunner.buildMinute")));
        return new(name, type) { Components = lines, Notes = [$"{Provisioned} provisioned instance(s) of {Vcpus:0.##} vCPU and {MemoryGb:0.##} GB"] };
    }
}
