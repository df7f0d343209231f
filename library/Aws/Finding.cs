namespace Ops.Aws;

/// <summary>How urgent a finding is; tables sort by it, most urgent first.</summary>
public enum FindingSeverity { Info, Low, Medium, High, Critical }

/// <summary>
/// One audit result: what is wrong, on which resource, the fix, and the export (file and line or JSON
/// path) it was read from.
/// </summary>
public sealed record Finding(FindingSeverity Severity, string Check, string Resource, string Detail, string Fix, string Source = "");
