using System.Collections.Concurrent;

namespace Ops.Secrets;

/// <summary>
/// The process-wide set of live secret values (every <see cref="Secret"/> created). The redaction
/// pass of the notebook runner, the exporter and the kernel match them literally, so a secret that
/// reaches an output through string concatenation or a device error message is still masked.
/// </summary>
public static class SecretRegistry
{
    private static readonly ConcurrentDictionary<string, byte> Live = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Values => (IReadOnlyCollection<string>)Live.Keys;

    public static int Count => Live.Count;

    /// <summary>Registers a value so that it is redacted wherever it appears. Empty values are ignored.</summary>
    public static void Register(string value)
    {
        if (!string.IsNullOrEmpty(value)) Live.TryAdd(value, 0);
    }

    internal static void Unregister(string value) => Live.TryRemove(value, out _);
}
