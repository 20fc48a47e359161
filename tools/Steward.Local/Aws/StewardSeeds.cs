using System.Security.Cryptography;
using Amazon.EC2.Model;
using Amazon.EC2;
using Amazon.SimpleSystemsManagement.Model;
using Amazon.SimpleSystemsManagement;
using Steward.Changes.CloudFormation;
using Steward.Core.Instances;
using Steward.Local.Template;

namespace Steward.Local.Aws;

/// <summary>
/// What moto lacks and Steward needs, put in place the way a deployer would: the OS image parameters (moto knows only
/// Amazon Linux's, and refuses writes under <c>/aws/</c> as AWS does, so the runner mirrors the public tree under
/// <see cref="LocalImagePrefix"/> and sets the template's <c>ImageParameterPrefix</c> to it), and the API keys' SecureString.
/// </summary>
public sealed class StewardSeeds(IAmazonSimpleSystemsManagement ssm, IAmazonEC2 ec2, Action<string> say)
{
    public const string LocalImagePrefix = "/steward-local";
    public const string ImagePrefixParameter = "ImageParameterPrefix";
    public const string ApiKeysParameter = "ApiKeysParameterName";
    public const string ApiKeysVariable = "STEWARD_API_KEYS";
    public const string MinioTokensVariable = "STEWARD_MINIO_TOKENS";
    public const string MinioTokensParameter = "MinioTokensParameterName", MinioEndpointParameter = "MinioEndpointParameterName";

    /// <summary>The template parameters the runner sets unless the person running it set them: those the template declares.</summary>
    public static Dictionary<string, string> ParameterDefaults(CloudFormationTemplate template) =>
        new Dictionary<string, string>
            {
                [ImagePrefixParameter] = LocalImagePrefix,
                // The runner's S3 (moto) plays a MinIO deployment: its webhook route is live, with tokens seeded below.
                [MinioTokensParameter] = LocalImagePrefix + "/minio-tokens", [MinioEndpointParameter] = LocalImagePrefix + "/minio-endpoint",
            }
            .Where(p => template.Section("Parameters").ContainsKey(p.Key)).ToDictionary();

    /// <summary>Which of moto's images stands in for each OS, by name: moto has old images of each family, not the current ones.</summary>
    private static readonly Dictionary<string, Func<Image, bool>> StandIns = new()
    {
        ["al2023"] = i => i.Name?.StartsWith("al2023-ami-", StringComparison.Ordinal) == true,
        ["ubuntu-24.04"] = i => i.Name?.Contains("ubuntu", StringComparison.OrdinalIgnoreCase) == true && i.Platform is null,
        ["rhel-9"] = i => i.Name?.StartsWith("RHEL", StringComparison.Ordinal) == true,
        ["windows-2022"] = i => i.Name?.StartsWith("Windows_Server-", StringComparison.Ordinal) == true && i.Name.Contains("English-Full-Base"),
    };

    public async Task SeedAsync(LocalStack stack, string? apiKeys, CancellationToken ct, string? minioTokens = null, Uri? awsEndpoint = null)
    {
        var prefix = stack.Parameter(ImagePrefixParameter);
        if (prefix.Length > 0) await SeedImagesAsync(prefix, ct);
        await SeedApiKeysAsync(stack.Parameter(ApiKeysParameter), apiKeys, ct);
        if (awsEndpoint is not null && stack.Parameter(MinioTokensParameter) is { Length: > 0 } tokens && stack.Parameter(MinioEndpointParameter) is { Length: > 0 } endpoint)
            await SeedMinioAsync(tokens, endpoint, minioTokens, awsEndpoint, ct);
    }

    /// <summary>The MinIO webhook's tokens (from STEWARD_MINIO_TOKENS, or one made and printed) and moto as its deployment's S3.</summary>
    private async Task SeedMinioAsync(string tokensName, string endpointName, string? tokens, Uri awsEndpoint, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(tokens))
        {
            tokens = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
            say($"MinIO webhook token made for this run (set {MinioTokensVariable}=token to choose your own): {tokens}");
        }
        else say($"MinIO webhook tokens from {MinioTokensVariable} in {tokensName}");
        await ssm.PutParameterAsync(new PutParameterRequest { Name = tokensName, Type = ParameterType.SecureString, Value = tokens, Overwrite = true }, ct);
        var endpoint = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
            { ["endpoint"] = awsEndpoint.ToString().TrimEnd('/'), ["accessKeyId"] = "testing", ["secretAccessKey"] = "testing" });
        await ssm.PutParameterAsync(new PutParameterRequest { Name = endpointName, Type = ParameterType.SecureString, Value = endpoint, Overwrite = true }, ct);
    }

    private async Task SeedImagesAsync(string prefix, CancellationToken ct)
    {
        var images = (await ec2.DescribeImagesAsync(new DescribeImagesRequest(), ct)).Images ?? [];
        foreach (var os in Catalog.OperatingSystems)
        {
            string? imageId;
            try { imageId = (await ssm.GetParameterAsync(new GetParameterRequest { Name = os.ImageParameter }, ct)).Parameter.Value; }
            catch (ParameterNotFoundException) { imageId = images.Where(StandIns[os.Id]).OrderByDescending(i => i.CreationDate).FirstOrDefault()?.ImageId; }
            if (imageId is null)
            {
                say($"  note: moto has no image to stand in for {os.DisplayName}; requests for it will answer 502");
                continue;
            }
            await ssm.PutParameterAsync(new PutParameterRequest { Name = prefix + os.ImageParameter, Type = ParameterType.String, Value = imageId, Overwrite = true }, ct);
            say($"image {os.DisplayName,-27} {prefix}{os.ImageParameter} = {imageId}");
        }
    }

    private async Task SeedApiKeysAsync(string parameterName, string? apiKeys, CancellationToken ct)
    {
        string value;
        if (!string.IsNullOrWhiteSpace(apiKeys))
        {
            IReadOnlyList<Steward.Core.Ports.ApiCredential> credentials;
            try { credentials = BasicAuthentication.ParseCredentials(apiKeys); }
            catch (FormatException e) { throw new LocalRunnerException($"{ApiKeysVariable}: {e.Message}; write user:key pairs separated by commas"); }
            value = apiKeys;
            say($"API keys from {ApiKeysVariable} for user(s) {string.Join(", ", credentials.Select(c => c.User))} in {parameterName}");
        }
        else
        {
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
            value = "servicenow:" + key;
            say($"API key made for this run (set {ApiKeysVariable}=user:key to choose your own): user servicenow, key {key}");
        }
        await ssm.PutParameterAsync(new PutParameterRequest { Name = parameterName, Type = ParameterType.SecureString, Value = value, Overwrite = true }, ct);
    }
}
