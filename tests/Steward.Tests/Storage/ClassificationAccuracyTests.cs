using Steward.Core.Storage;
using Steward.Testing;
using Xunit.Abstractions;

namespace Steward.Tests.Storage;

/// <summary>
/// The scanner's precision and recall on public labelled data nobody here wrote (tests/data/classification, see its
/// PROVENANCE.md), held to the goals: a detector that gets worse fails here. The same scorer is the bench's
/// <c>classify-accuracy</c> command, whose figures are in docs/performance.md.
/// </summary>
public class ClassificationAccuracyTests(ITestOutputHelper output)
{
    private static readonly Lazy<ClassificationAccuracy.Report> Measured = new(() =>
    {
        var dir = Path.Combine(Fixtures.ProjectRoot, "tests", "data", "classification");
        var personal = ClassificationAccuracy.ReadPresidio(File.ReadAllText(Path.Combine(dir, "presidio-synth_dataset_v2.json")))
            .Concat(ClassificationAccuracy.ReadPresidio(File.ReadAllText(Path.Combine(dir, "presidio-generated_large.json")))).ToList();
        return ClassificationAccuracy.Measure(personal, ClassificationAccuracy.ReadSecrets(File.ReadAllText(Path.Combine(dir, "secrets.jsonl"))),
            ClassificationAccuracy.ReadSecrets(File.ReadAllText(Path.Combine(dir, "private-keys.jsonl"))));
    });

    [Theory]
    [InlineData(nameof(Finding.PaymentCard), 0.95, 0.95)]
    [InlineData(nameof(Finding.Iban), 0.95, 0.95)]
    [InlineData(nameof(Finding.EmailAddress), 0.95, 0.95)]
    [InlineData(nameof(Finding.UsSocialSecurityNumber), 0.9, 0.9)]
    [InlineData(ClassificationAccuracy.Tokens, 0.9, 0.9)]
    [InlineData(nameof(Finding.PrivateKey), 0.95, 0.95)]
    [InlineData(ClassificationAccuracy.PrivateKeyFiles, 0.95, 0.95)]
    // Below the goal, and held where it stands (5 of 7): detect-secrets counts a PEM header followed by prose ("yabba
    // dabba doo") as a key, where gitleaks' negatives say a header and a placeholder word are not one; we ask, with
    // gitleaks, for the key's base64 after it. See docs/performance.md.
    [InlineData(ClassificationAccuracy.PrivateKeyCases, 0.95, 0.7)]
    public void Each_kind_is_found_as_precisely_and_as_fully_as_its_goal(string kind, double precision, double recall)
    {
        output.WriteLine(ClassificationAccuracy.Markdown(Measured.Value));
        var score = Measured.Value[kind];
        Assert.True(score.Precision >= precision && score.Recall >= recall, $"{kind}: precision {score.Precision:0.000}, recall {score.Recall:0.000}");
    }

    [Fact]
    public void No_phone_number_driver_s_licence_or_order_number_is_called_a_card_or_an_SSN() =>
        Assert.All(Measured.Value.Confusions, c => Assert.True(c.CalledACard + c.CalledAnSsn == 0, $"{c.Labelled}: {c.CalledACard} called a card, {c.CalledAnSsn} an SSN, of {c.Of}"));
}
