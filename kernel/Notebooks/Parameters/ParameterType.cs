namespace Ops.Kernel.Notebooks;

/// <summary>The types a parameters cell may declare; given values are converted to them.</summary>
public enum ParameterType { String, Bool, Int, Long, Double, DateTime, TimeSpan, StringArray }
