using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Steward.Core.Storage;

/// <summary>
/// How well the scanner's counts match public labelled data, at the level the product decides: does this text hold at
/// least one of a kind, against the labels. Precision is how many texts said to hold a kind do; recall how many that hold
/// it are said to. Also how many texts holding a phone number, a driver's licence or an order number, and no card or SSN,
/// were said to hold a card or an SSN. The data and where it comes from: <c>tests/data/classification/PROVENANCE.md</c>.
/// </summary>
public static class ClassificationAccuracy
{
    /// <summary>
    /// A labelled text: the kinds its labels say it holds (our <see cref="Finding"/> names, or a label we do not detect), and
    /// the credentials they say it does not (<see cref="NoCredential"/> for none at all): a case that one provider's rule
    /// must not flag says nothing of another provider's.
    /// </summary>
    public sealed record Sample(string Text, IReadOnlySet<string> Kinds, IReadOnlySet<string> Absent)
    {
        public bool Lacks(string kind) => Absent.Contains(NoCredential) || Absent.Contains(kind);
    }

    public const string NoCredential = "*";
    private static readonly IReadOnlySet<string> Prose = new HashSet<string> { NoCredential };

    public sealed record Score(string Kind, int TruePositives, int FalsePositives, int FalseNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
        public int Labelled => TruePositives + FalseNegatives;
    }

    /// <summary>Of <paramref name="Of"/> texts labelled <paramref name="Labelled"/> (and no card or SSN), how many were said to hold a card or an SSN.</summary>
    public sealed record Confusion(string Labelled, int CalledACard, int CalledAnSsn, int Of);

    public sealed record Report(IReadOnlyList<Score> Scores, IReadOnlyList<Confusion> Confusions, int PersonalSamples, int SecretSamples, int KeySamples = 0)
    {
        public Score this[string kind] => Scores.Single(s => s.Kind == kind);
    }

    /// <summary>Presidio's labels for the kinds we detect; its other labels are kept as they are (phone numbers, driver's licences…).</summary>
    private static readonly Dictionary<string, string> PresidioKinds = new()
    {
        ["CREDIT_CARD"] = nameof(Finding.PaymentCard), ["IBAN_CODE"] = nameof(Finding.Iban), ["US_SSN"] = nameof(Finding.UsSocialSecurityNumber),
        ["EMAIL_ADDRESS"] = nameof(Finding.EmailAddress),
    };

    public const string PhoneNumber = "PHONE_NUMBER", DriverLicence = "US_DRIVER_LICENSE", OrderNumber = "order number";
    public const string Tokens = "Tokens and keys", AnyCredential = "Any credential (restricted)", OtherCredential = "OtherCredential";

    /// <summary>The private-key row split by where its cases come from: the scanners' test cases, and SSH libraries' files.</summary>
    public const string PrivateKeyCases = "PrivateKey: scanners' cases", PrivateKeyFiles = "PrivateKey: SSH libraries' files";

    /// <summary>Presidio-research's synthetic data: a JSON array of { full_text, spans: [{ entity_type }] }.</summary>
    public static IReadOnlyList<Sample> ReadPresidio(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var samples = new List<Sample>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            var text = item.GetProperty("full_text").GetString() ?? "";
            var kinds = new HashSet<string>();
            foreach (var span in item.GetProperty("spans").EnumerateArray())
            {
                var type = span.GetProperty("entity_type").GetString() ?? "";
                kinds.Add(PresidioKinds.GetValueOrDefault(type, type));
            }
            // An order number is no label of Presidio's: a text speaking of an order, with a run of six digits or more.
            if (text.Contains("order", StringComparison.OrdinalIgnoreCase) && LongestDigitRun(text) >= 6) kinds.Add(OrderNumber);
            // Chat and letters, with no credential in them: what the secret detectors say of them counts against their precision.
            samples.Add(new Sample(text, kinds, Prose));
        }
        return samples;
    }

    /// <summary>Our secrets file: one JSON object a line, { text, kinds: [Finding names or OtherCredential], not: [Finding names or "*"] }.</summary>
    public static IReadOnlyList<Sample> ReadSecrets(string jsonLines)
    {
        var samples = new List<Sample>();
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            HashSet<string> Names(string property) => doc.RootElement.GetProperty(property).EnumerateArray().Select(k => k.GetString() ?? "").ToHashSet();
            samples.Add(new Sample(doc.RootElement.GetProperty("text").GetString() ?? "", Names("kinds"), Names("not")));
        }
        return samples;
    }

    /// <param name="keys">Files that hold a private key or only name the format (key files, and source code of SSH
    /// libraries); scored with the secrets, and also on a row of their own.</param>
    public static Report Measure(IReadOnlyList<Sample> personal, IReadOnlyList<Sample> secrets, IReadOnlyList<Sample>? keys = null)
    {
        keys ??= [];
        var credentialNames = DataClassRules.Credentials.Select(f => f.ToString()).Append(OtherCredential).ToHashSet();
        var tokenKinds = DataClassRules.Credentials.Where(f => f != Finding.PrivateKey).ToHashSet();
        var scores = new Dictionary<string, (int Tp, int Fp, int Fn)>();
        void Tally(string kind, bool labelled, bool said, bool countFalsePositive = true)
        {
            var (tp, fp, fn) = scores.GetValueOrDefault(kind);
            if (labelled && said) tp++;
            else if (labelled) fn++;
            else if (said && countFalsePositive) fp++;
            scores[kind] = (tp, fp, fn);
        }

        foreach (var kind in new[] { Finding.PaymentCard, Finding.Iban, Finding.UsSocialSecurityNumber, Finding.EmailAddress }) scores[kind.ToString()] = default;
        var confusions = new Dictionary<string, (int Card, int Ssn, int Of)> { [PhoneNumber] = default, [DriverLicence] = default, [OrderNumber] = default };
        foreach (var sample in personal)
        {
            var found = SensitivityScanner.Scan(sample.Text);
            foreach (var kind in new[] { Finding.PaymentCard, Finding.Iban, Finding.UsSocialSecurityNumber, Finding.EmailAddress })
                Tally(kind.ToString(), sample.Kinds.Contains(kind.ToString()), found.ContainsKey(kind));
            TallyCredentials(sample, found);
            if (sample.Kinds.Contains(nameof(Finding.PaymentCard)) || sample.Kinds.Contains(nameof(Finding.UsSocialSecurityNumber))) continue;
            foreach (var label in confusions.Keys.ToList())
                if (sample.Kinds.Contains(label))
                {
                    var (card, ssn, of) = confusions[label];
                    confusions[label] = (card + (found.ContainsKey(Finding.PaymentCard) ? 1 : 0), ssn + (found.ContainsKey(Finding.UsSocialSecurityNumber) ? 1 : 0), of + 1);
                }
        }
        foreach (var (set, row) in new[] { (secrets, PrivateKeyCases), (keys, PrivateKeyFiles) })
            foreach (var sample in set)
            {
                var found = SensitivityScanner.Scan(sample.Text);
                TallyCredentials(sample, found);
                var key = nameof(Finding.PrivateKey);
                if (sample.Kinds.Contains(key) || sample.Lacks(key)) Tally(row, sample.Kinds.Contains(key), found.ContainsKey(Finding.PrivateKey));
            }

        return new Report(scores.Select(s => new Score(s.Key, s.Value.Tp, s.Value.Fp, s.Value.Fn)).ToList(),
            confusions.Select(c => new Confusion(c.Key, c.Value.Card, c.Value.Ssn, c.Value.Of)).ToList(), personal.Count, secrets.Count, keys.Count);

        void TallyCredentials(Sample sample, IReadOnlyDictionary<Finding, int> found)
        {
            // Said of a text its labels say nothing about (another provider's case), a finding is neither right nor wrong.
            var said = found.Keys.Where(DataClassRules.Credentials.Contains).ToList();
            bool Wrong(IEnumerable<Finding> kinds) => kinds.All(k => sample.Lacks(k.ToString()));
            foreach (var kind in DataClassRules.Credentials)
                Tally(kind.ToString(), sample.Kinds.Contains(kind.ToString()), found.ContainsKey(kind), sample.Lacks(kind.ToString()));
            var saidTokens = said.Where(tokenKinds.Contains).ToList();
            Tally(Tokens, tokenKinds.Any(k => sample.Kinds.Contains(k.ToString())), saidTokens.Count > 0, Wrong(saidTokens));
            Tally(AnyCredential, sample.Kinds.Any(credentialNames.Contains), said.Count > 0, Wrong(said));
            if (sample.Kinds.Contains(OtherCredential) && !tokenKinds.Any(k => sample.Kinds.Contains(k.ToString())))
                Tally(OtherCredential, true, said.Count > 0);
        }
    }

    /// <summary>The figures as a Markdown table, kinds in a fixed order.</summary>
    public static string Markdown(Report report)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Personal data: {report.PersonalSamples} Presidio texts; secrets: {report.SecretSamples} gitleaks and detect-secrets cases and {report.KeySamples} SSH libraries' files (and the Presidio texts as negatives).");
        text.AppendLine().AppendLine("| kind | labelled | found right | found wrong | missed | precision | recall |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in report.Scores.OrderBy(s => Order(s.Kind)).ThenBy(s => s.Kind, StringComparer.Ordinal))
            text.AppendLine(c, $"| {Name(s.Kind)} | {s.Labelled} | {s.TruePositives} | {s.FalsePositives} | {s.FalseNegatives} | {s.Precision:0.000} | {s.Recall:0.000} |");
        text.AppendLine().AppendLine("| texts labelled (no card, no SSN) | texts | called a card | called an SSN |").AppendLine("|---|---:|---:|---:|");
        foreach (var x in report.Confusions) text.AppendLine(c, $"| {Name(x.Labelled)} | {x.Of} | {x.CalledACard} | {x.CalledAnSsn} |");
        return text.ToString();

        static int Order(string kind) => kind switch
        {
            nameof(Finding.PaymentCard) or nameof(Finding.Iban) or nameof(Finding.UsSocialSecurityNumber) or nameof(Finding.EmailAddress) => 0,
            nameof(Finding.PrivateKey) or PrivateKeyCases or PrivateKeyFiles or Tokens => 1,
            AnyCredential or OtherCredential => 3,
            _ => 2,
        };
        static string Name(string kind) => kind switch
        {
            PhoneNumber => "phone number", DriverLicence => "US driver's licence", OtherCredential => "other providers' credentials (no detector of ours)",
            PrivateKeyCases => "of which gitleaks' and detect-secrets' cases", PrivateKeyFiles => "of which SSH libraries' key files and source code",
            _ => kind,
        };
    }

    private static int LongestDigitRun(string text)
    {
        var (longest, run) = (0, 0);
        foreach (var ch in text) longest = Math.Max(longest, run = char.IsAsciiDigit(ch) ? run + 1 : 0);
        return longest;
    }
}
