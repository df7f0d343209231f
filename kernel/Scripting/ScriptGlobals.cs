using Ops.Display;

namespace Ops.Kernel.Scripting;

/// <summary>
/// Members every cell sees without qualification: <c>display(x)</c>, <c>Input()</c>,
/// <c>Password()</c> and the cell's cancellation <c>Token</c>.
/// </summary>
public sealed class ScriptGlobals
{
    internal IExecutionHost? Host { get; set; }

    /// <summary>Shows a value as a new output; <c>Update</c> on the handle replaces it.</summary>
    public DisplayHandle display(object? value) => DisplayHandle.Show(value);

    /// <summary>Clears the cell's output so far (IPython's clear_output); <c>Console.Clear()</c> does the same.</summary>
    /// <param name="wait">Clear when the next output arrives instead of at once (no flicker when redrawing).</param>
    public void ClearOutput(bool wait = false) => DisplayContext.Current.ClearOutput(wait);

    /// <summary>Shows a value in the frontend's pager (Jupyter's page payload); elsewhere it is displayed.</summary>
    public void Page(object? value) => CurrentHost.Page(Formatter.Format(value));

    /// <summary>Raw HTML, shown as given (see <see cref="Markup.Html"/>): the one way markup enters an output.</summary>
    public MimeBundle HTML(string html) => Markup.Html(html);

    /// <summary>Markdown text, rendered by the frontend.</summary>
    public MimeBundle Markdown(string markdown) => Markup.Markdown(markdown);

    /// <summary>An SVG document, shown as an image.</summary>
    public MimeBundle SVG(string svg) => Markup.Svg(svg);

    /// <summary>A JSON document (text) or any value serialized to JSON, shown as a JSON tree.</summary>
    public MimeBundle JSON(object? value) => Markup.Json(value);

    /// <summary>Asks the user for a line of text (the frontend's input box, or the terminal).</summary>
    public string Input(string prompt = "") => CurrentHost.ReadInput(prompt, password: false);

    /// <summary>Asks for a line without echoing it.</summary>
    public string Password(string prompt = "") => CurrentHost.ReadInput(prompt, password: true);

    /// <summary>Cancelled when the cell is interrupted; pass it to long-running calls.</summary>
    public CancellationToken Token => Ops.Cancellation.Token;

    /// <summary>A top-level <c>using var</c>: disposes the value when the cell ends.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public void __usingAtEnd<T>(T value) where T : IDisposable? => CellResources.Add(value, async: false);

    /// <summary>A top-level <c>await using var</c>: disposes the value asynchronously when the cell ends.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public void __awaitUsingAtEnd<T>(T value) where T : IAsyncDisposable? => CellResources.Add(value, async: true);

    /// <summary>Used by a rebased session's first submission to take back its variables.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public T __carried<T>(string id, string name) => SessionCarry.Take<T>(id, name);

    private IExecutionHost CurrentHost =>
        ConsoleCapture.CurrentHost ?? Host ?? throw new InputNotAllowedException("no frontend is attached to answer input");
}
