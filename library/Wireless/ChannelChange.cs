using System.Globalization;
using System.Text;
using Ops.Display;
using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// A planned channel change on one radio: wlap's <c>Current</c> / <c>New</c> and its caution.
/// <see cref="NewChannel"/> null means back to automatic assignment (DCA).
/// </summary>
public sealed record ChannelChangePlan(Radio Radio, int? NewChannel, int? Width, bool ViaCli, string Reason = "operator request") : IMimeRenderable
{
    public const string Caution = "****** CAUTION: AP will STOP PROPAGATION ******\n\n - Associating devices will be disassociated.";

    public string Current => Radio.Assignment == ChannelAssignment.Automatic
        ? $"Global ({Radio.Channel.ToString(CultureInfo.InvariantCulture)})"
        : Radio.Channel.ToString(CultureInfo.InvariantCulture);

    public string New => NewChannel is int c ? c.ToString(CultureInfo.InvariantCulture) + (Width is int w ? $" ({w} MHz)" : "") : "Global (automatic)";

    /// <summary>The AireOS sequence (disable, channel, enable) an operator types on a CLI-marked controller.</summary>
    public IReadOnlyList<string> CliCommands
    {
        get
        {
            var kw = Radio.Band.AireOsKeyword();
            var list = new List<string> { $"config {kw} disable {Radio.ApName}" };
            if (Width is int w && NewChannel is not null) list.Add($"config {kw} chan_width {Radio.ApName} {w}");
            list.Add($"config {kw} channel ap {Radio.ApName} {(NewChannel is int c ? c.ToString(CultureInfo.InvariantCulture) : "global")}");
            list.Add($"config {kw} enable {Radio.ApName}");
            return list;
        }
    }

    /// <summary>What cannot be done through SNMP and stays for the operator.</summary>
    public string? Note => !ViaCli && Width is int w && NewChannel is not null
        ? $"AIRESPACE-WIRELESS-MIB has no channel width object; set {w} MHz on {Radio.Controller} with: config {Radio.Band.AireOsKeyword()} chan_width {Radio.ApName} {w}"
        : null;

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Radio.ApName).Append(" found on ").Append(Radio.Controller).Append(".\n\n");
        sb.Append("Current : ").Append(Current).Append('\n');
        sb.Append("New     : ").Append(New).Append("\n\n\n");
        sb.Append(Caution).Append('\n');
        if (ViaCli) sb.Append("\n").Append(Radio.Controller).Append(" is changed by CLI; type:\n").AppendJoin("", CliCommands.Select(c => "  " + c + "\n"));
        if (Note != null) sb.Append('\n').Append(Note).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    public MimeBundle ToMimeBundle() => new MimeBundle(ToString()).With(MimeTypes.Html, "<pre>" + Html.Escape(ToString()) + "</pre>");
}

/// <summary>A change applied by SNMP, or handed to the operator as CLI commands.</summary>
public sealed record ChannelChangeResult(ChannelChangePlan Plan, bool Applied, string Before, string After, IReadOnlyList<string> OperatorCommands);

public static class ChannelChange
{
    /// <summary>Plans a change for the named AP's radio in <paramref name="band"/>, wherever it is joined.</summary>
    public static async Task<ChannelChangePlan> PlanAsync(Wlc wlc, string ap, Band band, int? channel, int? width = null, CancellationToken cancellationToken = default)
    {
        var (data, problems) = await wlc.ReadAsync(ControllerData.Parts.Overview, cancellationToken).ConfigureAwait(false);
        var radios = data.SelectMany(d => d.Radios).Where(r => r.ApName.Equals(ap, StringComparison.OrdinalIgnoreCase)).ToList();
        if (radios.Count == 0)
            throw new KeyNotFoundException($"AP {ap} is on no controller ({string.Join(", ", wlc.Sources.Select(s => s.Name))})" + (problems.Count > 0 ? "; " + string.Join("; ", problems) : ""));
        if (radios.Select(r => r.Controller).Distinct().Count() > 1)
            throw new InvalidOperationException($"AP {ap} is on {string.Join(" and ", radios.Select(r => r.Controller).Distinct())}; refusing to guess which to change");
        var radio = radios.FirstOrDefault(r => r.Band == band) ?? throw new KeyNotFoundException($"AP {ap} has no {band.Text()} GHz radio (has {string.Join(", ", radios.Select(r => r.Band.Text()))})");
        Validate(radio, channel);
        return new ChannelChangePlan(radio, channel, width, wlc[radio.Controller].UsesCli);
    }

    internal static void Validate(Radio radio, int? channel)
    {
        if (channel is not int c) return;
        var (ok, valid) = radio.Band switch
        {
            Band.GHz2_4 => (c is >= 1 and <= 14, "1-14"),
            Band.GHz5 => ((c is >= 36 and <= 64 or >= 100 and <= 144) && c % 4 == 0 || c is 149 or 153 or 157 or 161 or 165, "36-64 and 100-144 in steps of 4, 149-165"),
            _ => (c > 0, "positive"),
        };
        // An ArgumentException without a parameter name: its message is shown to the operator as it is.
        if (!ok)
            throw new ArgumentException($"channel {c} is not a {radio.Band.Text()} GHz channel ({radio.Band.Text()} GHz channels: {valid})" +
                (radio.Band == Band.GHz5 && c <= 14 ? "; for the 2.4 GHz radio give --band 2.4" : ""));
    }

    /// <summary>
    /// Applies a plan: assignment customized(2) then the channel (or automatic(1) for release) by SNMP SET,
    /// reading the radio back after; for CLI controllers, returns the commands for the operator.
    /// Refuses without <paramref name="confirm"/>. Logs before and after.
    /// </summary>
    public static async Task<ChannelChangeResult> ApplyAsync(Wlc wlc, ChannelChangePlan plan, bool confirm, ChangeLog log, CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        if (!confirm)
            throw new InvalidOperationException($"refusing to change {plan.Radio.ApName} slot {plan.Radio.Slot} without confirmation: the AP stops transmitting and clients are disassociated; pass --yes (or confirm: true)");
        var radio = plan.Radio;
        var source = wlc[radio.Controller];
        var before = await ReadStateAsync(source, radio, ct).ConfigureAwait(false);
        var band = radio.Band.Text();
        if (plan.ViaCli)
        {
            log.Write(new ChangeRecord(log.Clock.GetUtcNow(), radio.Controller, radio.ApName, radio.Slot, band, "cli (operator)", before, plan.New + " (pending operator)", plan.Reason));
            return new ChannelChangeResult(plan, false, before, before, plan.CliCommands);
        }
        log.Write(new ChangeRecord(log.Clock.GetUtcNow(), radio.Controller, radio.ApName, radio.Slot, band, "snmp", before, plan.New + " (applying)", plan.Reason));
        foreach (var set in Sets(plan)) await source.SetAsync([set], ct).ConfigureAwait(false);
        var after = await ReadStateAsync(source, radio, ct).ConfigureAwait(false);
        log.Write(new ChangeRecord(log.Clock.GetUtcNow(), radio.Controller, radio.ApName, radio.Slot, band, "snmp", before, after, plan.Reason));
        return new ChannelChangeResult(plan, true, before, after, plan.Note is null ? [] : [plan.Note]);
    }

    /// <summary>The SETs a plan makes, in order: assignment customized(2) then the channel, or automatic(1) alone for a release.</summary>
    public static IReadOnlyList<VarBind> Sets(ChannelChangePlan plan)
    {
        var idx = plan.Radio.Index;
        return plan.NewChannel is int channel
            ? [new VarBind(AirespaceOids.IfPhyChannelAssignment.Append(idx), SnmpValue.Integer((int)ChannelAssignment.Customized)),
               new VarBind(AirespaceOids.IfPhyChannelNumber.Append(idx), SnmpValue.Integer(channel))]
            : [new VarBind(AirespaceOids.IfPhyChannelAssignment.Append(idx), SnmpValue.Integer((int)ChannelAssignment.Automatic))];
    }

    private static async Task<string> ReadStateAsync(IWlcSource source, Radio radio, CancellationToken ct)
    {
        var idx = radio.Index;
        var values = await source.GetAsync([AirespaceOids.IfPhyChannelAssignment.Append(idx), AirespaceOids.IfPhyChannelNumber.Append(idx)], ct).ConfigureAwait(false);
        var assignment = (ChannelAssignment)(values[0].Value.AsInteger() ?? 0);
        var channel = values[1].Value.AsInteger();
        return assignment == ChannelAssignment.Automatic ? $"Global ({channel})" : $"{channel} ({assignment.ToString().ToLowerInvariant()})";
    }
}
