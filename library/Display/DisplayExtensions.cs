namespace Ops.Display;

public static class DisplayExtensions
{
    /// <summary>Displays the value as a new output; the handle's Update replaces it.</summary>
    public static DisplayHandle Display(this object? value) => DisplayHandle.Show(value);
}
