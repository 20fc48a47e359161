using Steward.Core.Storage;

namespace Steward.Tests.Storage;

/// <summary>The security review's cases: what the shape alone may not claim, what context words and table headers give, and the secrets of common providers.</summary>
public class DetectorTests
{
    private static int Found(string text, Finding kind) => SensitivityScanner.Scan(text).GetValueOrDefault(kind);

    [Theory]
    [InlineData("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1")]                 // sixteen one-digit numbers
    [InlineData("trace 4111111111111111 took 12 ms")]                 // a bare id that happens to pass Luhn, no word naming a card
    [InlineData("4111 11 1111 111 111")]                              // groups no card is printed in
    [InlineData("card 4111-1111 1111-1111")]                          // two separators
    [InlineData("https://example.com/orders/4111111111111111")]       // part of a path
    public void Digits_are_not_a_card_by_Luhn_alone(string text) => Assert.Equal(0, Found(text, Finding.PaymentCard));

    [Theory]
    [InlineData("4111 1111 1111 1111")]                               // printed groups
    [InlineData("4111-1111-1111-1111")]
    [InlineData("3782 822463 10005")]                                 // Amex 4-6-5
    [InlineData("card 4111111111111111")]                             // bare, named on the line
    [InlineData("paid with Visa: 4111111111111111")]
    [InlineData("Credit card number:\n4111111111111111")]             // named on the line before
    [InlineData("name,ssn,card\nAnn,078-05-1120,4111111111111111")]   // named by its column's header
    [InlineData("card 4111111111111111 12 26 cvv 123")]              // a bare number, then its expiry
    public void A_card_is_its_printed_shape_or_a_number_named_a_card(string text) => Assert.Equal(1, Found(text, Finding.PaymentCard));

    [Fact]
    public void A_header_names_only_its_own_column()
    {
        var csv = "order_id,card,network\n4111111111111111,n/a,Visa\n4012888888881881,4111111111111111,Visa\n";
        Assert.Equal(1, Found(csv, Finding.PaymentCard));
    }

    [Theory]
    [InlineData("phone 212-55-1234", 0)]
    [InlineData("ref 078-05-1120", 0)]
    [InlineData("SSN: 078-05-1120", 1)]
    [InlineData("social security number 078 05 1120", 1)]
    [InlineData("SS# 078051120", 1)]
    [InlineData("name,ssn\nAnn,078-05-1120\nBo,219-09-9999", 2)]
    [InlineData("ssn 666-05-1120", 0)]                                 // never issued
    public void An_SSN_needs_a_word_naming_it(string text, int count) => Assert.Equal(count, Found(text, Finding.UsSocialSecurityNumber));

    [Theory]
    [InlineData("my iban is gb82west12345698765432", 1)]               // lower case: mod 97 and the country's length decide
    [InlineData("GB82 WEST 1234 5698 7654 32", 1)]
    [InlineData("GB82WEST123456987654321", 0)]                         // one character longer than a British IBAN
    [InlineData("de44500105175407324931", 1)]
    public void An_IBAN_has_its_country_s_length_and_passes_mod_97(string text, int count) => Assert.Equal(count, Found(text, Finding.Iban));

    [Theory]
    [InlineData("GITHUB_TOKEN=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", Finding.GitHubToken)]
    [InlineData("github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghi", Finding.GitHubToken)]
    [InlineData("token: glpat-Xy3kP9qLmZ2vB7nR4tWc", Finding.GitLabToken)]
    [InlineData("SLACK_BOT=xoxb-2039485761-2039485761234-Qw3rTy8uIoP5aSdF6gHjK9lZ", Finding.SlackToken)]
    [InlineData("url: https://hooks.slack.com/services/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", Finding.SlackWebhook)]
    [InlineData("STRIPE=sk_live_4eC39HqLyjWDarjtT1zdp7dc", Finding.StripeSecretKey)]
    [InlineData("key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", Finding.GoogleApiKey)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=x;AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==", Finding.AzureStorageAccountKey)]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", Finding.JsonWebToken)]
    [InlineData("token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ", Finding.JsonWebToken)] // unsigned: header.payload
    [InlineData("DB_PASSWORD=Zq7!vR2#pL9x", Finding.SecretAssignment)]
    [InlineData("\"client_secret\": \"6da89121079f83b2eb6acccf8219ea98\"", Finding.SecretAssignment)]
    public void Each_provider_s_credential_is_found(string text, Finding kind)
    {
        Assert.Equal(1, Found(text, kind));
        Assert.Equal(DataClass.Restricted, DataClassRules.Decide(SensitivityScanner.Scan(text), "k", []).Class);
    }

    [Theory]
    [InlineData("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]          // documentation's placeholder
    [InlineData("password=changeme")]
    [InlineData("password: ${DB_PASSWORD}")]
    [InlineData("password = <password>")]
    [InlineData("api_key: xxxxxxxxxxxxxxxx")]
    [InlineData("token = process.env.GITHUB_TOKEN")]
    [InlineData("secret_length = 32")]
    [InlineData("access_token_url='https://github.com/login/oauth/access_token'")]
    [InlineData("publicToken = \"9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit\"")]
    [InlineData("bm90X3ZhbGlkX2pzb25fYXRfYWxs.bm90X3ZhbGlkX2pzb25fYXRfYWxs.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c")] // three parts, no JSON header
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJBBBBBBBBBBBBBBBB")] // two parts, the second no JSON
    [InlineData("the password is on the wiki")]
    [InlineData("CancellationToken cancellationToken = default)This can then be layered")] // code whose line break a PDF lost (Microsoft's .NET AI docs, in PdfPig's corpus)
    [InlineData("secret = null;return")]
    public void Placeholders_references_and_prose_are_not_credentials(string text) =>
        Assert.DoesNotContain(SensitivityScanner.Scan(text).Keys, DataClassRules.Credentials.Contains);

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\n-----END RSA PRIVATE KEY-----", 1)]
    [InlineData("{\"key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\"}", 1)] // pasted into JSON
    [InlineData("-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\nlQWGBGSVV4YBDAClvRnxezIRy2Yv7SFlzC0i\n", 1)]       // armour headers, a blank line
    [InlineData("-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----", 0)]                                    // no key in it
    [InlineData("if (line == \"-----BEGIN RSA PRIVATE KEY-----\") {", 0)]                                                  // code that reads keys
    [InlineData("#define MARK_BEGIN \"-----BEGIN OPENSSH PRIVATE KEY-----\\n\"\n#define MARK_END \"-----END OPENSSH PRIVATE KEY-----\\n\"", 0)] // OpenSSH's sshkey.c
    [InlineData("let k = \"-----BEGIN OPENSSH PRIVATE KEY-----\\n\" + wrapString(privk64, 70) + \"-----END OPENSSH PRIVATE KEY-----\\n\"", 0)]   // a key built at run time
    [InlineData("#define PRIV_RSA \\\n\"-----BEGIN OPENSSH PRIVATE KEY-----\\n\"\\\n\"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAABFwAAAAdzc2gtcn\\n\"\\\n", 1)] // a C string (OpenSSH's fixed-keys.h)
    [InlineData("String k = \"-----BEGIN EC PRIVATE KEY-----\\n\" +\n    \"MHcCAQEEIGhcvG8anyHew/xZJfozh5XIc1kmZZs6o2f0l3KFs4jgoAoGCCqGSM49\\n\" +\n", 1)] // Java strings
    [InlineData(" * -----BEGIN RSA PRIVATE KEY-----\n * MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\n", 1)]                         // a sample in a comment
    [InlineData("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nSubject: ssh-keygen test\nComment: \"1024-bit rsa\"\nP2/56wAAAi4AAAA3aWYtbW9kbntzaWdue3JzYS1wa2NzMS1zaGEx\n", 1)] // SSH.com's format
    [InlineData("PuTTY-User-Key-File-2: ssh-ed25519\nEncryption: aes256-cbc\nComment: root@sshj\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIDAdJiRkkBM8yC8seTEoAn2PfwbLKrkcahZ0xxPo\nWICJ\nPrivate-Lines: 1\nXFJyRzRt5NjuCVhDEyb50sI+gRn8FB65hh0U8uhGvP3VBl4haChinQasOTBYa4pj\nPrivate-MAC: 80f50e1a7075567980742644460edffeb67ca829", 1)] // PuTTY's .ppk
    [InlineData("PuTTY-User-Key-File-3: ssh-ed25519 is how a .ppk file starts; Private-Lines: says how many lines follow", 0)]  // prose about the format
    public void A_private_key_is_its_header_and_its_base64(string text, int count) => Assert.Equal(count, Found(text, Finding.PrivateKey));

    public static TheoryData<string, string> HostileLines() => new()
    {
        { "spaced digits", string.Concat(Enumerable.Repeat("4 ", 100_000)) },
        { "one long digit run", new string('4', 200_000) },
        { "card numbers beside 'card'", string.Concat(Enumerable.Repeat("card 4111111111111111 ", 10_000)) },
        { "assignments", string.Concat(Enumerable.Repeat("password=", 20_000)) },
        { "quotes", new string('"', 200_000) },
        { "JWT starts", string.Concat(Enumerable.Repeat("eyJhbGciOi.", 20_000)) },
        { "IBAN starts", string.Concat(Enumerable.Repeat("GB82", 50_000)) },
        { "Slack starts", string.Concat(Enumerable.Repeat("xoxb-1-", 30_000)) },
        { "a table's long row", "name,ssn,card\n" + string.Concat(Enumerable.Repeat("078-05-1120,4111111111111111,", 10_000)) },
    };

    /// <summary>The scanner runs on untrusted text: every pattern is bounded, so a line built to make one backtrack takes no longer than any other.</summary>
    [Theory]
    [MemberData(nameof(HostileLines))]
    public void A_hostile_line_is_scanned_in_linear_time(string what, string line)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SensitivityScanner.Scan(line);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"{what}: {watch.Elapsed.TotalMilliseconds:0} ms for {line.Length} characters");
    }

    [Fact]
    public void Every_kind_has_a_threshold() => Assert.All(Enum.GetValues<Finding>(), f => Assert.True(DataClassRules.Thresholds.ContainsKey(f), f.ToString()));

    [Fact]
    public void Only_counts_come_out_of_a_scan_never_a_value()
    {
        var counts = SensitivityScanner.Scan("password=Zq7!vR2#pL9x card 4111111111111111");
        Assert.All(counts, c => Assert.DoesNotContain("Zq7", c.Key.ToString()));
        Assert.Equal(2, counts.Values.Sum());
    }
}
