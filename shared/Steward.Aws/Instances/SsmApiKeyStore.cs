using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Steward.Core.Instances;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>
/// API keys from an SSM SecureString parameter (<c>user:key</c> pairs), cached briefly so a rotation takes effect within
/// minutes without a call to SSM on every request. The keys are never logged, and neither is the parameter's value.
/// </summary>
public sealed class SsmApiKeyStore(IAmazonSimpleSystemsManagement ssm, string parameterName, TimeProvider clock, TimeSpan cacheFor) : IApiKeyStore
{
    public static readonly IReadOnlyList<string> IamActions = ["ssm:GetParameter", "kms:Decrypt"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (IReadOnlyList<ApiCredential> Keys, DateTimeOffset Until)? _cache;

    public async Task<IReadOnlyList<ApiCredential>> GetAsync(CancellationToken ct)
    {
        if (_cache is { } fresh && fresh.Until > clock.GetUtcNow()) return fresh.Keys;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cache is { } again && again.Until > clock.GetUtcNow()) return again.Keys;
            string value;
            try
            {
                value = (await ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName, WithDecryption = true }, ct)).Parameter.Value;
            }
            catch (ParameterNotFoundException e)
            {
                throw new DependencyFailed("ssm", "ParameterNotFound", $"the API key parameter {parameterName} does not exist: create it as a SecureString of user:key pairs", 404, e);
            }
            catch (AmazonSimpleSystemsManagementException e)
            {
                throw new DependencyFailed("ssm", e.ErrorCode ?? "Unknown", $"cannot read the API key parameter {parameterName}: {e.ErrorCode}", (int)e.StatusCode, e);
            }
            IReadOnlyList<ApiCredential> keys;
            try { keys = BasicAuthentication.ParseCredentials(value); }
            catch (FormatException e) { throw new DependencyFailed("ssm", "MalformedParameter", $"{parameterName}: {e.Message}", 500); }
            _cache = (keys, clock.GetUtcNow() + cacheFor);
            return keys;
        }
        finally
        {
            _gate.Release();
        }
    }
}
