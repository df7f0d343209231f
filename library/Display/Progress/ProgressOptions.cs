namespace Ops.Display;

/// <summary>How a <see cref="Progress"/> is shown and how often it redraws.</summary>
public sealed record ProgressOptions
{
    /// <summary>Redraws at most this often; the final state is always drawn.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Show rate and ETA while running (never in the final state). Off keeps every redraw deterministic.</summary>
    public bool ShowRate { get; init; } = true;

    /// <summary>Characters in the text bar.</summary>
    public int BarWidth { get; init; } = 10;

    /// <summary>Clock for rate, ETA and throttling; tests pass a manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
