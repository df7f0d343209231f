namespace Ops.Display;

/// <summary>Running until <see cref="Progress.Complete"/>; Stopped when disposed before completing (failed or interrupted).</summary>
public enum ProgressState { Running, Completed, Stopped }
