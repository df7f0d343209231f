using System.Text.Json;

namespace Ops.Wireless;

/// <summary>
/// A radio pinned to a W52 channel by radar recovery, when, and the W53/W56 channels whose radar made
/// it pin (<see cref="Triggers"/>): it is released only once none of them is listed any more.
/// </summary>
public sealed record Pin(string Controller, string Ap, string Mac, int Slot, int Channel, int FromChannel, DateTimeOffset PinnedAt,
    IReadOnlyList<int>? Triggers = null);

/// <summary>
/// The radios radar recovery has pinned, kept in a JSON file written after every change (write to a
/// temporary file, then rename) so a restart, or a crash mid-run, loses nothing.
/// </summary>
public sealed class PinState
{
    private readonly List<Pin> _pins;

    public PinState(IEnumerable<Pin>? pins = null, string? path = null)
    {
        _pins = pins?.ToList() ?? new();
        Path = path;
    }

    public string? Path { get; }
    public IReadOnlyList<Pin> Pins => _pins;

    public Pin? Find(string mac, int slot) => _pins.FirstOrDefault(p => p.Mac == mac && p.Slot == slot);

    public static PinState Load(string path)
    {
        if (!File.Exists(path)) return new PinState(path: path);
        try
        {
            var pins = JsonSerializer.Deserialize<List<Pin>>(File.ReadAllText(path), WlcJson.Options) ?? [];
            return new PinState(pins, path);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}:{e.LineNumber + 1}: radar pin state is not valid JSON ({e.Message}); fix or move it aside, and check the pinned radios by hand");
        }
    }

    public void Add(Pin pin)
    {
        _pins.RemoveAll(p => p.Mac == pin.Mac && p.Slot == pin.Slot);
        _pins.Add(pin);
        Save();
    }

    public void Remove(string mac, int slot)
    {
        _pins.RemoveAll(p => p.Mac == mac && p.Slot == slot);
        Save();
    }

    public void Save()
    {
        if (Path is null) return;
        AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(_pins, WlcJson.Options));
    }
}
