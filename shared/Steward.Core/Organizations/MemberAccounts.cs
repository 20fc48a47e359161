using System.Text.RegularExpressions;
using Steward.Core.Ports;

namespace Steward.Core.Organizations;

public enum AccountKind
{
    /// <summary>The account Steward is deployed in: it acts with its own role.</summary>
    Home,
    /// <summary>An account Steward is configured to act in, through the member role deployed there.</summary>
    Member,
    /// <summary>Any other account: Steward never acts there, and says so.</summary>
    NotMember,
}

/// <summary>Where one account stands for Steward, with the name people know it by (its id when Organizations gave none).</summary>
public sealed record AccountStanding(string AccountId, AccountKind Kind, string Name)
{
    /// <summary>"Payments prod (111111111111)", or the id alone when there is no name.</summary>
    public string Label => Name == AccountId ? AccountId : $"{Name} ({AccountId})";
}

/// <summary>
/// Which accounts Steward acts in besides its own: a list of account ids, or every active account of the organization
/// (<see cref="WholeOrganization"/>, read with Organizations' ListAccounts; a suspended or closing one is not acted in). Parsed and checked at start; the organization's
/// accounts and every account's name are read once a process, the first time an account other than home is asked about,
/// so a deployment without members never calls Organizations.
/// </summary>
public sealed partial class MemberAccounts
{
    public const string WholeOrganization = "ORGANIZATION";

    private readonly IReadOnlySet<string>? _listed; // null: the whole organization
    private readonly IAccountDirectory? _directory;
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<OrganizationAccount>>? _names;

    private MemberAccounts(string home, IReadOnlySet<string>? listed, IAccountDirectory? directory)
    {
        HomeAccountId = home;
        _listed = listed;
        _directory = directory;
    }

    public string HomeAccountId { get; }

    /// <summary>True when there is any account besides home to act in.</summary>
    public bool Any => _listed is null || _listed.Count > 0;

    /// <summary>The home account alone.</summary>
    public static MemberAccounts None(string home) => new(home, new HashSet<string>(), null);

    /// <summary>
    /// Reads <c>MEMBER_ACCOUNTS</c>: empty for none, <c>ORGANIZATION</c> for every account of the organization, or account
    /// ids separated by commas or spaces.
    /// </summary>
    /// <exception cref="ConfigurationException">An entry is not a 12-digit account id, or the organization is asked for with no way to read it.</exception>
    public static MemberAccounts Parse(string home, string? text, IAccountDirectory? directory, string variable = "MEMBER_ACCOUNTS")
    {
        var entries = (text ?? "").Split([',', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 1 && entries[0].Equals(WholeOrganization, StringComparison.OrdinalIgnoreCase))
            return new(home, null, directory ?? throw new ConfigurationException($"{variable} is {WholeOrganization}, but nothing here can read the organization's accounts"));
        var bad = entries.Where(e => !AccountId().IsMatch(e)).ToList();
        if (bad.Count > 0)
            throw new ConfigurationException($"{variable} has {string.Join(", ", bad.Select(b => $"'{b}'"))}: write 12-digit account ids separated by commas, or {WholeOrganization} for every account of the organization");
        return new(home, entries.Where(e => e != home).ToHashSet(StringComparer.Ordinal), directory);
    }

    /// <summary>Whether Steward may act in <paramref name="accountId"/>, and the account's name.</summary>
    /// <exception cref="DependencyFailed">The whole organization is configured and its accounts cannot be read now.</exception>
    public async Task<AccountStanding> StandingAsync(string accountId, CancellationToken ct)
    {
        if (accountId == HomeAccountId && _names is null) return new(accountId, AccountKind.Home, accountId);
        var known = (await NamesAsync(ct)).FirstOrDefault(a => a.Id == accountId);
        var kind = accountId == HomeAccountId ? AccountKind.Home
            : _listed is null ? (known is { Active: true } ? AccountKind.Member : AccountKind.NotMember)
            : _listed.Contains(accountId) ? AccountKind.Member : AccountKind.NotMember;
        return new(accountId, kind, known?.Name ?? accountId);
    }

    /// <summary>Every account Steward acts in: its own first, then each member (the organization's, read once).</summary>
    /// <exception cref="DependencyFailed">The whole organization is configured and its accounts cannot be read now.</exception>
    public async Task<IReadOnlyList<string>> AccountsAsync(CancellationToken ct)
    {
        IEnumerable<string> others = _listed ?? (await NamesAsync(ct)).Where(a => a.Active).Select(a => a.Id);
        return [HomeAccountId, .. others.Where(a => a != HomeAccountId).Order(StringComparer.Ordinal)];
    }

    /// <summary>Whether the account can be one Steward acts in, as far as the settings alone say (the organization's are known later).</summary>
    public bool Admits(string accountId) => accountId == HomeAccountId || _listed is null || _listed.Contains(accountId);

    /// <summary>Where people read which accounts are members, for a refusal's words.</summary>
    public string Describe() => _listed is null ? "every account of the organization"
        : _listed.Count == 0 ? "none" : string.Join(", ", _listed.Order(StringComparer.Ordinal));

    private async Task<IReadOnlyList<OrganizationAccount>> NamesAsync(CancellationToken ct)
    {
        Task<IReadOnlyList<OrganizationAccount>> reading;
        lock (_gate) reading = _names ??= ReadNamesAsync(ct);
        try { return await reading; }
        catch (DependencyException)
        {
            // The whole organization cannot be known without it: this invocation fails, and the next one reads again.
            lock (_gate) if (_names == reading) _names = null;
            throw;
        }
    }

    private async Task<IReadOnlyList<OrganizationAccount>> ReadNamesAsync(CancellationToken ct)
    {
        if (_directory is null) return [];
        try { return await _directory.AccountsAsync(ct); }
        catch (DependencyException) when (_listed is not null)
        {
            // Listed members need no Organizations: without names, the ids are said. Not read again this process.
            return [];
        }
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();
}
