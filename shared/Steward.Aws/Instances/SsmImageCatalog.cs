using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Steward.Core.Ports;

namespace Steward.Aws.Instances;

/// <summary>
/// An OS's public SSM parameter read for today's image, and the image described for its root device name. With a prefix,
/// the same path under it is read instead: an organisation's mirror of approved images (and the local runner's seeds).
/// </summary>
public sealed class SsmImageCatalog(IAmazonSimpleSystemsManagement ssm, IAmazonEC2 ec2, string parameterPrefix = "") : IImageCatalog
{
    public static readonly IReadOnlyList<string> IamActions = ["ssm:GetParameter", "ec2:DescribeImages"];

    public async Task<MachineImage> ResolveAsync(string publicParameter, CancellationToken ct)
    {
        var parameterName = parameterPrefix + publicParameter;
        string imageId;
        try
        {
            imageId = (await ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName }, ct)).Parameter.Value;
        }
        catch (ParameterNotFoundException e)
        {
            throw new DependencyFailed("ssm", "ParameterNotFound", $"the image parameter {parameterName} does not exist in this region", 404, e);
        }
        catch (AmazonSimpleSystemsManagementException e)
        {
            throw new DependencyFailed("ssm", e.ErrorCode ?? "Unknown", e.Message, (int)e.StatusCode, e);
        }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("ssm", parameterName, e); }

        try
        {
            var image = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [imageId] }, ct)).Images?.FirstOrDefault()
                ?? throw new DependencyFailed("ec2", "InvalidAMIID.NotFound", $"{parameterName} points at {imageId}, which EC2 does not know", 404);
            return new MachineImage(image.ImageId, image.RootDeviceName ?? "/dev/xvda");
        }
        catch (AmazonEC2Exception e)
        {
            throw Ec2Errors.Translate(e);
        }
        catch (Exception e) when (Unreachable.Is(e)) { throw Unreachable.Translate("ec2", imageId, e); }
    }
}
