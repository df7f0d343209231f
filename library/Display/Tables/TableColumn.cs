namespace Ops.Display;

/// <summary>A table column: its header and how its cells align in text and HTML.</summary>
public sealed record TableColumn(string Name, Alignment Align = Alignment.Left);
