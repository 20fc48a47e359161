using System.Globalization;
using System.Text;

namespace Steward.Core.Incidents;

/// <summary>One step's result, as the notification and the evidence record tell it.</summary>
public sealed record StepOutcome(ResponseStep Step, bool Succeeded, string Detail);

/// <summary>
/// Writes what people read: an SMS that says everything in one message of at most 140 bytes (SNS sends one SMS per 140
/// bytes, and a split message arrives out of order), and an email with the detail and where the evidence is.
/// </summary>
public static class AlertComposer
{
    public const int SmsBytes = 140;

    public static Ports.Alert Compose(ContainmentPlan plan, string title, string description, IReadOnlyList<StepOutcome> outcomes,
        IReadOnlyList<string> snapshotIds, string? evidenceLocation, string region)
    {
        var target = Target(plan);
        var sample = plan.Sample ? "[SAMPLE] " : "";
        var update = plan.Notify == NotifyKind.Update ? "update: " : "";
        // Where it is matters as much as what: in an organization the same instance id means nothing without its account.
        var where = plan.Account is { Kind: not Organizations.AccountKind.Home } a ? $" in {a.Label}" : "";
        var subject = $"{sample}Steward {update}GuardDuty {plan.Band} {plan.FindingType} on {target}{where}";

        var sms = Sms(plan, outcomes, sample + update);
        var email = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{sample}GuardDuty finding {plan.FindingType}, severity {plan.Severity:0.#} ({plan.Band}).");
        if (plan.Notify == NotifyKind.Update)
            email.AppendLine(CultureInfo.InvariantCulture, $"This is an update: GuardDuty has now seen this activity {plan.Count} times. Nothing new was done.");
        email.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Title: {title}")
            .AppendLine(CultureInfo.InvariantCulture, $"Description: {description}")
            .AppendLine(CultureInfo.InvariantCulture, $"Instance: {target}{(plan.InstanceId is null && plan.NamedInstanceId is not null ? " (named by the finding; not acted on, see why below)" : "")}")
            .AppendLine(CultureInfo.InvariantCulture, $"Account and region: {AccountLine(plan.Account)} {region}")
            .AppendLine(CultureInfo.InvariantCulture, $"Response: {plan.Level}{(plan.DryRun ? " (dry run: nothing was changed)" : "")}")
            .AppendLine()
            .AppendLine("Why:");
        foreach (var reason in plan.Reasons) email.AppendLine("  - " + reason);
        if (outcomes.Count > 0)
        {
            email.AppendLine().AppendLine("Actions:");
            foreach (var o in outcomes) email.AppendLine(CultureInfo.InvariantCulture, $"  - {o.Step}: {(o.Succeeded ? "done" : "FAILED")}. {o.Detail}");
        }
        if (plan.AlreadyDone.Count > 0) email.AppendLine(CultureInfo.InvariantCulture, $"Done by an earlier delivery: {string.Join(", ", plan.AlreadyDone)}.");
        if (snapshotIds.Count > 0) email.AppendLine(CultureInfo.InvariantCulture, $"Snapshots: {string.Join(", ", snapshotIds)}");
        if (evidenceLocation is not null) email.AppendLine(CultureInfo.InvariantCulture, $"Evidence: {evidenceLocation}");
        email.AppendLine(CultureInfo.InvariantCulture, $"Finding id: {plan.FindingId}")
            .AppendLine(CultureInfo.InvariantCulture, $"In the console: https://{region}.console.aws.amazon.com/guardduty/home?region={region}#/findings?macros=current&fId={plan.FindingId}");
        return new Ports.Alert(subject, sms, email.ToString());
    }

    /// <summary>
    /// The alert for a GuardDuty event the responder could not read: nothing was done about it, so people must look at it
    /// themselves. It names what could be read, the reason, and where the event is kept.
    /// </summary>
    public static Ports.Alert ComposeUnreadable(UnreadableFinding f, string keptAt, string region)
    {
        var target = f.InstanceId ?? "an unknown resource";
        var subject = $"Steward could not read a GuardDuty finding{(f.FindingType is null ? "" : " " + f.FindingType)} on {target}: nothing was done";
        var sms = $"Steward: UNREADABLE GuardDuty finding on {target}{(f.Severity is null ? "" : " sev " + f.Severity)}: NOT acted on, check it now";
        while (Encoding.UTF8.GetByteCount(sms) > SmsBytes) sms = sms[..^1];
        var email = new StringBuilder()
            .AppendLine("Steward received a GuardDuty finding it could not read, so it did nothing about it: no evidence, no isolation, no stop.")
            .AppendLine("Look at the finding in GuardDuty and respond by hand if it needs it.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Why it could not be read: {f.Reason}")
            .AppendLine(CultureInfo.InvariantCulture, $"Instance: {f.InstanceId ?? "not readable"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Finding id: {f.FindingId ?? "not readable"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Finding type: {f.FindingType ?? "not readable"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Severity as sent: {f.Severity ?? "not readable"}")
            .AppendLine(CultureInfo.InvariantCulture, $"Account and region: {f.AccountId ?? "?"} {f.Region ?? "?"}")
            .AppendLine(CultureInfo.InvariantCulture, $"EventBridge event id: {f.EventId ?? "not readable"}")
            .AppendLine(CultureInfo.InvariantCulture, $"The event is kept whole at: {keptAt}");
        if (f.FindingId is not null)
            email.AppendLine(CultureInfo.InvariantCulture, $"In the console: https://{region}.console.aws.amazon.com/guardduty/home?region={region}#/findings?macros=current&fId={f.FindingId}");
        return new Ports.Alert(subject, sms, email.ToString());
    }

    /// <summary>
    /// The alert for a finding in a member account Steward could not reach: nothing was done there, the event is kept and
    /// retried, and the account needs its member role deployed (or fixed) before anything can be.
    /// </summary>
    public static Ports.Alert ComposeUnreachable(Organizations.AccountStanding account, string findingId, string what, string reason, string region)
    {
        var sms = $"Steward: CANNOT REACH account {account.AccountId} for {what}: NOT contained, member role not set up";
        while (Encoding.UTF8.GetByteCount(sms) > SmsBytes) sms = sms[..^1];
        var email = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Steward could not act in member account {account.Label} on a GuardDuty finding about {what}.")
            .AppendLine("Nothing was done there: no evidence kept, nothing contained. Lambda retries the finding and keeps it on the failed-events queue after the last try.")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Why: {reason}")
            .AppendLine("Set the account up: deploy member/template.yaml there (README, \"Organizations\"), or contain it by hand now.")
            .AppendLine(CultureInfo.InvariantCulture, $"Finding id: {findingId}")
            .AppendLine(CultureInfo.InvariantCulture, $"In the console: https://{region}.console.aws.amazon.com/guardduty/home?region={region}#/findings?macros=current&fId={findingId}");
        return new Ports.Alert($"Steward cannot reach account {account.Label}: {what} NOT contained", sms, email.ToString());
    }

    private static string AccountLine(Organizations.AccountStanding? account) => account switch
    {
        null => "not named by the finding",
        { Kind: Organizations.AccountKind.Home } => $"{account.Label} (Steward's own account)",
        { Kind: Organizations.AccountKind.Member } => $"{account.Label} (a member account)",
        _ => $"{account.Label} (not a member account: Steward does not act there)",
    };

    /// <summary>The instance acted on, else the one the finding names (a foreign account's, say): never hide which machine it is.</summary>
    private static string Target(ContainmentPlan plan) => plan.InstanceId ?? plan.NamedInstanceId ?? "no instance";

    private static string Sms(ContainmentPlan plan, IReadOnlyList<StepOutcome> outcomes, string prefix)
    {
        var did = outcomes.Count == 0 ? (plan.Notify == NotifyKind.Update ? "seen again, nothing new done" : plan.DryRun ? "dry run, nothing changed" : "notified only")
            : string.Join(",", outcomes.Select(o => (o.Step switch
            {
                ResponseStep.RecordEvidence => "evidence",
                ResponseStep.SnapshotVolumes => "snapshots",
                ResponseStep.Protect => "protected",
                ResponseStep.Quarantine => "tagged",
                ResponseStep.Isolate => "isolated",
                ResponseStep.Stop => "stopped",
                _ => o.Step.ToString(),
            }) + (o.Succeeded ? "" : " FAILED")));
        // A member account's instance id means little without its account: the SMS names it too (the type gives way first).
        var target = Target(plan) + (plan.Account is { Kind: not Organizations.AccountKind.Home } a ? " in " + a.AccountId : "");
        string Text(string type) => $"{prefix}Steward: {target} {type} sev {plan.Severity:0.#} {plan.Band}: {did}";
        // What was done must survive: shorten the finding type first, to its name without its family ("CryptoCurrency:EC2/"),
        // then to what room is left; only a message still too long loses its end.
        var shortType = plan.FindingType[(plan.FindingType.LastIndexOf('/') + 1)..];
        foreach (var type in new[] { plan.FindingType, shortType })
            if (Encoding.UTF8.GetByteCount(Text(type)) <= SmsBytes) return Text(type);
        var room = SmsBytes - Encoding.UTF8.GetByteCount(Text(""));
        var cut = shortType;
        while (cut.Length > 0 && Encoding.UTF8.GetByteCount(cut) > room) cut = cut[..^1];
        var sms = Text(cut);
        while (Encoding.UTF8.GetByteCount(sms) > SmsBytes) sms = sms[..^1];
        return sms;
    }
}
