namespace Ops.Memory;

/// <summary>The unit of vmstat's memory columns, as chosen with <c>vmstat -S</c> (default KiB). sar -r always prints kB.</summary>
public enum VmstatUnit
{
    /// <summary><c>-S K</c> (and the default): 1024 bytes.</summary>
    KiB,
    /// <summary><c>-S k</c>: 1000 bytes.</summary>
    KB,
    /// <summary><c>-S M</c>: 1048576 bytes.</summary>
    MiB,
    /// <summary><c>-S m</c>: 1000000 bytes.</summary>
    MB,
}

public static class VmstatUnits
{
    /// <summary>vmstat's <c>-S</c> letter: k, K, m or M (case matters, as in vmstat).</summary>
    public static VmstatUnit Parse(string letter) => letter switch
    {
        "K" => VmstatUnit.KiB,
        "k" => VmstatUnit.KB,
        "M" => VmstatUnit.MiB,
        "m" => VmstatUnit.MB,
        _ => throw new ArgumentException($"unit '{letter}' is not one of k, K, m, M (vmstat -S: k=1000, K=1024, m=1000000, M=1048576 bytes)"),
    };

    public static string Letter(this VmstatUnit unit) => unit switch { VmstatUnit.KB => "k", VmstatUnit.MiB => "M", VmstatUnit.MB => "m", _ => "K" };
}
