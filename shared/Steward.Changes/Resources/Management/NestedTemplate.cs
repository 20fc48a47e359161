namespace Steward.Changes;

/// <summary>
/// A nested stack (<c>AWS::CloudFormation::Stack</c>'s <c>TemplateURL</c>) or a SAM application (<c>AWS::Serverless::Application</c>'s
/// <c>Location</c>). Before <c>sam build</c> or <c>aws cloudformation package</c> uploads it, its template is a file beside
/// its parent's, and the <see cref="Estimator"/> prices that template's resources in its place, with the parameters the
/// parent passes. One it cannot read (in S3 already, or from the Serverless Application Repository) is not priced, and
/// said: what it creates costs money that this source does not show.
/// </summary>
/// <param name="Location">The child template as the parent names it; null when it names none Steward can follow.</param>
/// <param name="Parameters">The parameters the parent passes, as text (those it computes at deploy time left out).</param>
public sealed record NestedTemplate(string? Location, IReadOnlyDictionary<string, string> Parameters) : Priceable
{
    /// <summary>Why it is not priced when the estimator cannot read its template.</summary>
    public string Why { get; init; } = "a nested template that is not a local file (in S3, or the Serverless Application Repository's): its resources are not read here; price it on its own";

    public override PricedResource Price(PriceContext at, string name, string type, ResourceUsage usage) => PricedResource.NotPriced(name, type, Why);

    /// <summary>The template file a location names, beside the parent, when it is a local path (not a URL or an S3 object).</summary>
    public string? LocalFile(string parentPath)
    {
        if (Location is not { Length: > 0 } location || location.Contains("://", StringComparison.Ordinal) || location.StartsWith("s3:", StringComparison.OrdinalIgnoreCase)) return null;
        var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(parentPath)) ?? ".", location));
        return File.Exists(file) ? file : null;
    }
}
