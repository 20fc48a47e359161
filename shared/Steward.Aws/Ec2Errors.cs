using Amazon.EC2;
using Steward.Core.Ports;

namespace Steward.Aws;

/// <summary>
/// EC2's errors in the domain's words, in one place for every EC2 adapter: no capacity or an account limit is
/// <see cref="CapacityUnavailable"/>, throttling (after the SDK's own retries) <see cref="Throttled"/>, anything else
/// <see cref="DependencyFailed"/> with EC2's code and status.
/// </summary>
public static class Ec2Errors
{
    public static DependencyException Translate(AmazonEC2Exception e) => e.ErrorCode switch
    {
        "InsufficientInstanceCapacity" or "InsufficientCapacity" or "InstanceLimitExceeded" or "VcpuLimitExceeded" or "MaxSpotInstanceCountExceeded"
            => new CapacityUnavailable("ec2", e.ErrorCode, e.Message, e),
        "RequestLimitExceeded" or "Throttling" => new Throttled("ec2", e.ErrorCode, e.Message, e),
        _ => new DependencyFailed("ec2", e.ErrorCode ?? "Unknown", e.Message, (int)e.StatusCode, e),
    };

    /// <summary>Runs one EC2 call, translating its error.</summary>
    public static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AmazonEC2Exception e) { throw Translate(e); }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("ec2", "EC2", e); }
    }
}
