using System.Globalization;
using System.Text;

namespace Ops.Display;

/// <summary>
/// A progress display the library updates while it works:
/// <code>
/// using (var p = Progress.Start("walking", total: 127))
/// {
///     foreach (var ap in aps) { ...; p.Increment(); }
///     p.Complete();
/// }
/// </code>
/// Shown as <c>walking [#####     ] 53/100 12.3/s ETA 4s</c> and as HTML, redrawn in place through a
/// <see cref="DisplayHandle"/>. Redraws are throttled (tight loops do not flood the frontend); a
/// throttled state is drawn when the interval has passed, and the final state always is. The final
/// state has no rate or times, so stored notebook outputs are the same on every run. Thread-safe:
/// parallel workers may report.
/// </summary>
public sealed class Progress : IMimeRenderable, IDisposable
{
    private readonly object _gate = new();
    private readonly ProgressOptions _options;
    private readonly long _started;
    private long _lastDrawn;
    private long _done;
    private long _doneAtLastDraw = -1;
    private ProgressState _state = ProgressState.Running;
    private DisplayHandle? _handle;
    private ITimer? _flushTimer;

    public Progress(string label, long? total = null, ProgressOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (total < 0) throw new ArgumentOutOfRangeException(nameof(total), $"progress '{label}': total {total} is negative");
        Label = label;
        Total = total;
        _options = options ?? new ProgressOptions();
        if (_options.Interval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "progress redraw interval is negative");
        _started = _options.Time.GetTimestamp();
    }

    /// <summary>Creates a progress and displays it in the current cell.</summary>
    public static Progress Start(string label, long? total = null, ProgressOptions? options = null)
    {
        var progress = new Progress(label, total, options);
        lock (progress._gate)
        {
            progress._handle = DisplayHandle.Show(progress);
            progress._lastDrawn = progress._options.Time.GetTimestamp();
            progress._doneAtLastDraw = 0;
        }
        return progress;
    }

    public string Label { get; }
    public long? Total { get; }
    public long Done { get { lock (_gate) return _done; } }
    public ProgressState State { get { lock (_gate) return _state; } }

    /// <summary>Items per second since the start; null once finished or before anything is done.</summary>
    public double? Rate
    {
        get
        {
            lock (_gate)
            {
                if (_state != ProgressState.Running || _done <= 0) return null;
                var seconds = _options.Time.GetElapsedTime(_started).TotalSeconds;
                return seconds > 0 ? _done / seconds : null;
            }
        }
    }

    /// <summary>Estimated time left at the current rate; null when unknown or finished.</summary>
    public TimeSpan? Eta
    {
        get
        {
            lock (_gate)
            {
                if (Total is not long total || Rate is not double rate || rate <= 0 || _done >= total) return null;
                return TimeSpan.FromSeconds(Math.Ceiling((total - _done) / rate));
            }
        }
    }

    /// <summary>Sets the number of items done. Ignored once completed or stopped.</summary>
    public void Report(long done)
    {
        if (done < 0) throw new ArgumentOutOfRangeException(nameof(done), $"progress '{Label}': done {done} is negative");
        lock (_gate)
        {
            if (_state != ProgressState.Running) return;
            _done = done;
            DrawIfDue();
        }
    }

    public void Increment(long by = 1)
    {
        lock (_gate)
        {
            if (_state != ProgressState.Running) return;
            Report(_done + by);
        }
    }

    /// <summary>Marks the work finished and draws the final state (no rate, no times).</summary>
    public void Complete() => Finish(ProgressState.Completed);

    /// <summary>Draws the final state as stopped unless <see cref="Complete"/> was called (an exception or interrupt).</summary>
    public void Dispose() => Finish(ProgressState.Stopped);

    private void Finish(ProgressState state)
    {
        lock (_gate)
        {
            if (_state != ProgressState.Running) return;
            _state = state;
            _flushTimer?.Dispose();
            _flushTimer = null;
            Draw();
        }
    }

    private void DrawIfDue()
    {
        if (_done == _doneAtLastDraw) return;
        var elapsed = _options.Time.GetElapsedTime(_lastDrawn);
        if (elapsed >= _options.Interval)
        {
            Draw();
            return;
        }
        // Throttled: make sure this state is drawn once the interval is over, even if no report follows.
        _flushTimer ??= _options.Time.CreateTimer(_ => FlushPending(), null, _options.Interval - elapsed, Timeout.InfiniteTimeSpan);
    }

    private void FlushPending()
    {
        lock (_gate)
        {
            _flushTimer?.Dispose();
            _flushTimer = null;
            if (_state == ProgressState.Running && _done != _doneAtLastDraw) Draw();
        }
    }

    private void Draw()
    {
        _lastDrawn = _options.Time.GetTimestamp();
        _doneAtLastDraw = _done;
        _handle?.Update(this);
    }

    public MimeBundle ToMimeBundle()
    {
        lock (_gate) return new MimeBundle(ToText()).With(MimeTypes.Html, ToHtml());
    }

    public override string ToString() => ToText();

    public string ToText()
    {
        lock (_gate)
        {
            var sb = new StringBuilder(Label);
            if (Total is long total)
            {
                var width = Math.Max(1, _options.BarWidth);
                var filled = total == 0 ? (_state == ProgressState.Completed ? width : 0) : (int)Math.Floor(Math.Clamp((double)_done / total, 0, 1) * width);
                sb.Append(" [").Append('#', filled).Append(' ', width - filled).Append("] ").Append(N(_done)).Append('/').Append(N(total));
            }
            else sb.Append(' ').Append(N(_done));
            AppendStatus(sb);
            return sb.ToString();
        }
    }

    public string ToHtml()
    {
        lock (_gate)
        {
            var sb = new StringBuilder("<div class=\"ops-progress\">");
            if (Total is long total)
                sb.Append("<progress value=\"").Append(N(Math.Min(_done, total))).Append("\" max=\"").Append(N(Math.Max(total, 1))).Append("\"></progress> ");
            else if (_state == ProgressState.Running)
                sb.Append("<progress></progress> ");
            sb.Append("<span>");
            Html.AppendEscaped(sb, Label);
            sb.Append(' ').Append(N(_done));
            if (Total is long t) sb.Append('/').Append(N(t));
            var status = new StringBuilder();
            AppendStatus(status);
            Html.AppendEscaped(sb, status.ToString());
            sb.Append("</span></div>");
            return sb.ToString();
        }
    }

    private void AppendStatus(StringBuilder sb)
    {
        switch (_state)
        {
            case ProgressState.Completed: sb.Append(" done"); return;
            case ProgressState.Stopped: sb.Append(" stopped"); return;
        }
        if (!_options.ShowRate) return;
        if (Rate is double rate) sb.Append(' ').Append(FormatRate(rate)).Append("/s");
        if (Eta is TimeSpan eta) sb.Append(" ETA ").Append(FormatDuration(eta));
    }

    internal static string FormatRate(double rate) =>
        rate.ToString(rate >= 100 ? "0" : rate >= 1 ? "0.0" : "0.00", CultureInfo.InvariantCulture);

    internal static string FormatDuration(TimeSpan t)
    {
        var seconds = (long)Math.Ceiling(t.TotalSeconds);
        if (seconds < 60) return N(seconds) + "s";
        if (seconds < 3600) return N(seconds / 60) + "m" + (seconds % 60).ToString("00", CultureInfo.InvariantCulture) + "s";
        return N(seconds / 3600) + "h" + (seconds % 3600 / 60).ToString("00", CultureInfo.InvariantCulture) + "m";
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
}
