using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>An AP joined to a controller (bsnAPTable row).</summary>
public sealed record AccessPoint(string Controller, string Name, string Mac, string ApGroup, string? EthernetMac)
{
    /// <summary>The table index of this AP in every AIRESPACE AP table.</summary>
    public Oid ApOid => Wireless.ApOid.FromMac(Mac);
}

/// <summary>A neighbouring AP a radio hears (bsnAPIfRxNeighborsTable row).</summary>
public sealed record Neighbour(string Mac, int Rssi, int Channel);

public enum OperStatus { Unknown = 0, Down = 1, Up = 2 }

public enum ChannelAssignment { Unknown = 0, Automatic = 1, Customized = 2 }

/// <summary>One radio of an AP (bsnAPIfTable row with its load, radar and neighbour rows).</summary>
public sealed record Radio(
    string Controller,
    string ApName,
    string Mac,
    int Slot,
    int IfType,
    Band Band,
    OperStatus OperStatus,
    ChannelAssignment Assignment,
    int Channel,
    ChannelAssignment TxPowerControl,
    int TxPowerLevel,
    int Clients,
    int? Utilization,
    string ApGroup,
    IReadOnlyList<int> RadarChannels,
    IReadOnlyList<Neighbour> Neighbours)
{
    /// <summary>The radio's index in bsnAPIfTable: AP OID then slot.</summary>
    public Oid Index => ApOid.FromMac(Mac).Append((uint)Slot);

    public override string ToString() => $"{ApName} slot {Slot} ({Band.Text()} GHz, channel {Channel}, {OperStatus}) on {Controller}";
}
