namespace Ops.Wireless;

/// <summary>A radio band. Text is "2.4", "5" or "6" as used on the command line and in JSON.</summary>
public enum Band
{
    Unknown,
    GHz2_4,
    GHz5,
    GHz6,
}

public static class BandText
{
    public static string Text(this Band band) => band switch { Band.GHz2_4 => "2.4", Band.GHz5 => "5", Band.GHz6 => "6", _ => "?" };

    public static Band Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "2.4" or "2" or "11b" or "11g" or "2.4ghz" => Band.GHz2_4,
        "5" or "11a" or "5ghz" => Band.GHz5,
        "6" or "6ghz" => Band.GHz6,
        _ => throw new FormatException($"band '{text}' is not one of 2.4, 5, 6 (or 11a / 11b)"),
    };

    /// <summary>From bsnAPIfType (dot11b(1), dot11a(2), dot116ghz(6)); the channel decides otherwise (≤ 14 is 2.4 GHz).</summary>
    public static Band FromIfType(int ifType, int channel) => ifType switch
    {
        1 => Band.GHz2_4,
        2 => Band.GHz5,
        6 => Band.GHz6,
        _ => channel is > 0 and <= 14 ? Band.GHz2_4 : channel > 14 ? Band.GHz5 : Band.Unknown,
    };

    /// <summary>The AireOS command keyword of the band.</summary>
    public static string AireOsKeyword(this Band band) => band == Band.GHz2_4 ? "802.11b" : "802.11a";
}
