using Steward.Aws;
using Steward.Aws.Organizations;
using Steward.Aws.Storage;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Observability;
using Steward.Core.Organizations;
using Steward.Core.Ports;
using Steward.Core.Storage;

namespace Steward.StorageHooks;

/// <summary>
/// Entry point for S3 (and MinIO) object events and the reconciliation's schedule. Wiring: the clients and settings, then
/// each event handed to <see cref="StorageEventHandler"/>, which classifies and tags each new object version.
/// </summary>
public sealed class Function
{
    public static IEnumerable<string> IamActions =>
        S3ObjectStore.IamActions.Concat(DynamoDbStorageLedger.IamActions).Concat(Steward.Aws.Costs.S3SnapshotStore.IamActions).Concat(MinioDeployment.IamActions)
            .Concat(MemberRoles<StorageHook>.IamActions).Concat(OrganizationsAccountDirectory.IamActions).Distinct();

    /// <summary>What the hook does in a member account, through its member role (member/template.yaml grants exactly these).</summary>
    public static IEnumerable<string> MemberIamActions => S3ObjectStore.IamActions;

    /// <summary>The route MinIO's webhook target posts to (template.yaml declares it).</summary>
    public const string MinioRoute = StorageEventHandler.MinioRoute;

    private readonly StorageEventHandler _events;

    public Function() : this(ProcessEnvironment.Instance, TimeProvider.System, StructuredLog.ToStdout(nameof(StorageHooks))) { }

    private Function(IEnvironment env, TimeProvider clock, StructuredLog log)
    {
        var aws = new AwsEnvironment(env);
        var clients = new AwsClients(aws);
        var s3 = clients.S3();
        var objects = new S3ObjectStore(s3);
        var ledger = new DynamoDbStorageLedger(clients.DynamoDb(), Settings.LedgerTable(env));
        var settings = Settings.From(env);
        var hook = new StorageHook(objects, ledger, settings, clock, log);
        (MemberAccounts, IAccountAccess<AccountStorage>)? members = null;
        if (Settings.Members(env) is (var home, { RoleArn: { } roleArn } memberSettings))
            members = (MemberAccounts.Parse(home, memberSettings.Accounts, new OrganizationsAccountDirectory(clients.Signed(AwsService.Organizations))),
                new MemberRoles<AccountStorage>(clients, home, roleArn, (c, account) =>
                {
                    if (account == home) return new AccountStorage(objects, hook);
                    var there = new S3ObjectStore(c.S3());
                    return new AccountStorage(there, new StorageHook(there, ledger, settings, clock, log, account));
                }, clock));
        var reconciler = new StorageReconciler(objects, ledger, hook, new Steward.Aws.Costs.S3SnapshotStore(s3, Settings.ReportBucket(env)),
            // Stored data is priced in the region it is stored in; where Steward ships no catalog the ledger says "not priced".
            Steward.Core.Instances.PriceTable.TryLoad(aws.Region), Settings.WatchedBuckets(env), settings, clock, log,
            members is { } m && Settings.MemberBuckets(env, m.Item1) is { Count: > 0 } memberBuckets ? (memberBuckets, m.Item2) : Settings.NoMemberBuckets(env));
        Func<CancellationToken, Task<(MinioAccess, StorageHook)>>? minio = null;
        if (Settings.Minio(env) is var (tokensName, endpointName))
        {
            var ssm = clients.Ssm();
            var deployment = new MinioDeployment(new SsmSecureParameter(ssm, tokensName, "the webhook's tokens, separated by commas", clock, TimeSpan.FromMinutes(5)),
                new SsmSecureParameter(ssm, endpointName, "JSON of endpoint, accessKeyId and secretAccessKey", clock, TimeSpan.FromMinutes(5)));
            minio = async ct =>
            {
                var access = await deployment.AccessAsync(ct);
                return (access, new StorageHook(new S3ObjectStore(deployment.Client(access)), ledger, settings, clock, log));
            };
        }
        _events = new StorageEventHandler(hook, reconciler, Settings.ReconcileBudget(env), minio, log, members);
    }

    /// <summary>For tests: the hook (and the reconciliation) with fakes behind their ports.</summary>
    public Function(StorageHook hook, StructuredLog log, StorageReconciler? reconciler = null, TimeSpan? reconcileBudget = null,
        Func<CancellationToken, Task<(MinioAccess Access, StorageHook Hook)>>? minio = null) =>
        _events = new StorageEventHandler(hook, reconciler, reconcileBudget ?? TimeSpan.FromMinutes(10), minio, log);

    public async Task<Stream> Handle(Stream input) => (await _events.HandleAsync(input, CancellationToken.None)).Write();
}
