using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Steward.Core.Ports;

namespace Steward.Aws;

/// <summary>
/// One SSM SecureString, decrypted and cached briefly, so a rotation takes effect within minutes without a call to SSM on
/// every request. Its value is never logged; errors name the parameter, never its content.
/// </summary>
public sealed class SsmSecureParameter(IAmazonSimpleSystemsManagement ssm, string name, string holds, TimeProvider clock, TimeSpan cacheFor)
{
    public static readonly IReadOnlyList<string> IamActions = ["ssm:GetParameter", "kms:Decrypt"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Value, DateTimeOffset Until)? _cache;

    public string Name => name;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (_cache is { } fresh && fresh.Until > clock.GetUtcNow()) return fresh.Value;
        await _gate.WaitAsync(ct);
        try
        {
            if (_cache is { } again && again.Until > clock.GetUtcNow()) return again.Value;
            string value;
            try { value = (await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true }, ct)).Parameter.Value; }
            catch (ParameterNotFoundException e)
            {
                throw new DependencyFailed("ssm", "ParameterNotFound", $"the parameter {name} does not exist: create it as a SecureString holding {holds}", 404, e);
            }
            catch (AmazonSimpleSystemsManagementException e)
            {
                throw new DependencyFailed("ssm", e.ErrorCode ?? "Unknown", $"cannot read the parameter {name}: {e.ErrorCode}", (int)e.StatusCode, e);
            }
            catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("ssm", name, e); }
            _cache = (value, clock.GetUtcNow() + cacheFor);
            return value;
        }
        finally { _gate.Release(); }
    }
}
