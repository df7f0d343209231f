using System.Text;

namespace Ops.Secrets;

/// <summary>
/// A credential held for a session: a password, an SNMP community, a token. Its
/// <see cref="ToString"/> is masked, so displaying it or interpolating it into a message never
/// shows it, and its value is registered in <see cref="SecretRegistry"/>, so the notebook runner
/// redacts it wherever it still appears (an error message, a connection string printed by a
/// library). Call <see cref="Reveal"/> (or pass it where a string is expected) to use it.
/// </summary>
public sealed class Secret : IEquatable<Secret>
{
    private static readonly AsyncLocal<Func<string, string>?> PromptReader = new();
    private readonly string _value;

    private Secret(string source, string value)
    {
        Source = source;
        _value = value;
        SecretRegistry.Register(value);
    }

    /// <summary>Where the value came from ("env:SNMP_COMMUNITY", "prompt", "literal"); never the value.</summary>
    public string Source { get; }

    public int Length => _value.Length;

    /// <summary>The secret read from environment variable <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The variable is not set or empty.</exception>
    public static Secret FromEnv(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
            throw new InvalidOperationException($"Environment variable {name} is not set (or empty); export it before starting ops, e.g. `read -s {name} && export {name}`.");
        return new Secret("env:" + name, value);
    }

    /// <summary>
    /// Asks for the secret without echoing it: through the host's password input (the kernel's
    /// stdin channel, the REPL's terminal) when one is installed with <see cref="UsePrompt"/>, else
    /// the console.
    /// </summary>
    public static Secret Prompt(string prompt = "Password: ")
    {
        var read = PromptReader.Value ?? ReadFromConsole;
        var value = read(prompt) ?? "";
        if (value.Length == 0) throw new InvalidOperationException($"No value was entered for \"{prompt.Trim()}\".");
        return new Secret("prompt", value);
    }

    /// <summary>Wraps a value obtained elsewhere (a vault client, a file) so it is masked and redacted.</summary>
    public static Secret Of(string value, string source = "literal")
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return new Secret(source, value);
    }

    /// <summary>Installs the host's password reader for <see cref="Prompt"/> until disposed.</summary>
    public static IDisposable UsePrompt(Func<string, string> readPassword)
    {
        var previous = PromptReader.Value;
        PromptReader.Value = readPassword;
        return new Restore(() => PromptReader.Value = previous);
    }

    /// <summary>The secret itself. Pass it to the API that needs it; do not print it.</summary>
    public string Reveal() => _value;

    public static implicit operator string(Secret secret) => secret._value;

    public override string ToString() => $"Secret({Source}, ********)";

    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);
    public override bool Equals(object? obj) => obj is Secret s && Equals(s);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);

    private static string ReadFromConsole(string prompt)
    {
        Console.Error.Write(prompt);
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (sb.Length > 0) sb.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) sb.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return sb.ToString();
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        private Action? _undo = undo;
        public void Dispose() { _undo?.Invoke(); _undo = null; }
    }
}
