using System.Text;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.Tests.Instances;

public class BasicAuthenticationTests
{
    private static readonly ApiCredential[] Keys = [new("apikey1", "old-key"), new("apikey1", "new-key"), new("reporting", "r-key")];
    private static string Basic(string userAndKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndKey));

    [Theory]
    [InlineData("apikey1:old-key", "apikey1")]
    [InlineData("apikey1:new-key", "apikey1")]
    [InlineData("reporting:r-key", "reporting")]
    public void Each_key_in_force_authenticates_its_user_so_keys_rotate_without_downtime(string pair, string user) =>
        Assert.Equal(user, BasicAuthentication.Authenticate(Basic(pair), Keys));

    [Theory]
    [InlineData("apikey1:wrong")]
    [InlineData("reporting:old-key")]
    [InlineData("apikey1:")]
    [InlineData("apikey1")]
    public void A_wrong_user_or_key_authenticates_nobody(string pair) => Assert.Null(BasicAuthentication.Authenticate(Basic(pair), Keys));

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!not-base64")]
    public void A_missing_or_other_scheme_header_authenticates_nobody(string? header) => Assert.Null(BasicAuthentication.Authenticate(header, Keys));

    [Fact]
    public void A_key_may_contain_colons() =>
        Assert.Equal("u", BasicAuthentication.Authenticate(Basic("u:a:b:c"), BasicAuthentication.ParseCredentials("u:a:b:c")));

    [Fact]
    public void Keys_are_read_from_commas_or_lines_and_a_bad_entry_never_echoes_its_text()
    {
        Assert.Equal(2, BasicAuthentication.ParseCredentials("a:1,\nb:2\n").Count);
        var e = Assert.Throws<FormatException>(() => BasicAuthentication.ParseCredentials("a:1,secret-without-user"));
        Assert.DoesNotContain("secret", e.Message.Replace("entry not shown", ""));
        Assert.DoesNotContain("1", new ApiCredential("a", "1").ToString());
    }
}
