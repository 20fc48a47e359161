using Amazon.SimpleSystemsManagement;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>
/// API keys from an SSM SecureString parameter (<c>user:key</c> pairs), cached briefly so a rotation takes effect within
/// minutes without a call to SSM on every request. The keys are never logged, and neither is the parameter's value.
/// </summary>
public sealed class SsmApiKeyStore(IAmazonSimpleSystemsManagement ssm, string parameterName, TimeProvider clock, TimeSpan cacheFor) : IApiKeyStore
{
    public static IReadOnlyList<string> IamActions => SsmSecureParameter.IamActions;

    private readonly SsmSecureParameter _parameter = new(ssm, parameterName, "user:key pairs", clock, cacheFor);

    public async Task<IReadOnlyList<ApiCredential>> GetAsync(CancellationToken ct)
    {
        var value = await _parameter.GetAsync(ct);
        try { return BasicAuthentication.ParseCredentials(value); }
        catch (FormatException e) { throw new DependencyFailed("ssm", "MalformedParameter", $"{parameterName}: {e.Message}", 500); }
    }
}
