using System.Globalization;
using Steward.Core.Events;
using Steward.Core.Json;
using Steward.Core.Organizations;
using Steward.Core.Ports;

namespace Steward.Core.Instances;

/// <summary>The deployer's choices for instance requests, from the template.</summary>
public sealed record InstanceRequestsOptions(decimal MonthlyCeiling, RequestDefaults Defaults);

/// <summary>
/// Quote, build, report, decommission and lease-sweep servers for ServiceNow requests. Decides everything; acts only through
/// the ports. Every answer is an API Gateway response: JSON, or a problem a ServiceNow admin can act on.
/// <para>
/// In an organization a request may name a member account (or its cost centre may build in one): the server is then
/// quoted, built, reported and decommissioned there, through the account's member role (<paramref name="fleets"/>), and
/// where it is (<paramref name="placements"/>) is kept before it is launched. An account that is not a member is refused.
/// </para>
/// </summary>
/// <param name="requestItems">Where the request item's updates wait for ServiceNow (launched, failed, decommissioned); none when ServiceNow is not set up.</param>
public sealed class InstanceLifecycle(
    IImageCatalog images, IAccountAccess<IInstanceFleet> fleets, MemberAccounts members, IServerPlacements placements, IIdempotencyStore idempotency,
    INotifier notifier, PriceTable prices, InstanceRequestsOptions options, TimeProvider clock, RequestItems.IRequestItemOutbox? requestItems = null)
{
    private readonly RequestItems.IRequestItemOutbox _requestItems = requestItems ?? RequestItems.NoRequestItemOutbox.Instance;

    /// <summary>Servers in one account only (the fleet's).</summary>
    public InstanceLifecycle(IImageCatalog images, IInstanceFleet fleet, IIdempotencyStore idempotency, INotifier notifier,
        PriceTable prices, InstanceRequestsOptions options, TimeProvider clock, RequestItems.IRequestItemOutbox? requestItems = null)
        : this(images, new HomeAccountOnly<IInstanceFleet>(Home, fleet), MemberAccounts.None(Home), NoPlacements.Instance, idempotency, notifier, prices, options, clock, requestItems) { }

    /// <summary>The account a single-account lifecycle calls its own: any id does, since no other is ever asked for.</summary>
    private const string Home = "000000000000";

    public const string ReplayHeader = "X-Steward-Replayed";
    private static readonly string[] GoneStates = ["shutting-down", "terminated"];

    public Task<ApiGatewayProxyResponse> QuoteAsync(IReadOnlyDictionary<string, string> fields) =>
        Task.FromResult(Read(fields, out var request, out var warnings) ?? QuoteAnswerFor(request!, warnings));

    private ApiGatewayProxyResponse QuoteAnswerFor(InstanceRequest request, List<string> warnings)
    {
        var quote = Quote(request);
        var answer = new QuoteAnswer
        {
            OperatingSystem = request.OperatingSystem.DisplayName,
            InstanceType = request.Size.InstanceType,
            VolumeGiB = request.VolumeGiB,
            Quote = quote,
            MonthlyCeiling = options.MonthlyCeiling,
            NeedsApproval = quote.MonthlyTotal > options.MonthlyCeiling,
            Tags = InstanceTags.For(request, request.RequestNumber ?? "(assigned at build)", quote, LeaseEnd(request)),
            Warnings = warnings.Count > 0 ? warnings : null,
        };
        return ApiResponses.Json(200, ApiJson.Serialize(answer));
    }

    public async Task<ApiGatewayProxyResponse> BuildAsync(IReadOnlyDictionary<string, string> fields, CancellationToken ct)
    {
        if (Read(fields, out var request, out var warnings) is { } invalid) return invalid;
        var quote = Quote(request!);
        if (quote.MonthlyTotal > options.MonthlyCeiling && request!.ApprovalReference is null)
            return ApiResponses.Problem(new ProblemDetails
            {
                Title = "Over the monthly ceiling",
                Status = 403,
                Detail = $"This server would cost {Money.Exact(quote.MonthlyTotal, quote.Currency)} a month, over the ceiling of {Money.Exact(options.MonthlyCeiling, quote.Currency)}. " +
                         "Get it approved and send the approval's number as approval_reference, or choose a smaller size or volume.",
                Quote = quote,
                MonthlyCeiling = options.MonthlyCeiling,
                RequestNumber = request.RequestNumber,
            });

        var account = request!.Account ?? members.HomeAccountId;
        if (await RefusedAccountAsync(account, request.RequestNumber, "built", ct) is { } refused) return refused;

        var number = request.RequestNumber;
        if (number is null)
        {
            number = "STW" + clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            warnings.Add($"no request_number was sent, so Steward assigned {number}; a retry of this call would build a second server. " +
                         $"Send request_number (or the {InstanceRequestReader.RequestNumberHeader} header) to make retries safe.");
        }

        return await Guarded(number, async () =>
        {
            var claim = await idempotency.ClaimAsync(number, request.Fingerprint, Summary(request), clock.GetUtcNow(), ct);
            switch (claim)
            {
                case IdempotencyClaim.Completed done when done.Fingerprint == request.Fingerprint:
                    return Replay(done.Answer);
                case IdempotencyClaim.Completed other:
                    return Conflict(number, other.Summary);
                case IdempotencyClaim.InProgress busy when busy.Fingerprint == request.Fingerprint:
                    return ApiResponses.Problem(new ProblemDetails
                    {
                        Title = "Already being built", Status = 409, RequestNumber = number,
                        Detail = $"An earlier call for {number} is building this server now. Retry in a few seconds to get its answer.",
                    }, new() { ["Retry-After"] = "5" });
                case IdempotencyClaim.InProgress other:
                    return Conflict(number, other.Summary);
            }

            try
            {
                var answer = await NotingFailureAsync(number, request, () => LaunchOrFindAsync(number, account, request, quote, warnings, ct), ct);
                await idempotency.CompleteAsync(number, new StoredAnswer(answer.StatusCode, answer.Body!), clock.GetUtcNow(), ct);
                return answer;
            }
            catch
            {
                // The number is free again for a retry; nothing was launched, or what was is tagged and found next time.
                await idempotency.ReleaseAsync(number, CancellationToken.None);
                throw;
            }
        });
    }

    private async Task<ApiGatewayProxyResponse> LaunchOrFindAsync(string number, string account, InstanceRequest request, CostEstimate quote, List<string> warnings, CancellationToken ct)
    {
        var fleet = await fleets.InAsync(account, "steward-build-" + number, ct);
        // Where the server will be is kept before it exists: a status or decommission call finds it by its number alone.
        if (account != members.HomeAccountId) await placements.RecordAsync(number, account, ct);
        // Belt and braces: the idempotency record may have expired, but the server's tags never do.
        var existing = await fleet.FindByRequestAsync(number, ct);
        if (existing is not null && !GoneStates.Contains(existing.State))
        {
            if (existing.Tags.GetValueOrDefault(InstanceTags.Fingerprint) != request.Fingerprint)
                return Conflict(number, $"instance {existing.InstanceId} ({existing.InstanceType}, cost centre {existing.Tags.GetValueOrDefault(InstanceTags.CostCenter)})");
            return Json(200, View(number, account, existing, warnings: [.. warnings, $"{number} was already built as {existing.InstanceId}; nothing new was launched"]));
        }

        var image = await images.ResolveAsync(request.OperatingSystem.ImageParameter, ct);
        var tags = InstanceTags.For(request, number, quote, LeaseEnd(request));
        var token = number + "-" + clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var instance = await fleet.LaunchAsync(new LaunchSpec(number, image.ImageId, image.RootDeviceName, request.Size.InstanceType, request.VolumeGiB, tags, token), ct);
        if (request.RequestItemSysId is { } sysId)
            await _requestItems.SendAsync(RequestItems.RequestItemNotes.Launched(sysId, number, account == members.HomeAccountId ? null : account, instance, image.ImageId,
                request.OperatingSystem.DisplayName, quote, clock.GetUtcNow()), ct);
        return Json(202, View(number, account, instance, quote, warnings));
    }

    /// <summary>A build AWS refused or could not serve is told to its request item too, in words, before the answer goes back.</summary>
    private async Task<ApiGatewayProxyResponse> NotingFailureAsync(string number, InstanceRequest request, Func<Task<ApiGatewayProxyResponse>> build, CancellationToken ct)
    {
        try { return await build(); }
        catch (DependencyException e) when (request.RequestItemSysId is { } sysId)
        {
            var reason = e switch
            {
                CapacityUnavailable => $"AWS has no {request.Size.InstanceType} capacity now ({e.Code}); try again later or choose another size",
                Throttled => "AWS is throttling requests; ServiceNow may retry the request",
                _ => $"{e.Service} answered {e.Code}: {e.Reason}",
            };
            await _requestItems.SendAsync(RequestItems.RequestItemNotes.Failed(sysId, number, reason, request.CloseItem, clock.GetUtcNow()), CancellationToken.None);
            throw;
        }
    }

    public async Task<ApiGatewayProxyResponse> StatusAsync(string requestNumber, CancellationToken ct)
    {
        if (BadNumber(requestNumber) is { } bad) return bad;
        var number = requestNumber.Trim().ToUpperInvariant();
        return await Guarded(number, async () =>
        {
            var (account, fleet, refused) = await FleetOfAsync(number, "reported", "steward-status-", ct);
            if (refused is not null) return refused;
            var instance = await fleet!.FindByRequestAsync(number, ct);
            return instance is null ? NotFound(number) : Json(200, View(number, account, instance));
        });
    }

    public async Task<ApiGatewayProxyResponse> DecommissionAsync(string requestNumber, bool finalSnapshot, CancellationToken ct)
    {
        if (BadNumber(requestNumber) is { } bad) return bad;
        var number = requestNumber.Trim().ToUpperInvariant();
        return await Guarded(number, async () =>
        {
            var (account, fleet, refused) = await FleetOfAsync(number, "decommissioned", "steward-decommission-", ct);
            if (refused is not null) return refused;
            var instance = await fleet!.FindByRequestAsync(number, ct);
            if (instance is null) return NotFound(number);
            if (GoneStates.Contains(instance.State))
                return Json(200, View(number, account, instance, warnings: [$"{number} was already decommissioned ({instance.State}); nothing was done"]));

            List<string>? snapshots = null;
            if (finalSnapshot)
            {
                var snapshotTags = new Dictionary<string, string>
                {
                    [InstanceTags.ServiceNowRequest] = number, [InstanceTags.ManagedBy] = InstanceTags.ManagedByValue,
                    ["steward:final-snapshot-of"] = instance.InstanceId,
                    [InstanceTags.CostCenter] = instance.Tags.GetValueOrDefault(InstanceTags.CostCenter, options.Defaults.CostCenter),
                };
                snapshots = [.. await fleet.SnapshotVolumesAsync(instance, snapshotTags, ct)];
            }
            await fleet.TerminateAsync(instance.InstanceId, ct);
            if (instance.Tags.GetValueOrDefault(InstanceTags.RequestItemSysId) is { Length: > 0 } sysId)
                await _requestItems.SendAsync(RequestItems.RequestItemNotes.Decommissioned(sysId, number, instance.InstanceId, snapshots, clock.GetUtcNow()), ct);
            return Json(202, View(number, account, instance with { State = "shutting-down" }) with { SnapshotIds = snapshots });
        });
    }

    /// <summary>Stops every running server past its lease and tells people; a failure on one does not spare the others.</summary>
    /// <remarks>Every account Steward builds in is swept: its own and each member's; a member that cannot be reached is reported, not skipped silently.</remarks>
    public async Task<LeaseSweepReport> SweepLeasesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var running = new List<(string Account, IInstanceFleet Fleet, ServerInstance Instance)>();
        var stopped = new List<string>();
        var failed = new List<string>();
        foreach (var account in await members.AccountsAsync(ct))
        {
            try
            {
                var fleet = await fleets.InAsync(account, "steward-lease-sweep", ct);
                running.AddRange((await fleet.FindRunningManagedAsync(ct)).Select(i => (account, fleet, i)));
            }
            catch (DependencyException e) { failed.Add($"account {account}: {e.Message}"); }
        }
        foreach (var (account, fleet, instance) in running)
        {
            if (InstanceTags.LeaseEndOf(instance) is not { } end || end > now) continue;
            var number = instance.Tags.GetValueOrDefault(InstanceTags.ServiceNowRequest, "(no request)");
            try
            {
                await fleet.StopAsync(instance.InstanceId, new Dictionary<string, string> { [InstanceTags.LeaseExpired] = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) }, ct);
                await notifier.PublishAsync($"Steward: lease ended, {number} stopped",
                    $"The lease of server {instance.InstanceId}{(account == members.HomeAccountId ? "" : $" in account {account}")} ({number}, owner {instance.Tags.GetValueOrDefault(InstanceTags.Owner, "unknown")}, " +
                    $"application {instance.Tags.GetValueOrDefault(InstanceTags.Application, "unknown")}) ended on {end:yyyy-MM-dd}. It has been stopped, not deleted: " +
                    $"its disks are kept. To keep it, extend the lease in ServiceNow and start it again; to remove it, decommission {number}.", ct);
                stopped.Add(instance.InstanceId);
            }
            catch (DependencyException e)
            {
                failed.Add($"{instance.InstanceId}: {e.Message}");
            }
        }
        return new LeaseSweepReport(running.Count, stopped, failed);
    }

    private ApiGatewayProxyResponse? Read(IReadOnlyDictionary<string, string> fields, out InstanceRequest? request, out List<string> warnings)
    {
        var reading = InstanceRequestReader.Read(fields, options.Defaults, prices);
        request = reading.Request;
        warnings = [.. reading.Warnings];
        return reading.IsValid ? null : ApiResponses.Problem(400, "The request has errors",
            "Correct the catalog item's variables named below and submit again. Nothing was built.", new Dictionary<string, string>(reading.Errors));
    }

    private static ApiGatewayProxyResponse? BadNumber(string requestNumber) =>
        InstanceRequestReader.IsRequestNumber(requestNumber.Trim().ToUpperInvariant()) ? null
            : ApiResponses.Problem(400, "Not a request number", null,
                new() { ["request_number"] = $"'{requestNumber}' is not a ServiceNow number (letters then digits, e.g. RITM0010042)" });

    private CostEstimate Quote(InstanceRequest r) => prices.Quote(r.Size.InstanceType, r.OperatingSystem.Licensing, r.VolumeGiB);

    private DateTimeOffset LeaseEnd(InstanceRequest r) => clock.GetUtcNow().AddDays(r.LeaseDays);

    private static string Summary(InstanceRequest r) =>
        $"{r.OperatingSystem.Id}, {r.Size.InstanceType}, {r.VolumeGiB} GiB, cost centre {r.CostCenter}, owner {r.Owner}, application {r.Application}, environment {r.Environment}, lease {r.LeaseDays} days";


    private InstanceAnswer View(string number, string account, ServerInstance instance, CostEstimate? quote = null, List<string>? warnings = null)
    {
        var now = clock.GetUtcNow();
        var leaseEnd = InstanceTags.LeaseEndOf(instance);
        decimal? costSinceLaunch = null;
        if (instance.State == "running" && instance.LaunchTime is { } launched && MonthlyTotalOf(instance) is { } monthly)
            costSinceLaunch = Math.Round((decimal)Math.Max(0, (now - launched).TotalHours) * monthly / prices.HoursPerMonth, 2, MidpointRounding.AwayFromZero);
        return new InstanceAnswer
        {
            RequestNumber = number, InstanceId = instance.InstanceId, Account = account == members.HomeAccountId ? null : account,
            State = instance.State, InstanceType = instance.InstanceType,
            PrivateIp = instance.PrivateIp, LaunchTime = instance.LaunchTime, VolumeIds = [.. instance.VolumeIds],
            Quote = quote, MonthlyQuote = instance.Tags.GetValueOrDefault(InstanceTags.MonthlyQuote), CostSinceLaunch = costSinceLaunch,
            LeaseEnds = leaseEnd, LeaseExpired = leaseEnd is { } e && e <= now,
            Tags = new Dictionary<string, string>(instance.Tags), Warnings = warnings is { Count: > 0 } ? warnings : null,
        };
    }

    private static decimal? MonthlyTotalOf(ServerInstance instance) =>
        instance.Tags.GetValueOrDefault(InstanceTags.MonthlyQuote)?.Split(' ')[0] is { } text &&
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A 403 when Steward may not act in <paramref name="account"/>; null when it may.</summary>
    private async Task<ApiGatewayProxyResponse?> RefusedAccountAsync(string account, string? number, string what, CancellationToken ct)
    {
        AccountStanding standing;
        try { standing = await members.StandingAsync(account, ct); }
        catch (DependencyException e)
        {
            return ApiResponses.Problem(new ProblemDetails
            {
                Title = "The organization's accounts cannot be read", Status = 503, RequestNumber = number,
                Detail = $"{e.Service} answered {e.Code}: {e.Reason}. Nothing was {what}; retry in a few minutes.",
            }, new() { ["Retry-After"] = "60" });
        }
        if (standing.Kind != AccountKind.NotMember) return null;
        return ApiResponses.Problem(new ProblemDetails
        {
            Title = "Not an account Steward builds in", Status = 403, RequestNumber = number,
            Detail = $"Account {standing.Label} is not Steward's own ({members.HomeAccountId}) nor one of its member accounts ({members.Describe()}). " +
                     $"Nothing was {what}. Send one of those as account, or ask the cloud team to add the account to MemberAccounts.",
        });
    }

    /// <summary>The fleet of the account the request's server was built in (its placement; Steward's own when none is kept).</summary>
    private async Task<(string Account, IInstanceFleet? Fleet, ApiGatewayProxyResponse? Refused)> FleetOfAsync(string number, string what, string session, CancellationToken ct)
    {
        var account = await placements.AccountOfAsync(number, ct) ?? members.HomeAccountId;
        if (await RefusedAccountAsync(account, number, what, ct) is { } refused) return (account, null, refused);
        return (account, await fleets.InAsync(account, session + number, ct), null);
    }

    private static ApiGatewayProxyResponse Json(int status, InstanceAnswer answer) =>
        ApiResponses.Json(status, ApiJson.Serialize(answer));

    private static ApiGatewayProxyResponse Replay(StoredAnswer answer) =>
        ApiResponses.Json(answer.StatusCode, answer.Body, new() { [ReplayHeader] = "true" });

    private static ApiGatewayProxyResponse Conflict(string number, string earlier) => ApiResponses.Problem(new ProblemDetails
    {
        Title = "Request number already used", Status = 409, RequestNumber = number,
        Detail = $"{number} was already requested with different fields ({earlier}). One request number builds one server: " +
                 "send the original fields to get its answer, or raise a new request for a different server.",
    });

    private static ApiGatewayProxyResponse NotFound(string number) =>
        ApiResponses.Problem(new ProblemDetails { Title = "No such server", Status = 404, RequestNumber = number, Detail = $"No server was built for {number}." });

    /// <summary>AWS failures become answers ServiceNow can show: 503 to retry later, 502 when AWS refused.</summary>
    private static async Task<ApiGatewayProxyResponse> Guarded(string number, Func<Task<ApiGatewayProxyResponse>> work)
    {
        try { return await work(); }
        catch (Throttled e) { return Unavailable(number, "AWS is throttling requests", e); }
        catch (CapacityUnavailable e) { return Unavailable(number, "AWS cannot provide this server now", e); }
        catch (DependencyFailed e)
        {
            return ApiResponses.Problem(new ProblemDetails
            {
                Title = "AWS refused the request", Status = 502, RequestNumber = number,
                Detail = $"{e.Service} answered {e.Code}: {e.Reason}. Nothing was left half-built; tell the cloud team if this repeats.",
            });
        }
    }

    private static ApiGatewayProxyResponse Unavailable(string number, string title, DependencyException e) => ApiResponses.Problem(new ProblemDetails
    {
        Title = title, Status = 503, RequestNumber = number,
        Detail = $"{e.Service} answered {e.Code}: {e.Reason}. Nothing was built; retry in a few minutes or choose another size.",
    }, new() { ["Retry-After"] = "60" });
}

/// <summary>No placements: every server is in the one account.</summary>
file sealed class NoPlacements : IServerPlacements
{
    public static readonly NoPlacements Instance = new();
    public Task RecordAsync(string requestNumber, string accountId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("a single-account lifecycle keeps no placements");
    public Task<string?> AccountOfAsync(string requestNumber, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
