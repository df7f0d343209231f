namespace Ops.Wireless;

/// <summary>Japanese 5 GHz sub-bands: W52 is free of radar; W53 and W56 need DFS and go quiet on radar.</summary>
public static class Channels
{
    public static readonly IReadOnlyList<int> W52 = [36, 40, 44, 48];

    public static bool IsW52(int channel) => channel is 36 or 40 or 44 or 48;
    public static bool IsW53(int channel) => channel is >= 52 and <= 64;
    public static bool IsW56(int channel) => channel is >= 100 and <= 144;
    public static bool IsDfs(int channel) => IsW53(channel) || IsW56(channel);

    public static string SubBand(int channel) => IsW52(channel) ? "W52" : IsW53(channel) ? "W53" : IsW56(channel) ? "W56" : channel <= 14 ? "2.4GHz" : "other";
}
