using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>The AIRESPACE-WIRELESS-MIB columns the WLC operations read and write.</summary>
public static class AirespaceOids
{
    /// <summary>bsnWireless subtree under airespace(14179): everything <c>ops wlc record</c> captures.</summary>
    public static readonly Oid Airespace = Oid.Parse("1.3.6.1.4.1.14179.2");

    // bsnAPTable, indexed by bsnAPDot3MacAddress (6 bytes).
    public static readonly Oid ApName = Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.3");
    public static readonly Oid ApGroupVlanName = Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.30");
    public static readonly Oid ApEthernetMacAddress = Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.33");

    // bsnAPIfTable, indexed by (AP MAC, slot).
    public static readonly Oid IfType = Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.2");
    public static readonly Oid IfPhyChannelAssignment = Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.3");
    public static readonly Oid IfPhyChannelNumber = Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.4");
    public static readonly Oid IfPhyTxPowerControl = Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.5");
    public static readonly Oid IfPhyTxPowerLevel = Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.6");
    public static readonly Oid IfOperStatus = Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.12");
    public static readonly Oid IfNoOfUsers = Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.15");

    // bsnAPIfLoadParametersTable, indexed by (AP MAC, slot).
    public static readonly Oid IfLoadChannelUtilization = Oid.Parse("1.3.6.1.4.1.14179.2.2.13.1.3");
    public static readonly Oid IfLoadNumOfClients = Oid.Parse("1.3.6.1.4.1.14179.2.2.13.1.4");

    // bsnAPIfRadarChannelStatisticsTable, indexed by (AP MAC, slot, channel).
    public static readonly Oid IfRadarDetectedChannelNumber = Oid.Parse("1.3.6.1.4.1.14179.2.2.24.1.1");

    // bsnAPIfRxNeighborsTable, indexed by (AP MAC, slot, neighbour MAC).
    public static readonly Oid IfRxNeighborRssi = Oid.Parse("1.3.6.1.4.1.14179.2.2.17.1.3");
    public static readonly Oid IfRxNeighborChannel = Oid.Parse("1.3.6.1.4.1.14179.2.2.17.1.26");

    // bsnMobileStationTable, indexed by the client MAC.
    public static readonly Oid MobileStationApMac = Oid.Parse("1.3.6.1.4.1.14179.2.1.4.1.4");
    public static readonly Oid MobileStationApSlot = Oid.Parse("1.3.6.1.4.1.14179.2.1.4.1.5");
    public static readonly Oid MobileStationSsid = Oid.Parse("1.3.6.1.4.1.14179.2.1.4.1.7");
    public static readonly Oid MobileStationDeleteAction = Oid.Parse("1.3.6.1.4.1.14179.2.1.4.1.22");

    public static readonly Oid[] ApColumns = [ApName, ApGroupVlanName, ApEthernetMacAddress];
    public static readonly Oid[] RadioColumns = [IfType, IfPhyChannelAssignment, IfPhyChannelNumber, IfPhyTxPowerControl, IfPhyTxPowerLevel, IfOperStatus, IfNoOfUsers];
    public static readonly Oid[] LoadColumns = [IfLoadChannelUtilization];
    public static readonly Oid[] RadarColumns = [IfRadarDetectedChannelNumber];
    public static readonly Oid[] NeighbourColumns = [IfRxNeighborRssi, IfRxNeighborChannel];
    public static readonly Oid[] MobileStationColumns = [MobileStationApMac, MobileStationApSlot, MobileStationSsid];
}
