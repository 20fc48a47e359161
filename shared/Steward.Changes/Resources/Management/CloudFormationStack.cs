using static Steward.Changes.PriceLines;

namespace Steward.Changes;

/// <summary>
/// A CloudFormation stack: free for AWS's own resource types; a third-party resource type's handler operations and
/// their time past 30 seconds are charged, usage.
/// </summary>
public sealed record CloudFormationStack : Priceable
{
    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) =>
        new(name, type)
        {
            Components =
            [
                AtPrice(at, "Handler operations", "operations", usage["monthly_handler_operations"], "cloudformation.handlerOperations", usageBased: true),
                AtPrice(at, "Durations above 30s", "seconds", usage["monthly_duration_secs"], "cloudformation.handlerSeconds", usageBased: true),
            ],
        };
}
