using System.Text.Json;
using System.Text.Json.Nodes;
using Steward.Core.Ports;

namespace Steward.Aws.Organizations;

/// <summary>
/// Organizations' ListAccounts over its JSON 1.1 protocol (target <c>AWSOrganizationsV20161128</c>), since its SDK package
/// is not served here: every page (<c>NextToken</c>), each account's <c>Id</c> and <c>Name</c>. Replace with
/// AmazonOrganizationsClient here, and nowhere else, when the package is served.
/// </summary>
public sealed class OrganizationsAccountDirectory(SignedAwsClient organizations) : IAccountDirectory
{
    public static readonly IReadOnlyList<string> IamActions = ["organizations:ListAccounts"];

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(CancellationToken ct) =>
        (await AccountsAsync(ct)).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);

    public async Task<IReadOnlyList<OrganizationAccount>> AccountsAsync(CancellationToken ct)
    {
        var accounts = new List<OrganizationAccount>();
        string? token = null;
        do
        {
            var request = new JsonObject { ["MaxResults"] = 20 }; // ListAccounts' largest page
            if (token is not null) request["NextToken"] = token;
            JsonElement page;
            try { page = await organizations.CallJsonAsync("ListAccounts", request.ToJsonString(), ct); }
            catch (DependencyFailed e) when (e.Code is "AWSOrganizationsNotInUseException" or "AccessDeniedException" or "AccessDenied")
            {
                throw new DependencyFailed("organizations", e.Code, e.Code == "AWSOrganizationsNotInUseException"
                    ? "this account is not in an AWS Organization, so its linked accounts have no names to read"
                    : $"not allowed to list the organization's accounts ({e.Reason}): run the report in the management account (or a delegated administrator) with organizations:ListAccounts",
                    e.HttpStatus, e);
            }
            foreach (var account in page.TryGetProperty("Accounts", out var a) ? a.EnumerateArray() : default)
                if (account.TryGetProperty("Id", out var id) && id.GetString() is { } key)
                    accounts.Add(new OrganizationAccount(key, account.TryGetProperty("Name", out var n) && n.GetString() is { Length: > 0 } name ? name : key,
                        // SUSPENDED and PENDING_CLOSURE accounts are still listed (and billed): named, never acted in.
                        !account.TryGetProperty("Status", out var status) || status.GetString() == "ACTIVE"));
            token = page.TryGetProperty("NextToken", out var next) && next.GetString() is { Length: > 0 } t ? t : null;
        } while (token is not null);
        return accounts;
    }
}
