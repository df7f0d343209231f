using System.Collections;

namespace Ops.Display;

/// <summary>
/// One displayed value in every representation a frontend may pick from. Values are text; for JSON
/// mime types (see <see cref="MimeTypes.IsJson"/>) the text is a JSON document that hosts embed as a
/// JSON value. <c>text/plain</c> is always present.
/// </summary>
public sealed class MimeBundle : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> _data = new(StringComparer.Ordinal);

    public MimeBundle(string plainText) => _data[MimeTypes.PlainText] = plainText;

    public string PlainText => _data[MimeTypes.PlainText];

    /// <summary>Adds or replaces one representation; returns this bundle for chaining.</summary>
    public MimeBundle With(string mimeType, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        _data[mimeType] = value ?? throw new ArgumentNullException(nameof(value));
        return this;
    }

    public string? Get(string mimeType) => _data.TryGetValue(mimeType, out var v) ? v : null;

    public string this[string key] => _data[key];
    public IEnumerable<string> Keys => _data.Keys;
    public IEnumerable<string> Values => _data.Values;
    public int Count => _data.Count;
    public bool ContainsKey(string key) => _data.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => _data.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _data.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => PlainText;
}
