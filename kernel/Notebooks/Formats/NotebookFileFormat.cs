namespace Ops.Kernel.Notebooks;

public enum NotebookFileFormat
{
    /// <summary>Jupyter nbformat 4 JSON.</summary>
    Ipynb,
    /// <summary>Polyglot Notebooks' plain-text format: <c>#!csharp</c>, <c>#!markdown</c>, <c>#!meta</c> sections.</summary>
    Dib,
}
